/** Autocorrelation and smoothing helpers behind seasonality detection. Non-finite values are gaps. */

/**
 * Sample autocorrelation at `lag` (the usual biased estimator: lagged covariance over the
 * variance of all finite values). Pairs with a non-finite member are skipped. Returns 0 for a
 * constant series or a lag that leaves no pairs.
 */
export function autocorrelation(values: ArrayLike<number>, lag: number): number {
  let count = 0;
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    if (Number.isFinite(values[i])) {
      count++;
      sum += values[i];
    }
  }
  if (count === 0) return 0;
  const mean = sum / count;
  let variance = 0;
  for (let i = 0; i < values.length; i++) if (Number.isFinite(values[i])) variance += (values[i] - mean) ** 2;
  if (variance === 0) return 0;
  let covariance = 0;
  for (let i = 0; i + lag < values.length; i++) {
    const a = values[i];
    const b = values[i + lag];
    if (Number.isFinite(a) && Number.isFinite(b)) covariance += (a - mean) * (b - mean);
  }
  return covariance / variance;
}

/**
 * Centered moving average over `window` steps; an even window uses the 2×window form (half
 * weight on both ends) so it stays centered. Positions without a full window are NaN. With
 * window = seasonal period it removes the season and leaves the trend.
 */
export function centeredMovingAverage(values: ArrayLike<number>, window: number): Float64Array {
  const out = new Float64Array(values.length).fill(Number.NaN);
  const half = Math.floor(window / 2);
  const even = window % 2 === 0;
  // Prefix sums keep this linear in the length, so searching hundreds of windows stays fast.
  // Gaps are counted separately so one missing value only blanks the windows that contain it.
  const prefix = new Float64Array(values.length + 1);
  const gaps = new Int32Array(values.length + 1);
  for (let i = 0; i < values.length; i++) {
    const finite = Number.isFinite(values[i]);
    prefix[i + 1] = prefix[i] + (finite ? values[i] : 0);
    gaps[i + 1] = gaps[i] + (finite ? 0 : 1);
  }
  for (let i = half; i + half < values.length; i++) {
    if (gaps[i + half + 1] - gaps[i - half] > 0) continue;
    let sum = prefix[i + half + 1] - prefix[i - half];
    if (even) sum -= 0.5 * (values[i - half] + values[i + half]);
    out[i] = sum / window;
  }
  return out;
}

/** values minus their centered moving average over `window`: the season plus noise, trend removed. */
export function detrend(values: ArrayLike<number>, window: number): Float64Array {
  const trend = centeredMovingAverage(values, window);
  const out = new Float64Array(values.length);
  for (let i = 0; i < values.length; i++) out[i] = values[i] - trend[i];
  return out;
}

/** First differences; the first entry is NaN (no previous value). */
export function difference(values: ArrayLike<number>): Float64Array {
  const out = new Float64Array(values.length);
  out[0] = Number.NaN;
  for (let i = 1; i < values.length; i++) out[i] = values[i] - values[i - 1];
  return out;
}
