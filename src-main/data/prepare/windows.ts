/**
 * Cuts batches of windows from column arrays on the fly; the full samples × window × features
 * tensor is never materialised.
 */
export interface WindowBatch {
  /** [batch, lookback, inputs.length], row-major. */
  x: Float32Array;
  /** [batch, horizon, targets.length], row-major. */
  y: Float32Array;
  size: number;
}

export class WindowSampler {
  /** Steps in the series (every column has this length). */
  readonly length: number;

  /**
   * @param inputs one scaled column per input feature (same length as the series)
   * @param targets one column per network target (already transformed and scaled)
   */
  constructor(
    readonly inputs: Float32Array[],
    readonly targets: Float32Array[],
    readonly lookback: number,
    readonly horizon: number,
  ) {
    this.length = inputs[0]?.length ?? targets[0]?.length ?? 0;
    for (const c of [...inputs, ...targets]) {
      if (c.length !== this.length) throw new RangeError('Every input and target column must have the same length.');
    }
  }

  /** Builds the batch for these origins (see split.ts for what an origin is). */
  batch(origins: ArrayLike<number>): WindowBatch {
    const size = origins.length;
    const { inputs, targets, lookback, horizon } = this;
    const nIn = inputs.length;
    const nOut = targets.length;
    const x = new Float32Array(size * lookback * nIn);
    const y = new Float32Array(size * horizon * nOut);
    let xo = 0;
    let yo = 0;
    for (let b = 0; b < size; b++) {
      const t = origins[b];
      if (t < lookback || t + horizon > this.length) {
        throw new RangeError(`Origin ${t} is outside ${lookback}..${this.length - horizon} for this series.`);
      }
      const start = t - lookback;
      if (nIn === 1) {
        // The common single-feature case is a straight block copy.
        x.set(inputs[0].subarray(start, t), xo);
        xo += lookback;
      } else {
        for (let i = 0; i < lookback; i++) {
          const s = start + i;
          for (let f = 0; f < nIn; f++) x[xo++] = inputs[f][s];
        }
      }
      if (nOut === 1) {
        y.set(targets[0].subarray(t, t + horizon), yo);
        yo += horizon;
      } else {
        for (let h = 0; h < horizon; h++) {
          const s = t + h;
          for (let k = 0; k < nOut; k++) y[yo++] = targets[k][s];
        }
      }
    }
    return { x, y, size };
  }
}
