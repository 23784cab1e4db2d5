"""Statistical peers for the quality suite: ETS and seasonal ARIMA from statsmodels.

Reads one JSON object from stdin: {"values": [...], "testStart": int, "testIndices": [...],
"period": int | null}. Each model is chosen by AIC among a small grid and fitted on the values
before testStart (the part the network may learn from, training and validation); its one-step
forecasts over the test steps then use the fitted parameters with the actual values as they
arrive, which is what the suite's model does. Prints {"ets": {...}, "arima": {...}} with each
peer's test RMSE and the chosen form, or null for a peer that could not be fitted.
"""
import json
import sys
import warnings

import numpy as np
from statsmodels.tsa.exponential_smoothing.ets import ETSModel
from statsmodels.tsa.statespace.sarimax import SARIMAX
from statsmodels.tsa.stattools import adfuller

warnings.filterwarnings("ignore")


def rmse(forecast, values, indices):
    errors = [values[i] - forecast[i] for i in indices]
    return float(np.sqrt(np.mean(np.square(errors))))


def ets(values, train_end, indices, period):
    train = values[:train_end]
    positive = bool(np.all(values > 0))
    seasons = [None] + (["add", "mul"] if period and train_end >= 2 * period + 2 else [])
    best = None
    for error in ["add", "mul"] if positive else ["add"]:
        for trend, damped in [(None, False), ("add", False), ("add", True)]:
            for season in seasons:
                if season == "mul" and not positive:
                    continue
                spec = dict(error=error, trend=trend, damped_trend=damped, seasonal=season,
                            seasonal_periods=period if season else None)
                try:
                    fit = ETSModel(train, initialization_method="estimated", **spec).fit(disp=False, maxiter=200)
                except Exception:
                    continue
                if np.isfinite(fit.aic) and (best is None or fit.aic < best[0]):
                    best = (fit.aic, spec, fit.params)
    if best is None:
        return None
    _, spec, params = best
    smoothed = ETSModel(values, initialization_method="estimated", **spec).smooth(params)
    name = f"ETS({spec['error'][0].upper()},{'N' if not spec['trend'] else 'Ad' if spec['damped_trend'] else 'A'},{(spec['seasonal'] or 'n')[0].upper()})"
    return {"rmse": rmse(np.asarray(smoothed.fittedvalues), values, indices), "form": name}


def arima(values, train_end, indices, period):
    train = values[:train_end]
    d = 0 if adfuller(train, autolag="AIC")[1] < 0.05 else 1
    seasonal_ok = bool(period) and period <= 24 and train_end >= 3 * period
    D = 0
    if seasonal_ok:
        base = np.diff(train, n=d) if d else train
        D = 1 if np.var(base[period:] - base[:-period]) < np.var(base) else 0
    best = None
    # A small grid keeps a series under a minute on two cores; the orders most series choose are in it.
    for p in range(3):
        for q in range(2):
            for P, Q in ([(0, 0), (1, 0), (0, 1)] if seasonal_ok else [(0, 0)]):
                order = (p, d, q)
                seasonal = (P, D, Q, period) if seasonal_ok else (0, 0, 0, 0)
                trend = "c" if d + D == 0 else None
                try:
                    fit = SARIMAX(train, order=order, seasonal_order=seasonal, trend=trend).fit(disp=False, maxiter=50)
                except Exception:
                    continue
                if np.isfinite(fit.aic) and (best is None or fit.aic < best[0]):
                    best = (fit.aic, order, seasonal, trend, fit.params)
    if best is None:
        return None
    _, order, seasonal, trend, params = best
    filtered = SARIMAX(values, order=order, seasonal_order=seasonal, trend=trend).filter(params)
    form = f"ARIMA{order}" + (f"({seasonal[0]},{seasonal[1]},{seasonal[2]})[{seasonal[3]}]" if seasonal[3] else "")
    return {"rmse": rmse(np.asarray(filtered.fittedvalues), values, indices), "form": form}


def main():
    job = json.loads(sys.stdin.read())
    values = np.asarray(job["values"], dtype=float)
    train_end = int(job["testStart"])
    indices = [int(i) for i in job["testIndices"]]
    period = job["period"]
    print(json.dumps({"ets": ets(values, train_end, indices, period), "arima": arima(values, train_end, indices, period)}))


main()
