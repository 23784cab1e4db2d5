/**
 * What every prepare.py of a training project starts with: reading the data file (the bundle's
 * CSV reader, the delimiter taken from the header as the app's import does) and opening the
 * run's preprocessing.json for its task.
 */
import { READ_CSV_PY } from '../scripts/forecast-steps-py';

/** Python defining read_table(path) -> column name -> cell texts; needs csv and os imported. */
export const READ_TABLE_PY = String.raw`${READ_CSV_PY}

def read_table(path):
    """A data file -> column name -> cell texts; the delimiter (, ; tab |) is read from the header."""
    if not os.path.isfile(path):
        raise SystemExit(f'The data file "{path}" does not exist or is not a file.')
    with open(path, newline="", encoding="utf-8-sig") as f:
        header = f.readline()
    delimiter = max([",", ";", "\t", "|"], key=header.count)
    if delimiter == ",":
        return read_csv(path)
    with open(path, newline="", encoding="utf-8-sig") as f:
        rows = [r for r in csv.reader(f, delimiter=delimiter) if r]
    head, body = rows[0], rows[1:]
    return {name.strip(): [r[c] if c < len(r) else "" for r in body] for c, name in enumerate(head)}
`;

/**
 * Python that reads and checks preprocessing.json into `pre` and `spec` and stops with a sentence
 * when the run is of another task than the prepare.py it opens (`reads`: what that prepare.py reads).
 */
export function runOfTaskPy(task: string, reads: string): string {
  return String.raw`pre = _read_preprocessing()
spec = pre["spec"]
TASK = "${task}"
if pre["task"] != TASK:
    raise SystemExit(f'This prepare.py reads ${reads}; the run is a {pre["task"]} run.')`;
}
