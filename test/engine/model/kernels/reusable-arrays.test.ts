/**
 * Training reuses the arrays our kernels write (reusable-arrays.ts). tfjs-node keeps a tensor's
 * array as its memory and, once an op reads the tensor, hands that same memory to TensorFlow,
 * which may keep it after the tensor is disposed (a Reshape's output shares it). These tests pin
 * down what makes reuse safe: an array comes back only when its tensor is gone and TensorFlow
 * never had it, and training steps that reuse arrays compute what the standard layers compute.
 */
import type * as tfTypes from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { createRecurrentLayer, type RecurrentLayerOptions } from '../../../../src-main/engine/model/fused/index';
import { createStandardLayer } from '../../../../src-main/engine/model/fused/standard-layer';
import { useNativeKernelsEverywhere } from '../../../../src-main/engine/model/kernels/kernel-policy';
import { nativeKernels } from '../../../../src-main/engine/model/kernels/native-kernels';
import { ReusableArrays } from '../../../../src-main/engine/model/kernels/reusable-arrays';
import { loadNativeTf, relativeDifference } from '../fused/native-tf';

const tf = loadNativeTf();
if (!nativeKernels()) throw new Error('these tests need the native recurrent kernels: run `npm run setup`');

afterAll(() => {
  useNativeKernelsEverywhere(false);
  tf.disposeVariables();
});

describe('reusable arrays', () => {
  it('hand an array back once its tensor is disposed, never while it lives', () => {
    const arrays = new ReusableArrays();
    const first = arrays.take(tf, 6);
    const tensor = arrays.tensor(tf, first, [2, 3]);
    expect(arrays.take(tf, 6)).not.toBe(first);
    tensor.dispose();
    expect(arrays.take(tf, 6)).toBe(first);
    // Taken, it is no longer lent: a second take makes a new one.
    expect(arrays.take(tf, 6)).not.toBe(first);
  });

  it('wait for every tensor sharing the data (a clone) to be disposed', () => {
    const arrays = new ReusableArrays();
    const array = arrays.take(tf, 4);
    const tensor = arrays.tensor(tf, array, [4]);
    const clone = tf.clone(tensor);
    tensor.dispose();
    expect(arrays.take(tf, 4)).not.toBe(array);
    clone.dispose();
    expect(arrays.take(tf, 4)).toBe(array);
  });

  it('never hand back an array TensorFlow was given, which a Reshape may keep after its input is disposed', () => {
    // TensorFlow takes an array suitably aligned as its own memory, copying the others: seen here
    // in 3 to 9 of 20 arrays of each size, so twenty rounds meet the shared case.
    const arrays = new ReusableArrays();
    for (let round = 0; round < 20; round++) {
      const array = arrays.take(tf, 1024);
      array.fill(round);
      const tensor = arrays.tensor(tf, array, [1024]);
      const reshaped = tf.reshape(tensor, [32, 32]);
      tensor.dispose();
      for (let i = 0; i < 3; i++) {
        const other = arrays.take(tf, 1024);
        expect(other).not.toBe(array);
        other.fill(-1);
        arrays.tensor(tf, other, [1024]).dispose();
      }
      const values = reshaped.dataSync();
      expect(values[0]).toBe(round);
      expect(values[1023]).toBe(round);
      reshaped.dispose();
    }
  });
});

/** Options of a stacked model's layers: a bidirectional LSTM returning sequences, then a GRU. */
function layerOptions(returnSequences: boolean, bidirectional: boolean, inputShape?: number[]): RecurrentLayerOptions {
  return {
    units: 6,
    activation: 'tanh',
    recurrentActivation: 'sigmoid',
    returnSequences,
    dropout: 0,
    recurrentDropout: 0,
    bidirectional,
    merge: 'concat',
    seed: 5,
    ...(inputShape ? { inputShape } : {}),
  };
}

/** The same stacked model on our kernels and on the standard tfjs-layers layers, same weights. */
function models() {
  useNativeKernelsEverywhere(true);
  const first = layerOptions(true, true, [7, 3]);
  const second = layerOptions(false, false);
  const native = tf.sequential({
    layers: [
      createRecurrentLayer(tf, 'LSTM', first, true).layer,
      createRecurrentLayer(tf, 'GRU', second, true).layer,
      tf.layers.dense({ units: 1 }),
    ],
  });
  const standard = tf.sequential({
    layers: [
      createStandardLayer(tf, 'LSTM', first),
      createStandardLayer(tf, 'GRU', second),
      tf.layers.dense({ units: 1 }),
    ],
  });
  const weights = native.getWeights().map((w, i) => tf.randomUniform(w.shape, -0.5, 0.5, 'float32', 60 + i));
  native.setWeights(weights);
  standard.setWeights(weights);
  tf.dispose(weights);
  return { native, standard };
}

/**
 * The loss gradients of every weight of `model` on one batch; `firstOutput` gets the values of
 * the first layer's output (for our kernels, the array they wrote).
 */
function gradients(
  model: tfTypes.Sequential,
  x: tfTypes.Tensor,
  y: tfTypes.Tensor,
  firstOutput: (values: Float32Array) => void = () => undefined,
) {
  const variables = model.trainableWeights.map((w) => w.read() as tfTypes.Variable);
  return tf.tidy(() => {
    const { grads } = tf.variableGrads(() => {
      let h = model.layers[0].apply(x, { training: true }) as tfTypes.Tensor;
      firstOutput(h.dataSync() as Float32Array);
      for (const layer of model.layers.slice(1)) h = layer.apply(h, { training: true }) as tfTypes.Tensor;
      return tf.losses.meanSquaredError(y, h) as tfTypes.Scalar;
    }, variables);
    return variables.map((v) => tf.keep(grads[v.name]));
  });
}

describe('training steps on reused arrays', () => {
  it('give the standard layers’ gradients batch after batch, and reuse the arrays', () => {
    const { native, standard } = models();
    const outputs: Float32Array[] = [];
    const tensors = tf.memory().numTensors;
    for (let step = 0; step < 4; step++) {
      // A different batch each step: stale values from the last step would show.
      const x = tf.randomNormal([5, 7, 3], 0, 1, 'float32', 10 + step);
      const y = tf.randomNormal([5, 1], 0, 1, 'float32', 20 + step);
      const ours = gradients(native, x, y, (values) => outputs.push(values));
      const theirs = gradients(standard, x, y);
      ours.forEach((g, i) => expect(relativeDifference(tf, g, theirs[i])).toBeLessThan(1e-4));
      tf.dispose([x, y, ...ours, ...theirs]);
    }
    expect(tf.memory().numTensors).toBe(tensors);
    // The first layer's output is written into the same array step after step.
    expect(new Set(outputs).size).toBe(1);
    native.dispose();
    standard.dispose();
  });
});
