/**
 * The seasonal-profile baseline: the classical decomposition forecast. From the training part it
 * learns the drift (mean change per step) and the season's usual shape (the mean deviation at
 * each step of the season after the drift is removed); a forecast is the recent seasonally
 * adjusted level (the mean over the last `window` steps) carried forward by the drift, plus the
 * season's shape at the forecast step. With a stable season and a noisy series it averages the
 * noise away where naive and seasonal naive repeat it.
 *
 * The step of the season is read from the calendar (month of the year, quarter, hour of the day,
 * day of the week), so a saved profile applies to any stretch of the series, also in exported
 * bundles, whatever row the history starts at.
 */

export const PHASE_UNITS = ['month', 'quarter', 'hour', 'weekday'] as const;
export type PhaseUnit = (typeof PHASE_UNITS)[number];

/** The calendar cycle behind a frequency's usual season, with its length. */
const CYCLE_BY_FREQUENCY: Record<string, { unit: PhaseUnit; period: number }> = {
  monthly: { unit: 'month', period: 12 },
  quarterly: { unit: 'quarter', period: 4 },
  hourly: { unit: 'hour', period: 24 },
  daily: { unit: 'weekday', period: 7 },
};

/** What is saved with a model (preprocessing.json `target.profile`). */
export interface SeasonProfileState {
  unit: PhaseUnit;
  /** Usual deviation at each step of the season, indexed by the calendar phase; sums to 0. */
  values: number[];
  /** Mean change per step. */
  drift: number;
  /** Steps averaged for the recent level. */
  window: number;
}

/** A profile applied to one series: `offset` is the calendar phase of the series' first step. */
export interface AlignedSeasonProfile extends SeasonProfileState {
  offset: number;
}

/** The part of an aligned profile that is saved (the offset belongs to the series in use). */
export function savedProfile(p: AlignedSeasonProfile): SeasonProfileState {
  return { unit: p.unit, values: [...p.values], drift: p.drift, window: p.window };
}

/** The calendar phase of a time stamp (milliseconds, UTC) in `unit`. */
export function calendarPhase(unit: PhaseUnit, time: number): number {
  const d = new Date(time);
  switch (unit) {
    case 'month':
      return d.getUTCMonth();
    case 'quarter':
      return Math.floor(d.getUTCMonth() / 3);
    case 'hour':
      return d.getUTCHours();
    case 'weekday':
      return d.getUTCDay();
  }
}

/**
 * The calendar unit whose cycle is the seasonal period of a series of this frequency, or null
 * (no time stamps, another frequency, or a period that is not the calendar's cycle).
 */
export function profileUnit(frequency: string | null, period: number | null): PhaseUnit | null {
  const cycle = frequency ? CYCLE_BY_FREQUENCY[frequency] : undefined;
  return cycle && cycle.period === period ? cycle.unit : null;
}

/**
 * The calendar phase of step 0 when every step of `time` follows the cycle one step at a time,
 * or null (no time stamps, or gaps and irregular steps that break the cycle).
 */
export function phaseOffset(unit: PhaseUnit, period: number, time: ArrayLike<number> | null): number | null {
  if (!time || time.length === 0) return null;
  const offset = calendarPhase(unit, time[0]);
  for (let i = 1; i < time.length; i++) {
    if (calendarPhase(unit, time[i]) !== (offset + i) % period) return null;
  }
  return offset;
}

/**
 * Fits drift and shape on series[0 .. end-1]: the drift is the change between the means of the
 * first and the last season per step; the shape is the mean of (value − drift line) per phase,
 * centred to sum to zero. @throws RangeError when
 * the training part holds less than two full seasons.
 */
export function fitSeasonProfile(
  series: ArrayLike<number>,
  end: number,
  opts: { unit: PhaseUnit; period: number; offset: number; window: number },
): SeasonProfileState {
  const { period, offset, window } = opts;
  if (end < 2 * period) {
    throw new RangeError(`A seasonal profile needs two full seasons (${2 * period} steps) of training data.`);
  }
  // Mean of the last season minus mean of the first, per step between them: the season cancels
  // (each holds every phase once) and the noise is averaged over a season at each end.
  let first = 0;
  let last = 0;
  for (let i = 0; i < period; i++) {
    first += series[i];
    last += series[end - period + i];
  }
  const drift = (last - first) / period / (end - period);
  const sums = new Float64Array(period);
  const counts = new Float64Array(period);
  for (let i = 0; i < end; i++) {
    const phase = (offset + i) % period;
    sums[phase] += series[i] - drift * i;
    counts[phase] += 1;
  }
  const means = Array.from(sums, (s, p) => s / counts[p]);
  const centre = means.reduce((a, b) => a + b, 0) / period;
  return { unit: opts.unit, values: means.map((m) => m - centre), drift, window };
}

/** The calendar cycle of a series (its unit and the phase of step 0), or null when it has none. */
export function seriesCalendar(
  frequency: string | null,
  period: number | null,
  time: ArrayLike<number> | null,
): { unit: PhaseUnit; offset: number } | null {
  const unit = profileUnit(frequency, period);
  const offset = unit !== null && period !== null ? phaseOffset(unit, period, time) : null;
  return unit !== null && offset !== null ? { unit, offset } : null;
}

/**
 * The profile fitted on series[0 .. end-1] (one season as its level window) and placed on the
 * series' calendar, or null when the training part holds less than two seasons.
 */
export function alignedProfile(
  series: ArrayLike<number>,
  end: number,
  calendar: { unit: PhaseUnit; offset: number },
  period: number,
): AlignedSeasonProfile | null {
  if (end < 2 * period) return null;
  return { ...fitSeasonProfile(series, end, { ...calendar, period, window: period }), offset: calendar.offset };
}

/** The pattern's name in sentences: month, quarter, hour, day-of-week. */
export function patternName(unit: PhaseUnit): string {
  return unit === 'weekday' ? 'day-of-week' : unit;
}

/** Forecast of series[t + k] from series[t - window .. t - 1]. @throws RangeError without enough history. */
export function profileForecast(series: ArrayLike<number>, t: number, k: number, p: AlignedSeasonProfile): number {
  const period = p.values.length;
  if (t < p.window || t > series.length) {
    throw new RangeError(
      `The seasonal-profile forecast needs ${p.window} value(s) before origin ${t} within a series of ${series.length}.`,
    );
  }
  let sum = 0;
  for (let i = t - p.window; i < t; i++) sum += series[i] - p.values[(p.offset + i) % period];
  const level = sum / p.window;
  return level + p.drift * ((p.window + 1) / 2 + k) + p.values[(p.offset + t + k) % period];
}

/** Checks a profile read from a file; returns a sentence naming the problem, or null. */
export function profileProblem(value: unknown, period: number | null): string | null {
  if (typeof value !== 'object' || value === null) return 'the seasonal profile is not an object';
  const p = value as Partial<SeasonProfileState>;
  if (!PHASE_UNITS.includes(p.unit as PhaseUnit))
    return `the seasonal profile's unit must be one of ${PHASE_UNITS.join(', ')}`;
  if (!Array.isArray(p.values) || p.values.length !== period || !p.values.every((v) => Number.isFinite(v))) {
    return `the seasonal profile needs ${period ?? 'period'} finite values, one per step of the season`;
  }
  if (typeof p.drift !== 'number' || !Number.isFinite(p.drift))
    return "the seasonal profile's drift must be a finite number";
  if (!Number.isInteger(p.window) || (p.window as number) < 1 || (p.window as number) > 100_000) {
    return "the seasonal profile's window must be a whole number of steps ≥ 1";
  }
  return null;
}
