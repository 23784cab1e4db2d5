/**
 * The part of a forecast project's prepare.py that reproduces a global run (one network over
 * every series of a file, src-main/engine/tasks/forecast/global-forecast-task.ts): the file's
 * series (per id column value, or per target column of a wide file), each prepared on its own
 * with the inputs, target transform and scalers of its entry in preprocessing.json `series`,
 * and the windows of every series pooled for training and validation.
 */
import type { FieldRule } from '../scripts/preprocessing-check';

/** The checks of preprocessing.json `series` (absent in single-series runs, so the rules pass). */
export const GLOBAL_RULES: FieldRule[] = [
  ['series.*.id', 'string'],
  ['series.*.inputs', 'list'],
  ['series.*.inputs.*.source', 'string'],
  ['series.*.inputs.*.derived', 'enum', ['level', 'difference', 'seasonal-difference', 'calendar']],
  ['series.*.inputs.*.lead', 'int', 0, 'optional'],
  ['series.*.target.name', 'string'],
  [
    'series.*.target.transform',
    'enum',
    ['level', 'difference', 'seasonal-residual', 'seasonal-profile', 'exponential-smoothing', 'arima'],
  ],
  ['series.*.target.period', 'int', 1, 'nullable'],
];

/** Python defining prepare_global(path) and series_view(own); the rest of prepare.py is in scope. */
export const GLOBAL_PREPARE_PY = String.raw`@contextmanager
def series_view(own):
    """pre as one series of a global run sees it: its own inputs and target (the shared steps read pre)."""
    saved = pre["inputs"], pre["target"]
    pre["inputs"], pre["target"] = own["inputs"], own["target"]
    try:
        yield
    finally:
        pre["inputs"], pre["target"] = saved


def series_key(cell):
    """A series id as the app names it: text trimmed, numbers as JavaScript writes them (1.0 -> 1)."""
    text = str(cell).strip()
    try:
        v = float(text)
    except ValueError:
        return text
    if not math.isfinite(v):
        return text
    return str(int(v)) if v.is_integer() and abs(v) < 1e21 else repr(v)


def series_groups(cells):
    """Each series' rows by id: per id column value (rows without one are left out) or, in a wide file, every row per target column."""
    d = spec["data"]
    if d["series"].get("wide") and len(d["targetColumns"]) > 1:
        rows = list(range(len(next(iter(cells.values()), []))))
        return {series_key(name): rows for name in d["targetColumns"]}
    if not d.get("idColumn"):
        raise SystemExit("The run trained over several series, but its spec names no series column.")
    check_columns(cells, [d["idColumn"]])
    groups = {}
    for r, cell in enumerate(cells[d["idColumn"]]):
        if cell.strip():
            groups.setdefault(series_key(cell), []).append(r)
    return groups


def prepare_global(path):
    """Every series of the run prepared on its own; training and validation windows of all series pooled.

    A series is prepared with its own target transform from preprocessing.json and scalers fitted
    on its own training part. Series of the file the run did not train on have no target transform
    and are left out, as are series too short for a window; both are reported.
    """
    d = spec["data"]
    cells = read_table(path)
    check_columns(cells, [pre["timeColumn"]] if pre["timeColumn"] else [])
    groups = series_groups(cells)
    parts, left_out = [], []
    for own in pre["series"]:
        rows = groups.get(series_key(own["id"]))
        if rows is None:
            left_out.append(f"'{own['id']}': the data file has no rows of it")
            continue
        with series_view(own):
            check_columns(cells, wanted_columns())
            times, columns = series_rows(cells, rows)
            length, needed = len(columns[own["target"]["name"]]), d["lookback"] + d["horizon"] + 1
            if length < needed:
                left_out.append(f"'{own['id']}': {length} rows; a window plus the horizon needs {needed}")
                continue
            try:
                part = prepare_series(times, columns, scope="global")
            except SystemExit as stop:
                left_out.append(f"'{own['id']}': {stop.code}")
                continue
        part["id"] = own["id"]
        parts.append(part)
    if not parts:
        raise SystemExit(f"No series of the run can be windowed in this file: {'; '.join(left_out[:5])}.")
    trained = {series_key(s["id"]) for s in pre["series"]}
    unknown = [name for name in groups if name not in trained]
    if unknown:
        shown = ", ".join(f"'{name}'" for name in unknown[:10])
        left_out.append(f"{shown}{' and more' if len(unknown) > 10 else ''}: the run has no target transform for them")
    if left_out:
        print(f"Series left out: {'; '.join(left_out[:20])}.", file=sys.stderr)
    fitted = copy.deepcopy(pre)
    fitted["series"] = [{"id": p["id"], "inputs": p["inputs"], "target": p["target"]} for p in parts]
    # The top-level inputs and target of a global run's preprocessing.json are its first series'.
    fitted["inputs"], fitted["target"] = parts[0]["inputs"], parts[0]["target"]
    fitted["spec"]["data"]["file"] = os.path.abspath(path)

    def pooled(name):
        splits = [p[name] for p in parts if p[name] is not None]
        if not splits:
            return None
        return np.concatenate([x for x, _ in splits]), np.concatenate([y for _, y in splits])

    return {
        "parts": parts,
        "train": pooled("train"),
        "validation": pooled("validation"),
        "test": pooled("test"),
        "left_out": left_out,
        "preprocessing": fitted,
    }
`;
