/**
 * What a training forward pass keeps for its backward pass lives in the addon's memory behind a
 * handle. Every handle must be handed back (by backward, by release, or when collected), repeated
 * training steps must reuse the same memory rather than grow, prediction must keep nothing, and
 * a handle misused must be refused with a clear error rather than read freed memory.
 */
import type * as tfTypes from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { createRecurrentLayer } from '../../../../src-main/engine/model/fused/index';
import { useNativeKernelsEverywhere } from '../../../../src-main/engine/model/kernels/kernel-policy';
import {
  nativeKernels,
  type KernelProblem,
  type NativeKernels,
  type SavedSequence,
} from '../../../../src-main/engine/model/kernels/native-kernels';
import { loadNativeTf } from '../fused/native-tf';

const tf = loadNativeTf();
const loaded = nativeKernels();
if (!loaded) throw new Error('these tests need the native recurrent kernels: run `npm run setup`');
const native: NativeKernels = loaded;
const { addon } = native;

afterAll(() => {
  useNativeKernelsEverywhere(false);
  tf.disposeVariables();
});

/** A stacked model with a bidirectional LSTM returning sequences, every layer on our kernels. */
function stackedModel() {
  const opts = {
    units: 8,
    activation: 'tanh',
    recurrentActivation: 'sigmoid',
    dropout: 0,
    recurrentDropout: 0,
    merge: 'concat' as const,
    seed: 4,
  };
  const first = createRecurrentLayer(
    tf,
    'LSTM',
    { ...opts, returnSequences: true, bidirectional: true, inputShape: [12, 3] },
    true,
  );
  const second = createRecurrentLayer(tf, 'GRU', { ...opts, returnSequences: false, bidirectional: true }, true);
  expect(first.note).toMatch(/our native LSTM kernels/);
  expect(second.note).toMatch(/our native GRU kernels/);
  const model = tf.sequential({ layers: [first.layer, second.layer, tf.layers.dense({ units: 1 })] });
  model.compile({ optimizer: tf.train.adam(0.01), loss: 'meanSquaredError' });
  return model;
}

describe('training steps', () => {
  it('hand back every saved forward pass and reuse the same memory step after step', async () => {
    useNativeKernelsEverywhere(true);
    const model = stackedModel();
    const x = tf.randomNormal([16, 12, 3], 0, 1, 'float32', 2);
    const y = tf.randomNormal([16, 1], 0, 1, 'float32', 3);
    const start = addon.memory();
    await model.trainOnBatch(x, y);
    const afterOne = addon.memory();
    expect(afterOne.savedSequences).toBe(start.savedSequences);
    expect(afterOne.usedBytes).toBe(start.usedBytes);
    // The first step filled the pool; the next ones take from it and give back the same.
    expect(afterOne.keptBytes).toBeGreaterThan(0);
    const tensors = tf.memory().numTensors;
    for (let i = 0; i < 6; i++) await model.trainOnBatch(x, y);
    const afterMany = addon.memory();
    expect(afterMany).toEqual(afterOne);
    expect(tf.memory().numTensors).toBe(tensors);
    tf.dispose([x, y]);
    model.dispose();
    useNativeKernelsEverywhere(false);
  });

  it('prediction keeps nothing for a backward pass', () => {
    useNativeKernelsEverywhere(true);
    const model = stackedModel();
    const x = tf.randomNormal([5, 12, 3], 0, 1, 'float32', 6);
    tf.dispose(model.predict(x) as tfTypes.Tensor);
    const before = addon.memory();
    for (let i = 0; i < 4; i++) tf.dispose(model.predict(x) as tfTypes.Tensor);
    const after = addon.memory();
    expect(after.savedSequences).toBe(0);
    expect(after).toEqual(before);
    tf.dispose(x);
    model.dispose();
    useNativeKernelsEverywhere(false);
  });
});

describe('the addon’s handles', () => {
  const problem: KernelProblem = {
    cell: 0,
    activation: 0,
    recurrentActivation: 2,
    steps: 3,
    batch: 2,
    inputDim: 2,
    units: 2,
    threads: 1,
    save: true,
  };
  const sizes = { x: 12, kernel: 16, recurrent: 16, bias: 8, h: 12 };
  const filled = (n: number, seed: number) => Float32Array.from({ length: n }, (_, i) => Math.sin(seed + i) * 0.5);
  const forward = (p: KernelProblem = problem) => {
    const out = new Float32Array(p.lastOnly ? 4 : sizes.h);
    const saved = addon.forward(
      p,
      filled(sizes.x, 1),
      filled(sizes.kernel, 2),
      filled(sizes.recurrent, 3),
      filled(sizes.bias, 4),
      out,
    );
    return { saved, out };
  };
  const backward = (saved: SavedSequence, p: KernelProblem = problem) => {
    const grads = [sizes.x, sizes.kernel, sizes.recurrent, sizes.bias].map((n) => new Float32Array(n));
    const dy = filled(p.lastOnly ? 4 : sizes.h, 5);
    addon.backward(
      p,
      saved,
      filled(sizes.kernel, 2),
      filled(sizes.recurrent, 3),
      dy,
      grads[0],
      grads[1],
      grads[2],
      grads[3],
    );
    return grads;
  };

  it('a forward pass for training holds memory until backward hands it back', () => {
    const before = addon.memory();
    const { saved, out } = forward();
    expect(saved).toBeDefined();
    expect(out.some((v) => v !== 0)).toBe(true);
    const held = addon.memory();
    expect(held.savedSequences).toBe(before.savedSequences + 1);
    expect(held.usedBytes).toBeGreaterThan(before.usedBytes);
    const grads = backward(saved as SavedSequence);
    expect(grads.every((g) => g.some((v) => v !== 0))).toBe(true);
    const after = addon.memory();
    expect(after.savedSequences).toBe(before.savedSequences);
    expect(after.usedBytes).toBe(before.usedBytes);
  });

  it('a forward pass without `save` returns no handle and holds nothing', () => {
    const before = addon.memory();
    const { saved, out } = forward({ ...problem, save: false });
    expect(saved).toBeUndefined();
    expect(out.some((v) => v !== 0)).toBe(true);
    expect(addon.memory().usedBytes).toBe(before.usedBytes);
  });

  it('release hands the memory back; a later backward is refused, a second release does nothing', () => {
    const before = addon.memory();
    const saved = forward().saved as SavedSequence;
    addon.release(saved);
    expect(addon.memory()).toEqual({ ...before, keptBytes: addon.memory().keptBytes });
    expect(() => backward(saved)).toThrow(/already differentiated or released/);
    expect(() => addon.release(saved)).not.toThrow();
    expect(addon.memory().savedSequences).toBe(before.savedSequences);
  });

  it('a second backward of one forward pass is refused', () => {
    const saved = forward().saved as SavedSequence;
    backward(saved);
    expect(() => backward(saved)).toThrow(/already differentiated or released/);
  });

  it('a backward describing another call is refused and keeps the handle usable', () => {
    const saved = forward().saved as SavedSequence;
    expect(() => backward(saved, { ...problem, lastOnly: true })).toThrow(/same sequence and layer/);
    expect(() => backward(saved, { ...problem, cell: 3 })).toThrow(/same sequence and layer/);
    expect(() => backward(saved)).not.toThrow();
  });

  it('anything but a handle of ours is refused', () => {
    const fake = {} as SavedSequence;
    expect(() => backward(fake)).toThrow(/what forward returned for training/);
    expect(() => addon.release(fake)).toThrow(/what forward returned for training/);
  });
});
