/**
 * Holt-Winters exponential smoothing as a forecast baseline: a level, an optional (damped) trend
 * and an optional additive or multiplicative season, each updated by its smoothing weight as the
 * values arrive. The error-correction equations and the "simple" start are those of statsmodels'
 * `ExponentialSmoothing(initialization_method="simple")`, so its numbers serve as test fixtures.
 *
 * The start is computed from the first season(s) of whatever series the model is applied to, so
 * only the form and the four weights are saved; the same model forecasts any stretch of data.
 */
import { threeDigits } from '../shared/number-format';
import { SeriesStates } from './series-states';

export const ETS_TRENDS = ['none', 'additive', 'damped'] as const;
export const ETS_SEASONS = ['none', 'additive', 'multiplicative'] as const;
export type EtsTrend = (typeof ETS_TRENDS)[number];
export type EtsSeason = (typeof ETS_SEASONS)[number];
export const ETS_ERRORS = ['additive', 'multiplicative'] as const;
export type EtsError = (typeof ETS_ERRORS)[number];

/** A fitted model as saved (preprocessing.json `target.smoothing`). */
export interface EtsModel {
  trend: EtsTrend;
  season: EtsSeason;
  /** Steps per season; null without a season. */
  period: number | null;
  /** Level weight in (0, 1). */
  alpha: number;
  /** Trend weight (0 without a trend). */
  beta: number;
  /** Season weight (0 without a season). */
  gamma: number;
  /** Damping of the trend per step (1 unless damped). */
  phi: number;
  /**
   * How the errors were assumed to scale when the weights were fitted: additive (the same size
   * throughout) or multiplicative (in proportion to the forecast). The forecasts themselves do not
   * depend on it; absent in models saved before it was recorded (additive).
   */
  error?: EtsError;
}

/** The states after each value: level[t] and trend[t] after seeing series[0 .. t-1]. */
export interface EtsStates {
  level: Float64Array;
  trend: Float64Array;
  /** season[t + m] is the season estimate after seeing series[t]; season[0 .. m-1] is the start. */
  season: Float64Array;
  /** One-step forecast of series[t] from series[0 .. t-1]. */
  fitted: Float64Array;
}

/** Values the start needs: two seasons with a trend and a season, one season, two values, or one. */
export function etsHistory(m: Pick<EtsModel, 'trend' | 'season' | 'period'>): number {
  const seasonal = m.season !== 'none' && m.period !== null;
  const trended = m.trend !== 'none';
  if (seasonal) return (trended ? 2 : 1) * (m.period as number);
  return trended ? 2 : 1;
}

/** A short name in the usual ETS notation, e.g. "ETS(M,Ad,M)": error, trend, season. */
export function etsName(m: Pick<EtsModel, 'trend' | 'season' | 'error'>): string {
  const trend = { none: 'N', additive: 'A', damped: 'Ad' }[m.trend];
  const season = { none: 'N', additive: 'A', multiplicative: 'M' }[m.season];
  return `ETS(${m.error === 'multiplicative' ? 'M' : 'A'},${trend},${season})`;
}

/** The name with the weights in use, for Results: "ETS(M,Ad,M): α 0.31, β 0.02, γ 0.1, φ 0.98". */
export function etsSummary(m: EtsModel): string {
  const parts = [`α ${threeDigits(m.alpha)}`];
  if (m.trend !== 'none') parts.push(`β ${threeDigits(m.beta)}`);
  if (m.season !== 'none') parts.push(`γ ${threeDigits(m.gamma)}`);
  if (m.trend === 'damped') parts.push(`φ ${threeDigits(m.phi)}`);
  return `${etsName(m)}: ${parts.join(', ')}`;
}

/** The model in plain words, for reasons shown to the user. */
export function etsDescription(m: Pick<EtsModel, 'trend' | 'season' | 'error'>): string {
  const parts = ['a smoothed level'];
  if (m.trend === 'additive') parts.push('a trend');
  if (m.trend === 'damped') parts.push('a damped trend');
  if (m.season === 'additive') parts.push('an additive season');
  if (m.season === 'multiplicative') parts.push('a multiplicative season');
  return `exponential smoothing with ${parts.join(', ').replace(/, ([^,]*)$/, ' and $1')} (${etsName(m)})`;
}

// Divisions by a level or season estimate that has reached zero would spread NaN over the rest.
const TINY = 1e-12;
export const safe = (x: number) => (Math.abs(x) < TINY ? (x < 0 ? -TINY : TINY) : x);

/** Runs the smoothing over series[0 .. n-1]. @throws RangeError with fewer values than `etsHistory`. */
export function etsStates(series: ArrayLike<number>, m: EtsModel, n: number = series.length): EtsStates {
  const st = etsStart(series, m, n);
  etsStatesFrom(series, m, st, 0, n);
  return st;
}

/**
 * The states before the first value: statsmodels' "simple" start, in arrays sized for
 * series[0 .. n-1] that `etsStatesFrom` fills. @throws RangeError with fewer values than `etsHistory`.
 */
function etsStart(series: ArrayLike<number>, m: EtsModel, n: number): EtsStates {
  const need = etsHistory(m);
  if (n < need) throw new RangeError(`${etsName(m)} needs at least ${need} values to start; the series has ${n}.`);
  const p = m.season !== 'none' && m.period !== null ? m.period : 1;
  const level = new Float64Array(n + 1);
  const trend = new Float64Array(n + 1);
  const season = new Float64Array(n + p);
  const fitted = new Float64Array(n);
  const start = simpleStart(series, m, season);
  level[0] = start.level;
  trend[0] = start.trend;
  return { level, trend, season, fitted };
}

/**
 * statsmodels' "simple" start: the first season's mean, the change between the first two
 * seasons' means per step, and the first season's deviations (ratios) from its mean, written to
 * season[0 .. period-1] (without a season, season[0] is the neutral 0 or 1). The caller has
 * checked the series is long enough (`etsHistory`).
 */
export function simpleStart(
  series: ArrayLike<number>,
  m: EtsModel,
  season: Float64Array,
): { level: number; trend: number } {
  const seasonal = m.season !== 'none' && m.period !== null;
  const mult = m.season === 'multiplicative';
  const trended = m.trend !== 'none';
  if (!seasonal) {
    season[0] = mult ? 1 : 0;
    return { level: series[0], trend: trended ? series[1] - series[0] : 0 };
  }
  const p = m.period as number;
  let first = 0;
  for (let i = 0; i < p; i++) first += series[i];
  first /= p;
  let trend = 0;
  if (trended) {
    let second = 0;
    for (let i = p; i < 2 * p; i++) second += series[i];
    trend = (second / p - first) / p;
  }
  for (let i = 0; i < p; i++) season[i] = mult ? series[i] / safe(first) : series[i] - first;
  return { level: first, trend };
}

/**
 * Continues the smoothing over series[from .. to-1], given the states after series[0 .. from-1]:
 * running it in pieces gives exactly the states of one pass, so a long series can be smoothed
 * piece by piece with progress in between.
 */
export function etsStatesFrom(series: ArrayLike<number>, m: EtsModel, st: EtsStates, from: number, to: number): void {
  const seasonal = m.season !== 'none' && m.period !== null;
  const p = seasonal ? (m.period as number) : 1;
  const mult = m.season === 'multiplicative';
  const trended = m.trend !== 'none';
  const phi = m.trend === 'damped' ? m.phi : 1;
  const { level, trend, season, fitted } = st;
  const { alpha, beta, gamma } = m;
  for (let t = from; t < to; t++) {
    const base = level[t] + phi * trend[t];
    const s = seasonal ? season[t] : mult ? 1 : 0;
    fitted[t] = mult ? base * s : base + s;
    const y = series[t];
    const l = alpha * (mult ? y / safe(s) : y - s) + (1 - alpha) * base;
    level[t + 1] = l;
    if (trended) trend[t + 1] = beta * (l - level[t]) + (1 - beta) * phi * trend[t];
    if (seasonal) season[t + p] = gamma * (mult ? y / safe(base) : y - base) + (1 - gamma) * s;
  }
}

/** Forecast of series[t + k] from the states after series[0 .. t-1] (t ≤ states' length). */
function forecastFrom(st: EtsStates, m: EtsModel, t: number, k: number): number {
  const seasonal = m.season !== 'none' && m.period !== null;
  const phi = m.trend === 'damped' ? m.phi : 1;
  // Trend over k + 1 steps: φ + φ² + … + φ^(k+1).
  let damped = 0;
  let power = 1;
  for (let j = 0; j <= k; j++) {
    power *= phi;
    damped += power;
  }
  const base = st.level[t] + damped * st.trend[t];
  if (!seasonal) return base;
  const p = m.period as number;
  // The latest estimate for the season step of t + k, made at or before t − 1.
  const s = st.season[t + k - p * Math.ceil((k + 1) / p) + p];
  return m.season === 'multiplicative' ? base * s : base + s;
}

// The same series is asked for every (origin, step): its smoothing is run once per model.
const states = new SeriesStates<EtsModel, EtsStates>((series, m) => etsStates(series, m));

/** Values smoothed between two progress reports of `smoothSeries`. */
export const SMOOTHING_SEGMENT = 1_000_000;

/**
 * Smooths the whole series with `m` ahead of its forecasts, segment by segment with the share
 * done reported in between (a series of millions of steps takes seconds), and keeps the states
 * for `etsForecast` (and returns them): bit for bit the states of one pass.
 */
export function smoothSeries(
  series: ArrayLike<number>,
  m: EtsModel,
  onProgress: (done: number) => void,
  segment: number = SMOOTHING_SEGMENT,
): EtsStates {
  const n = series.length;
  const st = etsStart(series, m, n);
  for (let from = 0; from < n; from += segment) {
    onProgress(from / n);
    etsStatesFrom(series, m, st, from, Math.min(n, from + segment));
  }
  onProgress(1);
  states.set(series, m, st);
  return st;
}

/**
 * Lets go of the states kept for `m` on this series: four arrays of the series' length, which on
 * a long series should not wait for the model to be collected.
 */
export function forgetSmoothing(series: ArrayLike<number>, m: EtsModel): void {
  states.forget(series, m);
}

/**
 * Forecast of series[t + k] by the model from series[0 .. t-1]. @throws RangeError when fewer
 * than `etsHistory(m)` values precede t or t lies beyond the series.
 */
export function etsForecast(series: ArrayLike<number>, t: number, k: number, m: EtsModel): number {
  if (t < etsHistory(m) || t > series.length) {
    throw new RangeError(
      `${etsName(m)} needs ${etsHistory(m)} value(s) before origin ${t} within a series of ${series.length}.`,
    );
  }
  return forecastFrom(states.get(series, m), m, t, k);
}

/** Checks a model read from a file; returns a sentence naming the problem, or null. */
export function etsProblem(value: unknown, period: number | null): string | null {
  if (typeof value !== 'object' || value === null) return 'the exponential smoothing model is not an object';
  const m = value as Partial<EtsModel>;
  if (!ETS_TRENDS.includes(m.trend as EtsTrend)) return `the smoothing trend must be one of ${ETS_TRENDS.join(', ')}`;
  if (!ETS_SEASONS.includes(m.season as EtsSeason))
    return `the smoothing season must be one of ${ETS_SEASONS.join(', ')}`;
  if (m.error !== undefined && !ETS_ERRORS.includes(m.error))
    return `the smoothing error must be one of ${ETS_ERRORS.join(', ')}`;
  if (m.season !== 'none' && (period === null || m.period !== period))
    return `a seasonal smoothing model needs the target's period (${period ?? 'none'}) as its own`;
  for (const key of ['alpha', 'beta', 'gamma', 'phi'] as const) {
    const v = m[key];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 1)
      return `the smoothing weight ${key} must be a number from 0 to 1`;
  }
  return null;
}
