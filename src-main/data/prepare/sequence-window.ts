/** The network input of whole sequences (sequence classification), the same in training and prediction. */
import type { ScalerState } from './scaler';

/**
 * Fills a [samples × steps × features] batch from sequences of [steps × features] values in
 * original units: each feature scaled with its scaler, the latest `steps` steps kept and shorter
 * sequences padded in front. A missing value enters as 0 after scaling: the feature's training mean.
 */
export function sequenceBatch(
  sequences: readonly Float64Array[],
  samples: ArrayLike<number>,
  steps: number,
  features: number,
  scalers: readonly ScalerState[],
): Float32Array {
  const T = steps;
  const F = features;
  const x = new Float32Array(samples.length * T * F);
  for (let s = 0; s < samples.length; s++) {
    const v = sequences[samples[s]];
    const length = v.length / F;
    const from = Math.max(0, length - T);
    const pad = T - (length - from);
    for (let j = from; j < length; j++) {
      for (let f = 0; f < F; f++) {
        const raw = v[j * F + f];
        const sc = scalers[f];
        x[(s * T + pad + j - from) * F + f] = Number.isFinite(raw) ? (raw - sc.center) / sc.scale : 0;
      }
    }
  }
  return x;
}
