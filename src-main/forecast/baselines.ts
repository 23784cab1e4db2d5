/**
 * Classical baselines computed on the same origins as the model: for origin t (first forecast
 * step) and step k in 0..horizon-1, each returns a forecast of series[t + k] using only
 * series[.. t-1].
 */

/** Naive last value: series[t-1]. @throws RangeError when t < 1 or t > series.length. */
export function naiveForecast(series: ArrayLike<number>, t: number, k: number): number {
  checkOrigin(series, t, k, 1, 'The naive forecast');
  return series[t - 1];
}

/**
 * Seasonal naive: the value one season before, series[t + k - m * ceil((k + 1) / m)]. For steps
 * beyond one season it repeats the last observed season rather than reading the future.
 * @throws RangeError when fewer than `period` values precede t.
 */
export function seasonalNaiveForecast(series: ArrayLike<number>, t: number, k: number, period: number): number {
  if (!Number.isInteger(period) || period < 1)
    throw new RangeError(`The seasonal period must be a positive integer (got ${period}).`);
  checkOrigin(series, t, k, period, 'The seasonal naive forecast');
  return series[t + k - period * Math.ceil((k + 1) / period)];
}

/**
 * Moving average of the last `window` values before t (fewer when less history exists).
 * @throws RangeError when t < 1 or window < 1.
 */
export function movingAverageForecast(series: ArrayLike<number>, t: number, window: number): number {
  if (!Number.isInteger(window) || window < 1)
    throw new RangeError(`The moving-average window must be a positive integer (got ${window}).`);
  checkOrigin(series, t, 0, 1, 'The moving-average forecast');
  const from = Math.max(0, t - window);
  let sum = 0;
  for (let i = from; i < t; i++) sum += series[i];
  return sum / (t - from);
}

function checkOrigin(series: ArrayLike<number>, t: number, k: number, history: number, what: string): void {
  if (!Number.isInteger(t) || !Number.isInteger(k) || k < 0) {
    throw new RangeError(`${what} needs an integer origin and a step ≥ 0 (got origin ${t}, step ${k}).`);
  }
  if (t < history || t > series.length) {
    throw new RangeError(`${what} needs ${history} value(s) before origin ${t} within a series of ${series.length}.`);
  }
}
