/**
 * The part of a forecast project's evaluate.py that scores a global run as the app does
 * (src-main/engine/tasks/forecast/global-forecast-task.ts): every series on its own test
 * windows beside its own naive and seasonal naive, the app's aggregate (each series' MAE over
 * its naive MAE, averaged), and the scores of every test forecast of all series together.
 */

/** Python defining evaluate_global(model, data); evaluate.py's other functions are in scope. */
export const EVALUATE_GLOBAL_PY = String.raw`
def scaled_error(m):
    """The model's MAE over the naive forecast's (below 1: better than naive); None when it is not finite."""
    if m["naive"]["mae"] > 0:
        return m["model"]["mae"] / m["naive"]["mae"]
    return 1.0 if m["model"]["mae"] == 0 else None


def aggregate(series):
    """The app's summary over series: mean scaled errors of the model and the seasonal naive, and the series beating both baselines."""
    finite = [s["scaledError"] for s in series if s["scaledError"] is not None]
    seasonal = [s["seasonalNaive"]["mae"] / s["naive"]["mae"] for s in series if s["seasonalNaive"] and s["naive"]["mae"] > 0]
    beating = [
        s for s in series
        if s["model"]["mae"] < s["naive"]["mae"] and (not s["seasonalNaive"] or s["model"]["mae"] < s["seasonalNaive"]["mae"])
    ]
    return {
        "seriesCount": len(series),
        "meanScaledError": sum(finite) / max(1, len(finite)),
        "seasonalNaiveScaledError": sum(seasonal) / len(seasonal) if seasonal else None,
        "seriesBeatingBaselines": len(beating),
    }


def evaluate_global(model, data):
    """Every series scored on its own test windows; model, naive and seasonalNaive over all test forecasts together."""
    series, every = [], []
    for part in data["parts"]:
        if part["test"] is None:
            continue
        period = seasonal_period(part["target"])
        rows = forecast_rows(model, part, period)
        for r in rows:
            r["series"] = part["id"]
        own = scores(rows, period)
        if own["model"] is None or own["naive"] is None:
            continue
        series.append(dict(own, id=part["id"], seasonalPeriod=period, scaledError=scaled_error(own)))
        every += rows
    if not series:
        return {"note": "No series has a test part."}, []
    # A seasonal naive over all series only when every series has one to compare with.
    overall = scores(every, all(s["seasonalPeriod"] for s in series))
    periods = {s["seasonalPeriod"] for s in series}
    common = periods.pop() if len(periods) == 1 else None
    return dict(overall, seasonalPeriod=common, series=series, aggregate=aggregate(series)), every
`;
