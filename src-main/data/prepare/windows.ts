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
  /**
   * @param inputs one scaled column per input feature (same length as the series)
   * @param targets one column per network target (already transformed and scaled)
   */
  constructor(
    readonly inputs: Float32Array[],
    readonly targets: Float32Array[],
    readonly lookback: number,
    readonly horizon: number,
  ) {}

  /** Builds the batch for these origins (see split.ts for what an origin is). */
  batch(origins: ArrayLike<number>): WindowBatch {
    void origins;
    throw new Error('not implemented');
  }
}
