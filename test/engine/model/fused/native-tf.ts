/** The native TensorFlow build of tfjs, as the app's training worker loads it. */
import { createRequire } from 'node:module';
import type * as tfTypes from '@tensorflow/tfjs';

export type Tf = typeof tfTypes;

/** Loads @tensorflow/tfjs-node (backend 'tensorflow'). */
export function loadNativeTf(): Tf {
  const tf = createRequire(import.meta.url)('@tensorflow/tfjs-node') as Tf;
  if (tf.getBackend() !== 'tensorflow') throw new Error(`expected the native backend, got ${tf.getBackend()}`);
  return tf;
}

/** max |a − b| / max |b|: the relative difference used by the parity tests. */
export function relativeDifference(tf: Tf, actual: tfTypes.Tensor, expected: tfTypes.Tensor): number {
  return tf.tidy(() => {
    const scale = Math.max(tf.max(tf.abs(expected)).dataSync()[0], 1e-6);
    return tf.max(tf.abs(tf.sub(actual, expected))).dataSync()[0] / scale;
  });
}
