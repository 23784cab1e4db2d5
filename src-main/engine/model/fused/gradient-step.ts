/**
 * The part of a training step after the gradients exist: per-layer gradient norms, clipping and
 * the optimizer update. The gradients are read once into JavaScript and the norms and clipping
 * computed there, so the step costs no TensorFlow op per variable (each op has a fixed cost that
 * dominated small recurrent models on fused kernels: the step used to cost about five ops per
 * variable for the norms and clipping and sixteen for Adam). With the app's Adam the update is
 * made there too (flat-adam.ts); other optimizers get the clipped gradients as tensors.
 */
import type * as tfTypes from '@tensorflow/tfjs';
import type { Tf } from '../../../tensorflow/load-tf';
import { NO_TRANSFORM, type FlatAdamOptimizer, type GradientTransform } from './flat-adam';

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
  return typeof (optimizer as Partial<FlatAdamOptimizer>).applyGradientValues === 'function';
}

/** The transform that clips as `clip` says, given the global norm of the unclipped gradients. */
function clipTransform(clip: GradientClip, globalNorm: number): GradientTransform {
  if (clip.mode === 'norm') return { scale: Math.min(1, clip.value / Math.max(globalNorm, 1e-12)), limit: Infinity };
  if (clip.mode === 'value') return { scale: 1, limit: clip.value };
  return NO_TRANSFORM;
}

/** `values` transformed as the optimizer would see them, as a new array. */
function transformed(values: ArrayLike<number>, { scale, limit }: GradientTransform): Float32Array {
  const out = new Float32Array(values.length);
  for (let i = 0; i < out.length; i++) {
    const g = values[i] * scale;
    out[i] = g > limit ? limit : g < -limit ? -limit : g;
  }
  return out;
}

/**
 * Returns the gradient norm of each group (before clipping; a variable without a gradient counts
 * as zero) and, when `update` is true, clips the gradients (by global norm or by value) and
 * applies them with `optimizer`. Variables without a gradient are left alone.
 */
export function applyGradientStep(
  tf: Tf,
  optimizer: tfTypes.Optimizer,
  groups: GradientGroup[],
  grads: tfTypes.NamedTensorMap,
  clip: GradientClip,
  update: boolean,
): Float64Array {
  const norms = new Float64Array(groups.length);
  const variables: tfTypes.Variable[] = [];
  const values: ArrayLike<number>[] = [];
  let squaredTotal = 0;
  groups.forEach((group, i) => {
    let squares = 0;
    for (const variable of group.variables) {
      const grad = grads[variable.name];
      if (!grad) continue;
      // Our native kernels' gradients are JavaScript arrays already: reading them copies nothing.
      const data = grad.dataSync();
      for (let j = 0; j < data.length; j++) squares += data[j] * data[j];
      variables.push(variable);
      values.push(data);
    }
    norms[i] = Math.sqrt(squares);
    squaredTotal += squares;
  });
  if (!update || variables.length === 0) return norms;

  const transform = clipTransform(clip, Math.sqrt(squaredTotal));
  if (isFlatOptimizer(optimizer)) {
    optimizer.applyGradientValues(variables, values, transform);
    return norms;
  }
  // Other optimizers take one gradient tensor per variable.
  tf.tidy(() => {
    const map: tfTypes.NamedTensorMap = {};
    variables.forEach((v, i) => {
      map[v.name] =
        transform === NO_TRANSFORM ? grads[v.name] : tf.tensor(transformed(values[i], transform), v.shape, 'float32');
    });
    optimizer.applyGradients(map);
  });
  return norms;
}
