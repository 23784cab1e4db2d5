/**
 * ARIMA as a forecast baseline: the series differenced d times (and once at the season when
 * `seasonalD` is 1), the differences forecast from their own recent values (autoregression) and
 * recent one-step errors (moving average, with a seasonal error term at the period), the forecast
 * then summed back. Errors before the first difference count as zero and values before it as the
 * mean (conditional sum of squares), so the same model forecasts any stretch of data from its
 * first value: only the orders and coefficients are saved.
 *
 *   w_t = (1 − B)^d (1 − B^m)^D y_t
 *   w_t − μ = Σ φ_i (w_{t−i} − μ) + e_t + θ e_{t−1} + Θ e_{t−m} + θΘ e_{t−m−1}
 */

import { threeDigits } from '../shared/number-format';
import type { PreprocessingFile } from '../shared/preprocessing';
import { SeriesStates } from './series-states';

/** A fitted model as saved (preprocessing.json `target.arima`, where its fields are described). */
export type ArimaModel = NonNullable<NonNullable<PreprocessingFile['target']>['arima']>;

/** A copy that shares no arrays with the model (saved preprocessing must not change with a plan). */
export function copyArima(m: ArimaModel): ArimaModel {
  return { ...m, ar: [...m.ar], ma: [...m.ma], seasonalMa: [...m.seasonalMa] };
}

/** Lags of the differencing polynomial with their coefficients (lag 0 excluded). */
export function differencing(m: Pick<ArimaModel, 'd' | 'seasonalD' | 'period'>): Array<[number, number]> {
  // (1 − B)^d (1 − B^s)^D as a map from lag to coefficient.
  let poly = new Map<number, number>([[0, 1]]);
  const times = (lag: number) => {
    const next = new Map<number, number>();
    for (const [l, c] of poly) {
      next.set(l, (next.get(l) ?? 0) + c);
      next.set(l + lag, (next.get(l + lag) ?? 0) - c);
    }
    poly = next;
  };
  for (let i = 0; i < m.d; i++) times(1);
  if (m.seasonalD > 0) times(m.period as number);
  return [...poly].filter(([l, c]) => l > 0 && c !== 0).sort((a, b) => a[0] - b[0]);
}

/** Values before the first difference exists: d plus one period per seasonal difference. */
export function arimaLag(m: Pick<ArimaModel, 'd' | 'seasonalD' | 'period'>): number {
  return m.d + (m.seasonalD > 0 ? (m.period as number) : 0);
}

/** Values a forecast needs before its origin: one difference. */
export function arimaHistory(m: Pick<ArimaModel, 'd' | 'seasonalD' | 'period'>): number {
  return arimaLag(m) + 1;
}

/** The usual notation, e.g. "ARIMA(1,1,1)" or "ARIMA(0,1,1)(0,1,1)[12]", "with drift" when a mean is fitted after differencing. */
export function arimaName(m: ArimaModel): string {
  const base = `ARIMA(${m.ar.length},${m.d},${m.ma.length})`;
  const seasonal =
    m.period !== null && (m.seasonalD > 0 || m.seasonalMa.length > 0)
      ? `(0,${m.seasonalD},${m.seasonalMa.length})[${m.period}]`
      : '';
  const drift = m.mean !== 0 && m.d + m.seasonalD > 0 ? ' with drift' : '';
  return base + seasonal + drift;
}

/** The model in plain words, for reasons shown to the user. */
export function arimaDescription(m: ArimaModel): string {
  const what = m.d + m.seasonalD > 0 ? 'changes' : 'values';
  return `${arimaName(m)} (the ${what} forecast from recent ${what} and recent errors)`;
}

/** The name with the coefficients, for Results: "ARIMA(1,1,1): φ 0.33, θ −0.66". */
export function arimaSummary(m: ArimaModel): string {
  const parts = [
    ...m.ar.map((c, i) => `φ${m.ar.length > 1 ? i + 1 : ''} ${coefficient(c)}`),
    ...m.ma.map((c) => `θ ${coefficient(c)}`),
    ...m.seasonalMa.map((c) => `Θ ${coefficient(c)}`),
    ...(m.mean !== 0 ? [`${meanName(m)} ${coefficient(m.mean)}`] : []),
  ];
  return parts.length > 0 ? `${arimaName(m)}: ${parts.join(', ')}` : arimaName(m);
}

/** What the mean of the differences is in the series' terms: its level, its change per step or per season. */
function meanName(m: ArimaModel): string {
  if (m.d > 0) return 'drift per step';
  return m.seasonalD > 0 ? 'change per season' : 'mean';
}

/** Three significant digits, with a true minus sign. */
function coefficient(x: number): string {
  return threeDigits(x).replace('-', '−');
}

/** Differences and one-step errors of a series: w[i], e[i] for i ≥ arimaLag (0 before). */
export interface ArimaStates {
  w: Float64Array;
  e: Float64Array;
}

/** The one-step prediction of w[i] from w[.. i-1] and e[.. i-1]; values before `lag` count as the mean. */
function predictDifference(m: ArimaModel, w: ArrayLike<number>, e: ArrayLike<number>, i: number, lag: number): number {
  let out = m.mean;
  for (let j = 0; j < m.ar.length; j++) {
    const at = i - j - 1;
    if (at >= lag) out += m.ar[j] * (w[at] - m.mean);
  }
  const theta = m.ma.length > 0 ? m.ma[0] : 0;
  if (theta !== 0 && i - 1 >= lag) out += theta * e[i - 1];
  if (m.seasonalMa.length > 0 && m.period !== null) {
    const big = m.seasonalMa[0];
    const s = m.period;
    if (i - s >= lag) out += big * e[i - s];
    if (theta !== 0 && i - s - 1 >= lag) out += theta * big * e[i - s - 1];
  }
  return out;
}

/** The differences w of series[0 .. n-1] (0 before `arimaLag`). */
export function arimaDifferences(
  series: ArrayLike<number>,
  m: Pick<ArimaModel, 'd' | 'seasonalD' | 'period'>,
  n: number,
): Float64Array {
  const lag = arimaLag(m);
  const poly = differencing(m);
  const w = new Float64Array(n);
  for (let i = lag; i < n; i++) {
    let v = series[i];
    for (const [l, c] of poly) v += c * series[i - l];
    w[i] = v;
  }
  return w;
}

/**
 * Fills e[lag .. n-1] with the one-step errors of the differences w[0 .. n-1] and returns the sum
 * of their squares from `from` on (the errors of w are those of the series' own forecasts).
 */
export function arimaErrors(w: Float64Array, m: ArimaModel, e: Float64Array, from: number): number {
  const lag = arimaLag(m);
  let sum = 0;
  for (let i = lag; i < w.length; i++) {
    const error = w[i] - predictDifference(m, w, e, i, lag);
    e[i] = error;
    if (i >= from) sum += error * error;
  }
  return sum;
}

/** Runs the model over series[0 .. n-1]: the differences and the one-step errors. */
export function arimaStates(series: ArrayLike<number>, m: ArimaModel, n: number = series.length): ArimaStates {
  const w = arimaDifferences(series, m, n);
  const e = new Float64Array(n);
  arimaErrors(w, m, e, n);
  return { w, e };
}

// The same series is asked for every (origin, step): its states are computed once per model.
const states = new SeriesStates<ArimaModel, ArimaStates>((series, m) => arimaStates(series, m));

/** Lets go of the states kept for `m` on this series (two arrays of the series' length). */
export function forgetArima(series: ArrayLike<number>, m: ArimaModel): void {
  states.forget(series, m);
}

/**
 * Forecast of series[t + k] by the model from series[0 .. t-1]: future errors are zero, future
 * differences the model's predictions, summed back onto the values before them.
 * @throws RangeError when fewer than `arimaHistory(m)` values precede t or t lies beyond the series.
 */
export function arimaForecast(series: ArrayLike<number>, t: number, k: number, m: ArimaModel): number {
  if (t < arimaHistory(m) || t > series.length) {
    throw new RangeError(
      `${arimaName(m)} needs ${arimaHistory(m)} value(s) before origin ${t} within a series of ${series.length}.`,
    );
  }
  // Callers ask for an origin's steps one after another: its path is kept and extended by doubling.
  const n = series.length;
  const same =
    last !== null &&
    last.series.deref() === (series as unknown as object) &&
    last.m === m &&
    last.t === t &&
    last.n === n &&
    Object.is(last.lastValue, series[n - 1]);
  if (same && last !== null && k < last.path.length) return last.path[k];
  const steps = Math.max(k + 1, same && last !== null ? 2 * last.path.length : 0, 8);
  const path = forecastPath(series, t, steps, m);
  last = { series: new WeakRef(series as unknown as object), m, t, n, lastValue: series[n - 1], path };
  return path[k];
}

let last: {
  series: WeakRef<object>;
  m: ArimaModel;
  t: number;
  n: number;
  lastValue: number;
  path: Float64Array;
} | null = null;

const polynomials = new WeakMap<ArimaModel, Array<[number, number]>>();

function polynomialOf(m: ArimaModel): Array<[number, number]> {
  let poly = polynomials.get(m);
  if (!poly) {
    poly = differencing(m);
    polynomials.set(m, poly);
  }
  return poly;
}

/** The forecasts of series[t .. t + steps − 1] from series[0 .. t-1]. */
function forecastPath(series: ArrayLike<number>, t: number, steps: number, m: ArimaModel): Float64Array {
  const { w, e } = states.get(series, m);
  const lag = arimaLag(m);
  const poly = polynomialOf(m);
  // Only the recent past matters: the AR terms, the errors up to one season and a step back, the
  // values the differencing sums back onto.
  const reach = Math.max(m.ar.length, (m.period ?? 0) + 1, poly.length > 0 ? poly[poly.length - 1][0] : 0, 1);
  const from = Math.max(0, t - reach);
  const size = t - from + steps;
  const wf = new Float64Array(size);
  const ef = new Float64Array(size);
  const yf = new Float64Array(size);
  for (let i = from; i < t; i++) {
    wf[i - from] = w[i];
    ef[i - from] = e[i];
    yf[i - from] = series[i];
  }
  // Indices below `lag` keep their meaning (before the first difference) in the shifted arrays.
  const shiftedLag = lag - from;
  for (let i = t; i < t + steps; i++) {
    const at = i - from;
    const dw = predictDifference(m, wf, ef, at, shiftedLag);
    wf[at] = dw;
    let v = dw;
    for (const [l, c] of poly) v -= c * yf[at - l];
    yf[at] = v;
  }
  return yf.subarray(t - from);
}

/** Checks a model read from a file; returns a sentence naming the problem, or null. */
export function arimaProblem(value: unknown, period: number | null): string | null {
  if (typeof value !== 'object' || value === null) return 'the ARIMA model is not an object';
  const m = value as Partial<ArimaModel>;
  if (m.d !== 0 && m.d !== 1) return 'the ARIMA differences (d) must be 0 or 1';
  if (m.seasonalD !== 0 && m.seasonalD !== 1) return 'the ARIMA seasonal differences must be 0 or 1';
  const coefficients = (v: unknown, most: number) =>
    Array.isArray(v) &&
    v.length <= most &&
    v.every((c) => typeof c === 'number' && Number.isFinite(c) && Math.abs(c) < 10);
  if (!coefficients(m.ar, 2)) return 'the ARIMA autoregressive coefficients must be at most 2 finite numbers';
  if (!coefficients(m.ma, 1)) return 'the ARIMA moving-average coefficients must be at most 1 finite number';
  if (!coefficients(m.seasonalMa, 1))
    return 'the ARIMA seasonal moving-average coefficients must be at most 1 finite number';
  if (typeof m.mean !== 'number' || !Number.isFinite(m.mean)) return 'the ARIMA mean must be a finite number';
  const seasonal = m.seasonalD === 1 || (m.seasonalMa as number[]).length > 0;
  if (seasonal && (period === null || m.period !== period))
    return 'a seasonal ARIMA model needs its period equal to the target period';
  if (!seasonal && m.period !== null && m.period !== period)
    return 'the ARIMA period must be null or the target period';
  return null;
}
