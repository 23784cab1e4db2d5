/**
 * The ARIMA baseline inside predict.py (and a training project's prepare.py): the same steps as
 * arima-js.ts (and src-main/forecast/arima.ts), with the same names in snake_case.
 */
export const ARIMA_PY = String.raw`
def arima_model():
    """target.arima of an ARIMA model, checked: a malformed one would move every forecast silently."""
    m = pre["target"].get("arima")

    def bad(why):
        return SystemExit(f"preprocessing.json is not usable: {why}.")

    def whole(v):
        return isinstance(v, int) and not isinstance(v, bool)

    if not isinstance(m, dict):
        raise bad("the arima target has no target.arima")
    if not whole(m.get("d")) or m["d"] not in (0, 1):
        raise bad("target.arima.d must be 0 or 1")
    if not whole(m.get("seasonalD")) or m["seasonalD"] not in (0, 1):
        raise bad("target.arima.seasonalD must be 0 or 1")

    def finite(v):
        return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)

    for key, most in (("ar", 2), ("ma", 1), ("seasonalMa", 1)):
        v = m.get(key)
        if not isinstance(v, list) or len(v) > most or not all(finite(c) and abs(c) < 10 for c in v):
            raise bad(f"target.arima.{key} must be a list of at most {most} number(s) between -10 and 10")
    if not finite(m.get("mean")):
        raise bad("target.arima.mean must be a finite number")
    # A missing period (...) is refused, as the app refuses it.
    period, target_period = m.get("period", ...), pre["target"].get("period")
    if m["seasonalD"] == 1 or m["seasonalMa"]:
        if target_period is None or not whole(period) or period != target_period:
            raise bad("a seasonal ARIMA model needs target.arima.period equal to target.period")
    elif period is not None and period != target_period:
        raise bad("target.arima.period must be null or equal to target.period")
    return m


def arima_lag(m):
    """Where the first difference exists: d values, and a season more with a seasonal difference."""
    return m["d"] + (m["period"] if m["seasonalD"] > 0 else 0)


def arima_differencing(m):
    """Lags and coefficients of the differencing (1 - B)^d (1 - B^period)^seasonalD, lag 0 left out."""
    poly = [1]

    def times(lag):
        nxt = [0] * (len(poly) + lag)
        for l, c in enumerate(poly):
            nxt[l] += c
            nxt[l + lag] -= c
        return nxt

    for _ in range(m["d"]):
        poly = times(1)
    if m["seasonalD"] > 0:
        poly = times(m["period"])
    return [(l, c) for l, c in enumerate(poly) if l > 0 and c != 0]


def arima_predict(m, w, e, i, lag):
    """The prediction of difference w[i] from those before it and their errors e; steps before lag count as the mean (errors 0)."""
    mean = m["mean"]
    out = mean
    for j, phi in enumerate(m["ar"]):
        if i - j - 1 >= lag:
            out += phi * (w[i - j - 1] - mean)
    theta = m["ma"][0] if m["ma"] else 0
    if theta != 0 and i - 1 >= lag:
        out += theta * e[i - 1]
    if m["seasonalMa"]:
        big, s = m["seasonalMa"][0], m["period"]
        if i - s >= lag:
            out += big * e[i - s]
        if theta != 0 and i - s - 1 >= lag:
            out += theta * big * e[i - s - 1]
    return out


def arima_forecast(history, k):
    """Forecast of the value k steps (0-based) after the history, by the ARIMA model."""
    m = arima_model()
    lag = arima_lag(m)
    y = [float(v) for v in history]
    n = len(y)
    if n < lag + 1:
        raise SystemExit(f"The ARIMA baseline needs at least {lag + 1} rows of history; found {n}.")
    poly = arima_differencing(m)
    w = [0.0] * (n + k + 1)
    e = [0.0] * (n + k + 1)
    # The differences and one-step errors over the whole history, from its first difference.
    for i in range(lag, n):
        v = y[i]
        for l, c in poly:
            v += c * y[i - l]
        w[i] = v
        e[i] = v - arima_predict(m, w, e, i, lag)
    # Future errors are 0: each future difference is its prediction, summed back onto the values before it.
    for i in range(n, n + k + 1):
        w[i] = arima_predict(m, w, e, i, lag)
        v = w[i]
        for l, c in poly:
            v -= c * y[i - l]
        y.append(v)
    return y[n + k]
`;
