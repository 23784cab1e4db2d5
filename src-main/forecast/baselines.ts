/**
 * Classical baselines computed on the same origins as the model: for origin t (first forecast
 * step) and step k in 0..horizon-1, each returns a forecast of series[t + k] using only
 * series[.. t-1].
 */

/** Naive last value: series[t-1]. */
export function naiveForecast(series: ArrayLike<number>, t: number, k: number): number {
  void series;
  void t;
  void k;
  throw new Error('not implemented');
}

/** Seasonal naive: the value one season before, series[t + k - m * ceil((k + 1) / m)]. */
export function seasonalNaiveForecast(series: ArrayLike<number>, t: number, k: number, period: number): number {
  void series;
  void t;
  void k;
  void period;
  throw new Error('not implemented');
}

/** Moving average of the last `window` values before t. */
export function movingAverageForecast(series: ArrayLike<number>, t: number, window: number): number {
  void series;
  void t;
  void window;
  throw new Error('not implemented');
}
