/**
 * evaluate.py of a forecast training project: test forecasts in the target's units beside the
 * naive and seasonal-naive forecasts, and predictions.csv with formulas neutralised; a run over
 * several series is scored per series and over all of them (evaluate-global-py.ts).
 */
import { CSV_SAFE_PY } from './csv-safe-py';
import { EVALUATE_GLOBAL_PY } from './evaluate-global-py';

export const EVALUATE_FORECAST_PY = String.raw`"""Scores a trained forecast network on the test split, as Recurrent Studio does."""
import csv
import math

import numpy as np

from prepare import pre, spec, to_date, unscale
${CSV_SAFE_PY}

def regression(actual, predicted):
    pairs = [(a, p) for a, p in zip(actual, predicted) if math.isfinite(a) and math.isfinite(p)]
    if not pairs:
        return None
    errors = np.array([p - a for a, p in pairs])
    return {"rmse": float(np.sqrt(np.mean(errors**2))), "mae": float(np.mean(np.abs(errors))), "count": len(pairs)}


def seasonal_period(target):
    return spec["data"]["seasonalPeriod"] or target.get("period")


def evaluate(model, data):
    """Test forecasts in the target's units beside naive (last value) and seasonal naive (one season back)."""
    if "parts" in data:
        return evaluate_global(model, data)
    if data["test"] is None:
        return {"note": "The split has no test part."}, []
    period = seasonal_period(pre["target"])
    rows = forecast_rows(model, data, period)
    return dict(scores(rows, period), seasonalPeriod=period), rows


def forecast_rows(model, data, period):
    """One row per test origin and forecast step: actual, forecast, naive and seasonal naive."""
    x, _ = data["test"]
    y, horizon = data["series"], spec["data"]["horizon"]
    raw = np.asarray(model.predict(x, verbose=0)).reshape(len(x), -1)[:, :horizon]
    rows = []
    for s, t in enumerate(data["origins"]["test"]):
        base = data["baselines"](t)
        for k in range(horizon):
            correction = 0.0 if data.get("plain") else unscale(raw[s, k], data["target_scaler"])
            forecast = float(correction + base[k])
            seasonal = float(y[t + k - (k // period + 1) * period]) if period and t >= period else math.nan
            rows.append({"origin": t, "step": k + 1, "actual": float(y[t + k]), "forecast": forecast,
                         "naive": float(y[t - 1]), "seasonal_naive": seasonal})
    return rows


def scores(rows, period):
    column = lambda name: [r[name] for r in rows]  # noqa: E731
    return {
        "model": regression(column("actual"), column("forecast")),
        "naive": regression(column("actual"), column("naive")),
        "seasonalNaive": regression(column("actual"), column("seasonal_naive")) if period else None,
    }

${EVALUATE_GLOBAL_PY}

def write_predictions(path, rows, data):
    """predictions.csv: one row per test forecast; a global run's rows start with their series."""
    parts = {p["id"]: p for p in data.get("parts", [])}
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        if parts:
            w.writerow(["series", "time", "step", "actual", "forecast", "naive", "seasonal_naive"])
        else:
            w.writerow(["time", "step", "actual", "forecast", "naive", "seasonal_naive"])
        for r in rows:
            times = parts[r["series"]]["times"] if parts else data["times"]
            when = times[r["origin"] + r["step"] - 1] if times else r["origin"] + r["step"] - 1
            stamp = to_date(when).isoformat() if times else when
            series = [csv_cell(r["series"])] if parts else []
            w.writerow(series + [csv_cell(stamp)] + [csv_cell(r[k]) for k in ["step", "actual", "forecast", "naive", "seasonal_naive"]])
`;
