/**
 * predict.py of a forecast bundle: the same steps as predict.cjs with onnxruntime and numpy, with
 * the same names (snake_case) so the two read side by side.
 */
import { FORECAST_RULES, preprocessingCheckPy } from './preprocessing-check';
import { FORECAST_STEPS_PY, READ_CSV_PY } from './forecast-steps-py';

export const FORECAST_PY = String.raw`"""Forecast with the exported model exactly as Recurrent Studio does.

Usage: python predict.py history.csv
history.csv holds the input columns (same names as in the app), oldest row first, without gaps
(fill them the way the app did), up to the forecast origin. Rows after the last target value may
follow: they give the future values of known-future columns (and their time stamps).
Prints the forecast as a JSON array.
Needs: pip install onnxruntime numpy
"""
import calendar
import csv
import json
import math
import os
import re
import sys
from datetime import datetime, timedelta, timezone

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
${preprocessingCheckPy(FORECAST_RULES)}

pre = _read_preprocessing()

${FORECAST_STEPS_PY}

def build_window(cells):
    """The model input [1, lookback, inputs] from CSV columns (name -> cell texts), the target history and
    the calendar phase of its first row (seasonal profile only, else None)."""
    target = cells.get(pre["target"]["name"])
    if target is None:
        raise SystemExit(f'history.csv has no column "{pre["target"]["name"]}".')
    n = len(target)
    while n > 0 and not is_number(target[n - 1]):
        n -= 1
    if n < pre["lookback"]:
        raise SystemExit(f"The forecast needs at least {pre['lookback']} rows of history; found {n}.")
    period = pre["target"].get("period") or 1
    history = np.array([float(v) for v in target[:n]])
    given = None

    def row_times(need):
        # Time stamps of the rows that have one; need: what the stamps are for, said when the column is missing.
        nonlocal given
        if given is None:
            column = cells.get(pre["timeColumn"] or "")
            if column is None:
                raise SystemExit(f'{need} the time column "{pre["timeColumn"] or "time"}" in history.csv.')
            given = [parse_time(c) for c in column if c.strip() != ""]
        return given

    def times_up_to(end):
        # Time stamps of the rows, continued on the frequency where the file has none.
        times = row_times("Calendar inputs need")
        return (times + future_times(times, pre["frequency"], max(0, end - len(times))))[:end]

    offset = None
    if pre["target"]["transform"] == "exponential-smoothing":
        smoothing_forecast(history, 0)
    if pre["target"]["transform"] == "arima":
        arima_forecast(history, 0)
    if pre["target"]["transform"] == "seasonal-profile":
        profile = season_profile()
        if n < profile["window"]:
            raise SystemExit(f"The seasonal profile needs at least {profile['window']} rows of history; found {n}.")
        need = f"The model adds the usual {profile['unit']} pattern to its forecasts, so it needs"
        times = row_times(need)
        # Every history row needs its own stamp: stamps continued on the frequency would hide a gap in the cycle.
        if len(times) < n:
            raise SystemExit(f"{need} a time stamp in every row; {len(times)} of {n} rows have one.")
        offset = season_offset(profile, times[:n])

    columns = []
    for inp in pre["inputs"]:
        lead = inp.get("lead") or 0
        if inp["derived"] == "calendar":
            get = CALENDAR.get(inp["source"])
            if get is None:
                raise SystemExit(f'Unknown calendar input "{inp["source"]}".')
            columns.append(np.array([get(to_date(t)) for t in times_up_to(n + lead)]))
            continue
        column = cells.get(inp["source"])
        if column is None:
            raise SystemExit(f'history.csv has no column "{inp["source"]}".')
        # Observed inputs stop at the origin; known-future ones also use the rows after it that hold a value.
        m = n
        while lead > 0 and m < min(len(column), n + lead) and is_number(column[m]):
            m += 1
        values = derive(np.array([float(v) if is_number(v) else math.nan for v in column[:m]]), inp["derived"], period)
        # Past the known rows a known-future column holds its last value, as the app does.
        columns.append(values[np.minimum(m - 1, np.arange(n + lead))])
    steps = np.arange(n - pre["lookback"], n)
    window = np.stack(
        [scale(col[steps + (inp.get("lead") or 0)], inp["scaler"]) for col, inp in zip(columns, pre["inputs"])],
        axis=-1,
    )
    if not np.all(np.isfinite(window)):
        raise SystemExit(f"The last {pre['lookback']} rows hold empty or non-numeric cells; fill the gaps the way the app did.")
    return window[None].astype(np.float32), history, offset


def forecast(cells):
    """Forecasts pre["horizon"] steps after the last target value, in the target's units."""
    # The history is checked before onnxruntime loads, so a refusal is quick and its message stands alone.
    window, history, offset = build_window(cells)
    import onnxruntime as ort

    session = ort.InferenceSession(os.path.join(HERE, "model", "model.onnx"))
    out = session.run(["output"], {"input": window})[0].reshape(-1)[: pre["horizon"]]
    # A series the app's validation guard gave its plain forecast (target.plain) ignores the network.
    plain = bool(pre["target"].get("plain"))
    return [
        float((0.0 if plain else unscale(v, pre["target"]["scaler"])) + baseline(history, k, offset))
        for k, v in enumerate(out)
    ]


${READ_CSV_PY}

def for_series(cells, wanted):
    """Sets pre to series wanted's own inputs and target (the first without --series) and keeps its rows of a long file."""
    every = pre.get("series") or []
    if not every:
        if wanted is not None:
            raise SystemExit('This model was trained on one series; it has no series "%s" to choose.' % wanted)
        return cells
    sid = every[0]["id"] if wanted is None else wanted
    own = next((s for s in every if s["id"] == sid), None)
    if own is None:
        shown = ", ".join('"%s"' % s["id"] for s in every[:10])
        more = " and %d more" % (len(every) - 10) if len(every) > 10 else ""
        raise SystemExit('The model has no series "%s". Its series are %s%s.' % (sid, shown, more))
    pre["inputs"] = own["inputs"]
    pre["target"] = own["target"]
    id_column = ((pre.get("spec") or {}).get("data") or {}).get("idColumn")
    ids = cells.get(id_column) if id_column else None
    if ids is None:
        return cells
    rows = [i for i, v in enumerate(ids) if v.strip() == sid]
    if not rows:
        raise SystemExit('history.csv has no rows of the series "%s" in its column "%s".' % (sid, id_column))
    return {name: [column[i] for i in rows] for name, column in cells.items()}


if __name__ == "__main__":
    args = sys.argv[1:]
    series = args[args.index("--series") + 1] if "--series" in args[:-1] else None
    print(json.dumps(forecast(for_series(read_csv(args[0]), series))))
`;
