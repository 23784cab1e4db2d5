/** Batched inference over sample origins, tensors disposed batch by batch. */
import type * as tfTypes from '@tensorflow/tfjs';
import type { Tf } from '../../tensorflow/load-tf';

/**
 * Runs the model on the inputs of `origins` and returns the outputs row-major,
 * [origins.length × outputs per sample].
 */
export function predictOrigins(
  tf: Tf,
  model: tfTypes.LayersModel,
  inputsFor: (origins: ArrayLike<number>) => Float32Array,
  xShape: number[],
  origins: ArrayLike<number>,
  batchSize = 256,
): Float32Array {
  const parts: Float32Array[] = [];
  for (let start = 0; start < origins.length; start += batchSize) {
    const part = Array.prototype.slice.call(origins, start, Math.min(origins.length, start + batchSize)) as number[];
    const x = inputsFor(part);
    const out = tf.tidy(() => {
      const pred = model.apply(tf.tensor(x, [part.length, ...xShape]), { training: false }) as tfTypes.Tensor;
      return pred.reshape([part.length, -1]);
    });
    parts.push(out.dataSync() as Float32Array);
    out.dispose();
  }
  const total = parts.reduce((n, p) => n + p.length, 0);
  const result = new Float32Array(total);
  let offset = 0;
  for (const p of parts) {
    result.set(p, offset);
    offset += p.length;
  }
  return result;
}
