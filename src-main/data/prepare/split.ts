/**
 * Chronological train / validation / test split over forecast origins. A sample with origin t
 * uses inputs at steps t-lookback .. t-1 and targets at t .. t+horizon-1. Every sample's
 * targets lie inside one segment (inputs may reach back into earlier, already observed
 * history, which is known at forecast time: no leakage). Origins advance by `stride`.
 */
export interface SplitOrigins {
  train: Int32Array;
  validation: Int32Array;
  test: Int32Array;
  /** First step index of the validation and test segments. */
  validationStart: number;
  testStart: number;
}

/** Throws DataError with a specific message when a segment would be empty (series too short). */
export function splitOrigins(
  length: number,
  opts: { lookback: number; horizon: number; stride: number; validation: number; test: number },
): SplitOrigins {
  void length;
  void opts;
  throw new Error('not implemented');
}
