/**
 * The states of a forecast that runs over the whole history (exponential smoothing, ARIMA), kept
 * per series and model: the same series is asked for every (origin, step) of training and
 * evaluation, so they are computed once per model. Entries are checked against the series' length
 * and last value, so a series that grew (forecasts appended) is run afresh; callers never change a
 * series in place.
 */
export class SeriesStates<M extends object, S> {
  private readonly cache = new WeakMap<object, WeakMap<M, { n: number; last: number; states: S }>>();

  constructor(private readonly compute: (series: ArrayLike<number>, m: M) => S) {}

  /** The states of `m` over the whole series, computed on first use. */
  get(series: ArrayLike<number>, m: M): S {
    const n = series.length;
    const hit = this.byModel(series).get(m);
    if (hit && hit.n === n && Object.is(hit.last, series[n - 1])) return hit.states;
    const states = this.compute(series, m);
    this.set(series, m, states);
    return states;
  }

  /** Keeps states computed elsewhere (e.g. in segments with progress) for the whole series. */
  set(series: ArrayLike<number>, m: M, states: S): void {
    this.byModel(series).set(m, { n: series.length, last: series[series.length - 1], states });
  }

  /** Lets go of the states of `m` on this series, which on a long series should not wait for the model to be collected. */
  forget(series: ArrayLike<number>, m: M): void {
    this.cache.get(series as unknown as object)?.delete(m);
  }

  private byModel(series: ArrayLike<number>): WeakMap<M, { n: number; last: number; states: S }> {
    const key = series as unknown as object;
    let byModel = this.cache.get(key);
    if (!byModel) {
      byModel = new WeakMap();
      this.cache.set(key, byModel);
    }
    return byModel;
  }
}
