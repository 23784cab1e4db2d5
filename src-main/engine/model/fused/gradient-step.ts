/**
 * The part of a training step after the gradients exist: per-layer gradient norms, clipping and
 * the optimizer update. Done on one flat vector of all gradients, so the number of backend calls
 * hardly grows with the number of variables (per variable, the step used to cost about five ops
 * for the norms and clipping and sixteen for Adam; each call has a fixed cost that dominated
 * small recurrent models trained on fused kernels).
 */
import type * as tfTypes from '@tensorflow/tfjs';
import type { Tf } from '../../../tensorflow/load-tf';
import { flattenGradients, type FlatAdamOptimizer } from './flat-adam';

type Tensor = tfTypes.Tensor;

/** Gradient clipping as the experiment spec states it. */
export interface GradientClip {
  mode: 'none' | 'norm' | 'value';
  value: number;
}

/** Variables owned by one layer; norms are reported per group. */
export interface GradientGroup {
  variables: tfTypes.Variable[];
}

function isFlatOptimizer(optimizer: tfTypes.Optimizer): optimizer is FlatAdamOptimizer {
  return typeof (optimizer as Partial<FlatAdamOptimizer>).applyFlatGradient === 'function';
}

/**
 * Returns the gradient norm of each group [groups.length] (before clipping; a variable without a
 * gradient counts as zero) and, when `update` is true, clips the gradients (by global norm or by
 * value) and applies them with `optimizer`. Call inside `tf.tidy`.
 */
export function applyGradientStep(
  tf: Tf,
  optimizer: tfTypes.Optimizer,
  groups: GradientGroup[],
  grads: tfTypes.NamedTensorMap,
  clip: GradientClip,
  update: boolean,
): Tensor {
  const variables = groups.flatMap((g) => g.variables);
  if (variables.length === 0) return tf.zeros([groups.length]);
  const complete = variables.every((v) => grads[v.name]);
  const filled: tfTypes.NamedTensorMap = complete
    ? grads
    : Object.fromEntries(variables.map((v) => [v.name, grads[v.name] ?? tf.zerosLike(v)]));
  const flat = flattenGradients(tf, variables, filled);
  const squares = tf.square(flat);
  const groupSizes = groups.map((g) => g.variables.reduce((n, v) => n + v.size, 0));
  const perGroup =
    groups.length === 1
      ? [squares]
      : tf.split(
          squares,
          groupSizes.filter((n) => n > 0),
        );
  let next = 0;
  const sums = groupSizes.map((n) => (n > 0 ? tf.sum(perGroup[next++]) : tf.scalar(0)));
  const squaredNorms = sums.length === 1 ? tf.reshape(sums[0], [1]) : tf.stack(sums);
  const norms = tf.sqrt(squaredNorms);
  if (!update) return norms;

  let clipped = flat;
  if (clip.mode === 'norm') {
    const globalNorm = tf.sqrt(tf.sum(squaredNorms));
    clipped = tf.mul(flat, tf.minimum(1, tf.div(clip.value, tf.maximum(globalNorm, 1e-12))));
  } else if (clip.mode === 'value') {
    clipped = tf.clipByValue(flat, -clip.value, clip.value);
  }
  if (complete && isFlatOptimizer(optimizer)) {
    optimizer.applyFlatGradient(variables, clipped);
    return norms;
  }
  // Other optimizers take one gradient per variable; those without a gradient are left alone.
  const pieces =
    variables.length === 1
      ? [clipped]
      : tf.split(
          clipped,
          variables.map((v) => v.size),
        );
  const map: tfTypes.NamedTensorMap = {};
  variables.forEach((v, i) => {
    if (grads[v.name]) map[v.name] = tf.reshape(pieces[i], v.shape);
  });
  optimizer.applyGradients(map);
  return norms;
}
