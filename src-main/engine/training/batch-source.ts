/**
 * What the training loop consumes: sample origins and a function that cuts one batch on
 * demand, so the full window tensor never exists. Each task's preparation provides one.
 */

/** One batch as flat row-major arrays. */
export interface Batch {
  x: Float32Array;
  y: Float32Array;
  size: number;
  /**
   * Steps that carry a label, when not one per sample: sequence labeling pads short sequences
   * and the padded steps (label -1) count toward neither loss nor accuracy.
   */
  labeledSteps?: number;
}

/** Where the loop gets its samples: origins (sample ids) and a function that cuts a batch. */
export interface BatchSource {
  /** Shape of one input sample, e.g. [lookback, features]. */
  xShape: number[];
  /** Shape of one target sample, e.g. [horizon × targets]. */
  yShape: number[];
  train: ArrayLike<number>;
  validation: ArrayLike<number> | null;
  nextBatch(origins: ArrayLike<number>): Batch;
  /**
   * The untrained model is already a sound forecast (a forecast head starts at zero, i.e. exactly
   * its baseline; continued training starts from a trained model). Its validation loss then
   * competes with the epochs for the best weights, so training can never hand back something
   * worse on validation than what it started from.
   */
  startIsCandidate?: boolean;
}
