/**
 * The forecast steps the bundle's predict.py and the training project's prepare.py share, in
 * Python: time stamps, calendar inputs, derived input columns, scaling and the baseline a target
 * transform adds back. They read the global \`pre\` (preprocessing.json) that each script loads.
 */
import { ARIMA_PY } from './arima-py';
import { SMOOTHING_PY } from './smoothing-py';

export const FORECAST_STEPS_PY = String.raw`DAY = 86400000
FIXED_STEP = {"minutely": 60000, "hourly": 3600000, "daily": DAY, "weekly": 7 * DAY}
MONTH_STEP = {"monthly": 1, "quarterly": 3, "yearly": 12}
EPOCH = datetime(1970, 1, 1, tzinfo=timezone.utc)
# Calendar inputs from the UTC date: hour / 23, weekday / 6 (Sunday 0), month / 11, and the
# sine and cosine of the share of its year that has passed (leap years included).
def year_phase(d):
    start = datetime(d.year, 1, 1, tzinfo=timezone.utc)
    return (d - start) / (datetime(d.year + 1, 1, 1, tzinfo=timezone.utc) - start)


CALENDAR = {
    "hour": lambda d: d.hour / 23,
    "weekday": lambda d: ((d.weekday() + 1) % 7) / 6,
    "month": lambda d: (d.month - 1) / 11,
    "year-sin": lambda d: math.sin(2 * math.pi * year_phase(d)),
    "year-cos": lambda d: math.cos(2 * math.pi * year_phase(d)),
}

TIME = r"(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?"
ISO = re.compile(r"^(\d{4})[-/](\d{1,2})[-/](\d{1,2})" + TIME + r"\s*(Z|z|[+-]\d{2}:?\d{2})?$")
YEAR_QUARTER = re.compile(r"^(\d{4})\s*-?\s*[Qq]([1-4])$")
YEAR_MONTH = re.compile(r"^(\d{4})[-/](\d{1,2})$")
YEAR = re.compile(r"^\d{4}$")


def to_ms(d):
    return (d - EPOCH) // timedelta(milliseconds=1)


def to_date(ms):
    return EPOCH + timedelta(milliseconds=ms)


def utc(y, mo, d, h=0, mi=0, s=0):
    return to_ms(datetime(y, mo, d, h, mi, s, tzinfo=timezone.utc))


def parse_time(raw):
    """A time cell as milliseconds since 1970 (UTC): ISO dates and times, year-month, year-quarter, year."""
    s = raw.strip()
    m = ISO.match(s)
    if m:
        g = m.groups()
        t = utc(int(g[0]), int(g[1]), int(g[2]), int(g[3] or 0), int(g[4] or 0), int(g[5] or 0))
        t += round(float("0." + g[6]) * 1000) if g[6] else 0
        zone = g[7] and re.match(r"^([+-])(\d{2}):?(\d{2})$", g[7])
        if zone:
            t -= (-1 if zone.group(1) == "-" else 1) * (int(zone.group(2)) * 60 + int(zone.group(3))) * 60000
        return t
    m = YEAR_QUARTER.match(s)
    if m:
        return utc(int(m.group(1)), (int(m.group(2)) - 1) * 3 + 1, 1)
    m = YEAR_MONTH.match(s)
    if m:
        return utc(int(m.group(1)), int(m.group(2)), 1)
    if YEAR.match(s):
        return utc(int(s), 1, 1)
    raise SystemExit(f'Cannot read the time "{raw}": write it like 2024-01-31, 2024-01-31 13:00, 2024-01, 2024-Q1 or 2024.')


def add_steps(frequency, t, k):
    """The time k steps after t; calendar months for monthly, quarterly and yearly data (a 31st becomes the month's last day)."""
    months = MONTH_STEP.get(frequency)
    if not months:
        return t + k * FIXED_STEP[frequency]
    d = to_date(t)
    target = d.month - 1 + k * months
    y, m = d.year + target // 12, target % 12 + 1
    return utc(y, m, min(d.day, calendar.monthrange(y, m)[1]), d.hour, d.minute, d.second)


def future_times(times, frequency, steps):
    """The steps time stamps after the last one: on the frequency, or the median spacing of the last stamps."""
    last = times[-1]
    if frequency in FIXED_STEP or frequency in MONTH_STEP:
        return [add_steps(frequency, last, k + 1) for k in range(steps)]
    recent = times[-21:]
    gaps = sorted(b - a for a, b in zip(recent, recent[1:]))
    step = gaps[len(gaps) // 2] if gaps else DAY
    return [last + (k + 1) * step for k in range(steps)]


def derive(values, kind, period):
    """The input column as the app computes it; leading steps without a predecessor are 0."""
    if kind == "level":
        return values
    lag = 1 if kind == "difference" else period
    out = np.zeros_like(values)
    out[lag:] = values[lag:] - values[:-lag]
    return out


def scale(values, s):
    return values if s["kind"] == "none" else (values - s["center"]) / s["scale"]


def unscale(values, s):
    return values if s["kind"] == "none" else values * s["scale"] + s["center"]


# The calendar cycles a seasonal profile follows: phase of a UTC date, cycle length, what one row is.
PHASE = {
    "month": {"period": 12, "row": "month", "of": lambda d: d.month - 1},
    "quarter": {"period": 4, "row": "quarter", "of": lambda d: (d.month - 1) // 3},
    "hour": {"period": 24, "row": "hour", "of": lambda d: d.hour},
    "weekday": {"period": 7, "row": "day", "of": lambda d: (d.weekday() + 1) % 7},
}


def season_profile():
    """target.profile of a seasonal-profile model, checked: a malformed one would shift every forecast silently."""
    p = pre["target"].get("profile")

    def bad(why):
        return SystemExit(f"preprocessing.json is not usable: {why}.")

    if not isinstance(p, dict):
        raise bad("the seasonal-profile target has no target.profile")
    cycle = PHASE.get(p.get("unit"))
    if cycle is None:
        raise bad(f"target.profile.unit must be one of {', '.join(PHASE)}")
    if pre["target"].get("period") != cycle["period"]:
        raise bad(f"a {p['unit']} profile needs target.period {cycle['period']}")

    def finite(v):
        return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)

    values = p.get("values")
    if not isinstance(values, list) or len(values) != cycle["period"] or not all(finite(v) for v in values):
        raise bad(f"target.profile.values needs {cycle['period']} finite numbers, one per {cycle['row']}")
    if not finite(p.get("drift")):
        raise bad("target.profile.drift must be a finite number")
    window = p.get("window")
    if not isinstance(window, int) or isinstance(window, bool) or window < 1:
        raise bad("target.profile.window must be a whole number >= 1")
    return p


def season_offset(profile, times):
    """The calendar phase of the first history row. The profile's steps are read from the calendar, so
    every row must advance the cycle by exactly one step; otherwise the usual pattern would be added
    to the wrong months (or hours, days)."""
    cycle = PHASE[profile["unit"]]
    period, of = cycle["period"], cycle["of"]
    offset = of(to_date(times[0]))
    for i in range(1, len(times)):
        if of(to_date(times[i])) != (offset + i) % period:
            when = to_date(times[i]).strftime("%Y-%m-%d %H:%M")
            raise SystemExit(
                f"The model adds the usual {profile['unit']} pattern to its forecasts, so history.csv needs one row "
                f"per {cycle['row']} without gaps; row {i + 1} ({when}) breaks the cycle."
            )
    return offset


${SMOOTHING_PY}
${ARIMA_PY}

def baseline(history, k, offset):
    """What the network's output for step k (0-based) is added to.

    offset: the calendar phase of history[0] (seasonal profile only)."""
    t = pre["target"]
    n = len(history)
    if t["transform"] == "level":
        return 0.0
    if t["transform"] == "difference":
        return history[-1]
    if t["transform"] == "exponential-smoothing":
        return smoothing_forecast(history, k)
    if t["transform"] == "arima":
        return arima_forecast(history, k)
    p = t["period"]
    if t["transform"] == "seasonal-profile":
        values, drift, window = t["profile"]["values"], t["profile"]["drift"], t["profile"]["window"]
        # The recent level with the season taken out, carried forward by the drift, plus the season at the step.
        total = 0.0
        for i in range(n - window, n):
            total += history[i] - values[(offset + i) % p]
        return total / window + drift * ((window + 1) / 2 + k) + values[(offset + n + k) % p]
    return history[n + k - (k // p + 1) * p]


def is_number(cell):
    try:
        return math.isfinite(float(cell))
    except (TypeError, ValueError):
        return False
`;

/** CSV file -> column name -> cell texts, as both scripts read history and data files. */
export const READ_CSV_PY = String.raw`def read_csv(path):
    """CSV file -> column name -> cell texts."""
    with open(path, newline="", encoding="utf-8-sig") as f:
        rows = [r for r in csv.reader(f) if r]
    header, body = rows[0], rows[1:]
    return {name.strip(): [r[c] if c < len(r) else "" for r in body] for c, name in enumerate(header)}
`;
