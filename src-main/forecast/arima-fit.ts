/**
 * Fitting ARIMA on the training part: every order of a small grid (d 0–1, seasonal d 0–1, p 0–2,
 * q 0–1, seasonal MA 0–1, with or without a mean) fitted by conditional sum of squares
 * (Nelder-Mead over the coefficients, kept stationary and invertible), the one with the lowest
 * AICc chosen. The one-step errors of every order are the same quantity (the error of the series'
 * own one-step forecast), counted over the same steps, so orders with different differencing
 * compare fairly.
 */
import { arimaDifferences, arimaErrors, arimaLag } from './arima';
import type { ArimaModel } from './arima';
import { nelderMead } from './nelder-mead';

/** Latest values a fit reads: a longer history changes the coefficients little and costs time. */
export const ARIMA_FIT_SPAN = 2_000;

/** Longest season given a seasonal part: longer ones (a year of days) have too few seasons to fit. */
export const ARIMA_MAX_PERIOD = 52;

interface Order {
  d: number;
  seasonalD: number;
  p: number;
  q: number;
  seasonalQ: number;
  withMean: boolean;
}

function orders(period: number | null, end: number): Order[] {
  const seasonal = period !== null && period >= 2 && period <= ARIMA_MAX_PERIOD && end >= 4 * period;
  const list: Order[] = [];
  for (const d of [0, 1]) {
    for (const seasonalD of seasonal ? [0, 1] : [0]) {
      const means = d + seasonalD === 0 ? [true] : d + seasonalD === 1 ? [false, true] : [false];
      for (const p of [0, 1, 2]) {
        for (const q of [0, 1]) {
          for (const seasonalQ of seasonalD === 1 ? [0, 1] : [0]) {
            for (const withMean of means) list.push({ d, seasonalD, p, q, seasonalQ, withMean });
          }
        }
      }
    }
  }
  return list;
}

/** φ in the stationary region (p ≤ 2) and θ, Θ inside the unit interval. */
function admissible(m: ArimaModel): boolean {
  const [a = 0, b = 0] = m.ar;
  if (m.ar.length === 1 && Math.abs(a) >= 0.99) return false;
  if (m.ar.length === 2 && !(Math.abs(b) < 0.99 && a + b < 0.99 && b - a < 0.99)) return false;
  if (m.ma.some((c) => Math.abs(c) >= 0.99)) return false;
  return !m.seasonalMa.some((c) => Math.abs(c) >= 0.99);
}

function modelOf(order: Order, period: number | null, x: number[], center: number, spread: number): ArimaModel {
  const { p, q, seasonalQ } = order;
  return {
    d: order.d,
    seasonalD: order.seasonalD,
    period: order.seasonalD > 0 || seasonalQ > 0 ? period : null,
    ar: x.slice(0, p),
    ma: x.slice(p, p + q),
    seasonalMa: x.slice(p + q, p + q + seasonalQ),
    mean: order.withMean ? center + x[p + q + seasonalQ] * spread : 0,
  };
}

/** Mean and spread of the differences w[lag ..]. */
function moments(w: Float64Array, lag: number) {
  let sum = 0;
  for (let i = lag; i < w.length; i++) sum += w[i];
  const count = Math.max(1, w.length - lag);
  const mean = sum / count;
  let squares = 0;
  for (let i = lag; i < w.length; i++) squares += (w[i] - mean) ** 2;
  const sd = Math.sqrt(squares / count);
  return { mean, spread: sd > 0 ? sd : 1 };
}

/** One order fitted on the errors of series[from ..]; its model and AICc, or null when it cannot be fitted. */
function fitOrder(
  series: Float64Array,
  from: number,
  order: Order,
  period: number | null,
): { model: ArimaModel; aicc: number } | null {
  const span = series.length;
  const n = span - from;
  const shape = { d: order.d, seasonalD: order.seasonalD, period };
  const w = arimaDifferences(series, shape, span);
  const { mean: center, spread } = moments(w, arimaLag(shape));
  const e = new Float64Array(span);
  const dims = order.p + order.q + order.seasonalQ + (order.withMean ? 1 : 0);
  const cost = (x: number[]) => {
    const m = modelOf(order, period, x, center, spread);
    return admissible(m) ? arimaErrors(w, m, e, from) : Number.POSITIVE_INFINITY;
  };
  const x =
    dims === 0
      ? []
      : nelderMead(cost, new Array<number>(dims).fill(0), { step: 0.3, maxEvaluations: 150 * dims, tolerance: 1e-8 }).x;
  const sse = cost(x);
  // Coefficients plus the error variance.
  const k = dims + 1;
  if (!Number.isFinite(sse) || sse <= 0 || n - k - 1 <= 0) return null;
  const aicc = n * Math.log(sse / n) + 2 * k + (2 * k * (k + 1)) / (n - k - 1);
  return { model: modelOf(order, period, x, center, spread), aicc };
}

/** series[0 .. wholeEnd-1], its latest ARIMA_FIT_SPAN values when longer; null with a non-finite value. */
function fitStretch(whole: ArrayLike<number>, wholeEnd: number): Float64Array | null {
  const span = Math.min(wholeEnd, ARIMA_FIT_SPAN);
  const series = new Float64Array(span);
  for (let i = 0; i < span; i++) series[i] = whole[wholeEnd - span + i];
  return series.every(Number.isFinite) ? series : null;
}

/**
 * The best ARIMA of the grid fitted on series[0 .. wholeEnd-1] (its latest ARIMA_FIT_SPAN values
 * when longer), or null when the history is too short (fewer than 12 errors after the largest
 * differencing) or no order could be fitted.
 */
export function fitArima(whole: ArrayLike<number>, wholeEnd: number, period: number | null): ArimaModel | null {
  const series = fitStretch(whole, wholeEnd);
  if (!series) return null;
  const span = series.length;
  const list = orders(period, span);
  // Errors count from where every order of the grid has its differences and a few terms behind them.
  const from = Math.max(...list.map((o) => arimaLag({ ...o, period }))) + 3;
  if (span - from < 12) return null;
  let best: { model: ArimaModel; aicc: number } | null = null;
  for (const order of list) {
    const fit = fitOrder(series, from, order, period);
    if (fit && (!best || fit.aicc < best.aicc)) best = fit;
  }
  return best?.model ?? null;
}

/**
 * The same orders with the coefficients fitted again on series[0 .. wholeEnd-1]: once the model
 * is the ARIMA itself, it learns from everything before the test part. Returns the model
 * unchanged when the longer fit fails.
 */
export function refitArima(whole: ArrayLike<number>, wholeEnd: number, m: ArimaModel): ArimaModel {
  const series = fitStretch(whole, wholeEnd);
  if (!series) return m;
  const order: Order = {
    d: m.d,
    seasonalD: m.seasonalD,
    p: m.ar.length,
    q: m.ma.length,
    seasonalQ: m.seasonalMa.length,
    withMean: m.mean !== 0,
  };
  const from = arimaLag(m) + 3;
  return fitOrder(series, from, order, m.period)?.model ?? m;
}
