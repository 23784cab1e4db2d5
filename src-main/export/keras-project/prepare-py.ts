/**
 * prepare.py of a Keras training project: reads a data file and prepares it the way the app
 * prepared the run (time order, missing values, input columns, chronological splits, scalers
 * fitted on the training part, target transform, windows). The transform the app chose (with its
 * seasonal profile, smoothing or ARIMA model) comes from preprocessing.json; the scalers are fitted
 * again on the file given, so a longer file gets its own. The time, derived-column and baseline
 * steps are the bundle's own (scripts/forecast-steps-py.ts); a run over several series adds
 * prepare-global-py.ts.
 */
import { FORECAST_RULES, preprocessingCheckPy } from '../scripts/preprocessing-check';
import { FORECAST_STEPS_PY } from '../scripts/forecast-steps-py';
import { GLOBAL_PREPARE_PY, GLOBAL_RULES } from './prepare-global-py';
import { READ_TABLE_PY, runOfTaskPy } from './prepare-common-py';

export const PREPARE_PY = String.raw`"""Data preparation of the run, as Recurrent Studio does it.

prepare(path) returns the training, validation and test windows of a data file and what the
evaluation needs to turn network outputs back into the target's units.
"""
import calendar
import copy
import csv
import json
import math
import os
import re
import sys
from contextlib import contextmanager
from datetime import datetime, timedelta, timezone

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
${preprocessingCheckPy([...FORECAST_RULES, ...GLOBAL_RULES])}

${runOfTaskPy('forecast', 'forecasts')}
${FORECAST_STEPS_PY}
${READ_TABLE_PY}

def to_number(cell):
    try:
        v = float(cell)
    except (TypeError, ValueError):
        return math.nan
    return v if math.isfinite(v) else math.nan


def fill_missing(v, strategy):
    """Fills NaN in place as the app does: ffill, interpolate or mean; edges take the nearest value."""
    present = np.flatnonzero(~np.isnan(v))
    if len(present) == 0 or len(present) == len(v):
        return v
    if strategy == "mean":
        v[np.isnan(v)] = v[present].mean()
        return v
    if strategy == "interpolate":
        return np.interp(np.arange(len(v)), present, v[present])
    for i in range(len(v)):
        if math.isnan(v[i]):
            v[i] = v[i - 1] if i > 0 and not math.isnan(v[i - 1]) else v[present[0]]
    return v


def check_columns(cells, names):
    for name in names:
        if name not in cells:
            raise SystemExit(f'The data file has no column "{name}"; the run used it.')


def wanted_columns():
    """The columns the model reads of the series being prepared: its target, then its input columns."""
    return [pre["target"]["name"]] + [i["source"] for i in pre["inputs"] if i["derived"] != "calendar"]


def load_series(path):
    """The rows of the run's series in time order: time stamps (or None) and the columns the model reads."""
    d = spec["data"]
    cells = read_table(path)
    check_columns(cells, wanted_columns() + [c for c in [d.get("idColumn"), pre["timeColumn"]] if c])
    rows = list(range(len(cells[pre["target"]["name"]])))
    if d.get("idColumn"):
        ids = cells[d["idColumn"]]
        chosen = d["series"].get("id") or (ids[0] if ids else "")
        rows = [r for r in rows if ids[r] == chosen]
    return series_rows(cells, rows)


def series_rows(cells, rows):
    """Rows of one series in time order, missing values handled: time stamps (or None) and its columns."""
    d = spec["data"]
    wanted = wanted_columns()
    times = None
    if pre["timeColumn"]:
        stamps = [parse_time(cells[pre["timeColumn"]][r]) for r in rows]
        order = sorted(range(len(rows)), key=lambda i: stamps[i])
        rows, times = [rows[i] for i in order], [stamps[i] for i in order]
    columns = {name: np.array([to_number(cells[name][r]) for r in rows]) for name in dict.fromkeys(wanted)}
    if d["missing"] == "drop":
        keep = np.all([~np.isnan(c) for c in columns.values()], axis=0)
        columns = {name: c[keep] for name, c in columns.items()}
        times = [t for t, k in zip(times, keep) if k] if times else None
    else:
        columns = {name: fill_missing(c, d["missing"]) for name, c in columns.items()}
    return times, columns


def split_origins(length):
    """Train / validation / test origins as the app splits them (see src-main/data/prepare/split.ts)."""
    d = spec["data"]
    lookback, horizon, stride = d["lookback"], d["horizon"], max(1, d["stride"])

    def segment(share):
        # JavaScript's Math.round: halves round up.
        return max(math.floor(length * share + 0.5), horizon) if share > 0 else 0

    test_start = length - segment(d["split"]["test"])
    validation_start = test_start - segment(d["split"]["validation"])
    train = list(range(lookback, validation_start - horizon + 1, stride))
    validation = list(range(max(validation_start, lookback), test_start - horizon + 1, stride))
    test = list(range(max(test_start, lookback), length - horizon + 1, stride))
    if not train:
        raise SystemExit(f"The series has {length} steps: too few for a window of {lookback} plus a horizon of {horizon}.")
    return train, validation, test, validation_start


def history_needed():
    t = pre["target"]
    if t["transform"] == "exponential-smoothing":
        # Smoothing starts from the first season(s) of the history: windows before that have no base.
        m = t["smoothing"]
        first = 2 if m["trend"] != "none" else 1
        return first * m["period"] if m["season"] != "none" else first
    if t["transform"] == "arima":
        # ARIMA starts from the history's first difference and needs the value before it.
        return arima_lag(arima_model()) + 1
    return {"level": 0, "difference": 1, "seasonal-residual": t["period"] or 1}.get(t["transform"]) or (
        t["profile"]["window"] if t["transform"] == "seasonal-profile" else 0
    )


def fit_scaler(values, kind):
    """The app's scaler fitted on these values (NaN ignored); a constant column gets scale 1."""
    if kind == "none":
        return {"kind": "none", "center": 0.0, "scale": 1.0}
    v = values[~np.isnan(values)]
    if len(v) == 0:
        return {"kind": kind, "center": 0.0, "scale": 1.0}
    if kind == "minmax":
        spread = float(v.max() - v.min())
        return {"kind": kind, "center": float(v.min()), "scale": spread if spread > 0 else 1.0}
    std = float(v.std())
    return {"kind": kind, "center": float(v.mean()), "scale": std if std > 0 else 1.0}


def lead_column(values, lead):
    """Window step s holds the value at s + lead; the last steps repeat the last value."""
    return values[np.minimum(len(values) - 1, np.arange(len(values)) + lead)]


def prepare(path, saved=False):
    """Windows x [samples, lookback, inputs] and scaled network targets y [samples, horizon] per split.

    Scalers are fitted on the file given even when saved=True (the app's weights are scored): on
    the run's own file they are the app's. A run over several series prepares each of them
    (prepare_global).
    """
    if pre.get("series"):
        return prepare_global(path)
    times, columns = load_series(path)
    data = prepare_series(times, columns)
    fitted = copy.deepcopy(pre)
    fitted["inputs"], fitted["target"] = data["inputs"], data["target"]
    fitted["spec"]["data"]["file"] = os.path.abspath(path)
    # preprocessing.json of a model trained on this file: the run's, with the scalers fitted here.
    data["preprocessing"] = fitted
    return data


def prepare_series(times, columns, scope="one"):
    """One series' windows and what scoring it needs, with its inputs and target as fitted here.

    scope "global": one series among several that one network trains on (the app scales the
    target's own changes by their root mean square there, see input_scaler).
    """
    d = spec["data"]
    own = {"inputs": pre["inputs"], "target": copy.deepcopy(pre["target"])}
    y = columns[pre["target"]["name"]]
    n, horizon, lookback = len(y), d["horizon"], d["lookback"]
    train, validation, test, train_end = split_origins(n)
    first = history_needed()
    train, validation, test = ([t for t in o if t >= first] for o in (train, validation, test))
    if not train:
        raise SystemExit(f"No training windows are left after the first {first} steps the target transform needs.")
    offset = None
    if pre["target"]["transform"] == "seasonal-profile":
        if times is None:
            raise SystemExit("The run adds a seasonal profile, so the data needs its time column.")
        offset = season_offset(season_profile(), times)
    period = pre["target"].get("period") or 1
    scaled = []
    fitted_inputs = copy.deepcopy(pre["inputs"])
    for index, (inp, kept) in enumerate(zip(pre["inputs"], fitted_inputs)):
        lead = inp.get("lead") or 0
        if inp["derived"] == "calendar":
            if times is None:
                raise SystemExit("Calendar inputs need the time column.")
            values = np.array([CALENDAR[inp["source"]](to_date(t)) for t in times])
            scaler = {"kind": "none", "center": 0.0, "scale": 1.0}
        else:
            values = derive(columns[inp["source"]], inp["derived"], period)
            # Scalers are fitted on the training steps of the column itself, before any shift.
            scaler = input_scaler(values[:train_end], inp, scope == "global" and index == 0)
        kept["scaler"] = scaler
        inp_scaled = scale(lead_column(values, lead) if lead > 0 else values, scaler)
        scaled.append(inp_scaled.astype(np.float32))
    features = np.stack(scaled, axis=-1)

    def baselines(t):
        # The shared steps read pre: a series of a global run adds back its own baseline.
        with series_view(own):
            return np.array([baseline(y[:t], k, offset) for k in range(horizon)])

    def raw_targets(origins):
        return np.array([y[t : t + horizon] - baselines(t) for t in origins]).reshape(-1, horizon)

    target_scaler = target_scaler_of(raw_targets(train), d["scaling"])
    own["target"]["scaler"] = target_scaler

    def split(origins):
        x = np.array([features[t - lookback : t] for t in origins], dtype=np.float32).reshape(-1, lookback, features.shape[1])
        return x, scale(raw_targets(origins), target_scaler).astype(np.float32)

    return {
        "series": y,
        "times": times,
        "offset": offset,
        "target_scaler": target_scaler,
        # The app's validation guard gave this series its plain forecast (the baseline) instead of the network.
        "plain": bool(own["target"].get("plain")),
        "origins": {"train": train, "validation": validation, "test": test},
        "train": split(train),
        "validation": split(validation) if validation else None,
        "test": split(test) if test else None,
        "baselines": baselines,
        "inputs": fitted_inputs,
        "target": own["target"],
    }


def input_scaler(values, inp, global_target):
    """The scaler of an input column; in a global run the target's own changes keep 0 at 0.

    Standardising a series' changes would remove its drift, so one network over many series could
    not tell a growing series from a shrinking one: the app scales them by their root mean square.
    """
    kind = spec["data"]["scaling"]
    if global_target and kind == "standard" and inp["derived"] != "level":
        return rms_scaler(values)
    return fit_scaler(values, kind)


def rms_scaler(values):
    """Center 0, scale = root mean square (NaN ignored); a column of zeros gets scale 1."""
    v = values[~np.isnan(values)]
    rms = math.sqrt(float(np.mean(v**2))) if v.size else 0.0
    return {"kind": "standard", "center": 0.0, "scale": rms if rms > 1e-12 else 1.0}


def target_scaler_of(values, kind):
    """Level targets get the column's scaler; changes from a baseline keep 0 at 0 (scale = root mean square)."""
    if kind == "none":
        return {"kind": "none", "center": 0.0, "scale": 1.0}
    if pre["target"]["transform"] == "level":
        return fit_scaler(values.reshape(-1), kind)
    return rms_scaler(values.reshape(-1))

${GLOBAL_PREPARE_PY}

if __name__ == "__main__":
    prepared = prepare(sys.argv[1])
    parts = prepared.get("parts") or [dict(prepared, id=None)]
    print(json.dumps([{"series": p["id"], **{name: len(o) for name, o in p["origins"].items()}} for p in parts]))
`;
