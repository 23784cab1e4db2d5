/**
 * Plain tfjs references for the native kernels: the standard tfjs-layers layer where tfjs has
 * one, and a step-by-step tf-ops GRU with the reset after the matmul (tfjs-layers rejects
 * `resetAfter`), differentiated by tfjs' own autodiff.
 */
import type * as tfTypes from '@tensorflow/tfjs';
import type { Tf } from '../fused/native-tf';

type Tensor = tfTypes.Tensor;

/** tfjs' own form of every activation the kernels offer. */
export function referenceActivation(tf: Tf, name: string, x: Tensor): Tensor {
  switch (name) {
    case 'tanh':
      return tf.tanh(x);
    case 'relu':
      return tf.relu(x);
    case 'sigmoid':
      return tf.sigmoid(x);
    case 'elu':
      return tf.elu(x);
    case 'selu':
      return tf.selu(x);
    case 'softsign':
      return tf.div(x, tf.add(1, tf.abs(x)));
    case 'linear':
      return x;
    case 'hardSigmoid':
      return tf.clipByValue(tf.add(tf.mul(x, 0.2), 0.5), 0, 1);
    default:
      throw new Error(`no reference for activation ${name}`);
  }
}

/**
 * Keras' reset-after GRU (gates z, r, h; bias [2, 3U]: input, then recurrent) over time-major
 * x [T,B,I] from a zero state; returns every hidden state [T,B,U].
 */
export function referenceGruResetAfter(
  tf: Tf,
  activation: string,
  recurrentActivation: string,
  x: Tensor,
  kernel: Tensor,
  recurrent: Tensor,
  bias: Tensor,
): Tensor {
  const [, batch] = x.shape;
  const units = recurrent.shape[0];
  const [inputBias, recurrentBias] = tf.unstack(bias);
  const block = (m: Tensor, i: number) => tf.slice(m, [0, i * units], [-1, units]);
  let h: Tensor = tf.zeros([batch, units]);
  const states: Tensor[] = [];
  for (const xt of tf.unstack(x)) {
    const xz = tf.add(tf.matMul(xt as tfTypes.Tensor2D, kernel as tfTypes.Tensor2D), inputBias);
    const q = tf.add(tf.matMul(h as tfTypes.Tensor2D, recurrent as tfTypes.Tensor2D), recurrentBias);
    const z = referenceActivation(tf, recurrentActivation, tf.add(block(xz, 0), block(q, 0)));
    const r = referenceActivation(tf, recurrentActivation, tf.add(block(xz, 1), block(q, 1)));
    const candidate = referenceActivation(tf, activation, tf.add(block(xz, 2), tf.mul(r, block(q, 2))));
    h = tf.add(tf.mul(z, h), tf.mul(tf.sub(1, z), candidate));
    states.push(h);
  }
  return tf.stack(states);
}
