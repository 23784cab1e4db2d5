/**
 * The exponential-smoothing baseline inside predict.py: the same steps as smoothing-js.ts (and
 * src-main/forecast/exponential-smoothing.ts), with the same names in snake_case.
 */
export const SMOOTHING_PY = String.raw`
def smoothing_model():
    """target.smoothing of an exponential-smoothing model, checked: a malformed one would move every forecast silently."""
    m = pre["target"].get("smoothing")

    def bad(why):
        return SystemExit(f"preprocessing.json is not usable: {why}.")

    if not isinstance(m, dict):
        raise bad("the exponential-smoothing target has no target.smoothing")
    if m.get("trend") not in ("none", "additive", "damped"):
        raise bad("target.smoothing.trend must be one of none, additive, damped")
    if m.get("season") not in ("none", "additive", "multiplicative"):
        raise bad("target.smoothing.season must be one of none, additive, multiplicative")
    period = m.get("period")
    if m["season"] != "none" and (
        not isinstance(period, int) or isinstance(period, bool) or period < 2 or period != pre["target"].get("period")
    ):
        raise bad("a seasonal smoothing model needs target.smoothing.period equal to target.period")
    for key in ("alpha", "beta", "gamma", "phi"):
        v = m.get(key)
        if not isinstance(v, (int, float)) or isinstance(v, bool) or not math.isfinite(v) or v < 0 or v > 1:
            raise bad(f"target.smoothing.{key} must be a number from 0 to 1")
    return m


TINY = 1e-12


def safe(x):
    return (-TINY if x < 0 else TINY) if abs(x) < TINY else x


def smoothing_forecast(history, k):
    """Forecast of the value k steps (0-based) after the history, by exponential smoothing (Holt-Winters)."""
    m = smoothing_model()
    seasonal = m["season"] != "none"
    p = m["period"] if seasonal else 1
    mult = m["season"] == "multiplicative"
    trended = m["trend"] != "none"
    phi = m["phi"] if m["trend"] == "damped" else 1.0
    alpha, beta, gamma = m["alpha"], m["beta"], m["gamma"]
    y = [float(v) for v in history]
    n = len(y)
    need = ((2 if trended else 1) * p) if seasonal else (2 if trended else 1)
    if n < need:
        raise SystemExit(f"Exponential smoothing needs at least {need} rows of history to start; found {n}.")
    # The start: the first season's mean, the change between the first two seasons' means per step,
    # the first season's deviations (ratios) from its mean; without a season the first value(s).
    trend = 0.0
    season = [1.0 if mult else 0.0] * (n + p)
    if seasonal:
        first = sum(y[:p]) / p
        level = first
        if trended:
            trend = (sum(y[p : 2 * p]) / p - first) / p
        for i in range(p):
            season[i] = y[i] / safe(first) if mult else y[i] - first
    else:
        level = y[0]
        if trended:
            trend = y[1] - y[0]
    for t in range(n):
        base = level + phi * trend
        s = season[t] if seasonal else (1.0 if mult else 0.0)
        nxt = alpha * (y[t] / safe(s) if mult else y[t] - s) + (1 - alpha) * base
        if trended:
            trend = beta * (nxt - level) + (1 - beta) * phi * trend
        if seasonal:
            season[t + p] = gamma * (y[t] / safe(base) if mult else y[t] - base) + (1 - gamma) * s
        level = nxt
    damped = 0.0
    power = 1.0
    for _ in range(k + 1):
        power *= phi
        damped += power
    base = level + damped * trend
    if not seasonal:
        return base
    s = season[n + k - p * (-(-(k + 1) // p)) + p]
    return base * s if mult else base + s
`;
