/**
 * Picking the next token from a next-token model: temperature sampling for generated text and
 * greedy decoding for scoring. Padding (0) and out-of-vocabulary (1) are never picked.
 */
import type * as tfTypes from '@tensorflow/tfjs';
import type { Tf } from '../../tensorflow/load-tf';

/**
 * Draws a token id from `probabilities` sharpened (temperature < 1) or flattened (> 1) by
 * p^(1/temperature), skipping padding and out-of-vocabulary.
 */
export function sampleToken(probabilities: ArrayLike<number>, temperature: number, random: () => number): number {
  const weights = Array.from(probabilities, (p, i) =>
    i <= 1 ? 0 : Math.pow(Math.max(p, 1e-12), 1 / Math.max(temperature, 1e-3)),
  );
  const total = weights.reduce((a, b) => a + b, 0);
  let r = random() * total;
  for (let i = 2; i < weights.length; i++) {
    r -= weights[i];
    if (r <= 0) return i;
  }
  return weights.length - 1;
}

/** The most probable token id other than padding and out-of-vocabulary. */
export function greedyToken(probabilities: ArrayLike<number>): number {
  let best = 2;
  for (let i = 3; i < probabilities.length; i++) if (probabilities[i] > probabilities[best]) best = i;
  return best;
}

/**
 * Continues each of `windows` (token ids, all of the model's input length) by `count` tokens,
 * one batched prediction per step. Returns the new tokens of each window.
 */
export function continueWindows(
  tf: Tf,
  model: tfTypes.LayersModel,
  windows: number[][],
  count: number,
  pick: (probabilities: Float32Array) => number,
): number[][] {
  const length = windows[0]?.length ?? 0;
  const current = windows.map((w) => [...w]);
  const out = windows.map((): number[] => []);
  for (let n = 0; n < count && windows.length > 0; n++) {
    const probs = tf.tidy(() => {
      const x = tf.tensor2d(
        current.flatMap((w) => w.slice(-length)),
        [current.length, length],
      );
      return (model.predict(x) as tfTypes.Tensor).dataSync() as Float32Array;
    });
    const vocab = probs.length / current.length;
    current.forEach((w, i) => {
      const next = pick(probs.subarray(i * vocab, (i + 1) * vocab));
      w.push(next);
      out[i].push(next);
    });
  }
  return out;
}
