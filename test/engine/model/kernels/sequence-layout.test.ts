/**
 * The kernels read tfjs' batch-major tensors directly and run a bidirectional layer's backward
 * direction from the end themselves. Each layout must give exactly what the time-major call gives
 * after the transposes and reverses TensorFlow used to do around it, forward and in every
 * gradient, for every cell.
 */
import type * as tfTypes from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { nativeKernels, type NativeKernels } from '../../../../src-main/engine/model/kernels/native-kernels';
import {
  nativeRecurrentSequence,
  type NativeCell,
  type SequenceOptions,
} from '../../../../src-main/engine/model/kernels/native-sequence';
import { loadNativeTf, relativeDifference } from '../fused/native-tf';

const tf = loadNativeTf();
const loaded = nativeKernels();
if (!loaded) throw new Error('these tests need the native recurrent kernels: run `npm run setup`');
const native: NativeKernels = loaded;
const GATES: Record<NativeCell, number> = { LSTM: 4, GRU: 3, 'GRU-reset-after': 3, SimpleRNN: 1 };
// Steps and batch differ, so a mixed-up transpose cannot pass.
const [steps, batch, features, units] = [7, 3, 4, 5];

afterAll(() => tf.disposeVariables());

function inputs(cell: NativeCell): tfTypes.Tensor[] {
  const width = GATES[cell] * units;
  const x = tf.randomNormal([batch, steps, features], 0, 1, 'float32', 11);
  const biasShape = cell === 'GRU-reset-after' ? [2, width] : [width];
  const weights = [[features, width], [units, width], biasShape].map((shape, i) =>
    tf.randomUniform(shape, -0.6, 0.6, 'float32', 60 + i),
  );
  return [x, ...weights];
}

const layouts: [string, Partial<SequenceOptions>][] = [
  ['batch-major', { batchMajor: true }],
  ['batch-major, reversed', { batchMajor: true, reversed: true }],
  ['time-major, reversed', { reversed: true }],
  ['batch-major, reversed, last state', { batchMajor: true, reversed: true, output: 'last' }],
];

describe.each(['LSTM', 'GRU', 'GRU-reset-after', 'SimpleRNN'] as const)('%s', (cell) => {
  const config = { cell, activation: 'tanh', recurrentActivation: 'sigmoid' } as const;

  it.each(layouts)('%s equals the time-major call with transposes and reverses', (_, options) => {
    const args = inputs(cell);
    const { batchMajor = false, reversed = false, output = 'sequence' } = options;
    const direct = (a: tfTypes.Tensor[]) =>
      nativeRecurrentSequence(tf, native, config, a[0], a[1], a[2], a[3], options);
    // What the fused layer did before: time-major input, reversed for the backward direction,
    // the sequence put back in time order and batch-major.
    const viaTensorflow = (a: tfTypes.Tensor[]) => {
      let x = batchMajor ? a[0] : tf.transpose(a[0], [1, 0, 2]);
      x = tf.transpose(x, [1, 0, 2]);
      if (reversed) x = tf.reverse(x, 0);
      const h = nativeRecurrentSequence(tf, native, config, x, a[1], a[2], a[3], { output });
      if (output === 'last') return h;
      const inOrder = reversed ? tf.reverse(h, 0) : h;
      return batchMajor ? tf.transpose(inOrder, [1, 0, 2]) : inOrder;
    };
    const x = batchMajor ? args[0] : tf.transpose(args[0], [1, 0, 2]);
    const all = [x, ...args.slice(1)];
    const got = direct(all);
    const want = viaTensorflow(all);
    expect(got.shape).toEqual(want.shape);
    expect(relativeDifference(tf, got, want)).toBeLessThan(1e-6);
    const probe = tf.randomNormal(want.shape, 0, 1, 'float32', 9);
    const loss =
      (f: (a: tfTypes.Tensor[]) => tfTypes.Tensor) =>
      (...a: tfTypes.Tensor[]) =>
        tf.sum(tf.mul(f(a), probe)) as tfTypes.Scalar;
    const gotGrads = tf.grads(loss(direct))(all);
    const wantGrads = tf.grads(loss(viaTensorflow))(all);
    gotGrads.forEach((grad, i) => {
      expect(grad.shape).toEqual(wantGrads[i].shape);
      expect(tf.max(tf.abs(wantGrads[i])).dataSync()[0]).toBeGreaterThan(0);
      expect(relativeDifference(tf, grad, wantGrads[i])).toBeLessThan(1e-6);
    });
    tf.dispose([...args, x, got, want, probe, ...gotGrads, ...wantGrads]);
  });

  it('a reversed run differs from a forward one (the flag is not ignored)', () => {
    const args = inputs(cell);
    const run = (reversed: boolean) =>
      nativeRecurrentSequence(tf, native, config, args[0], args[1], args[2], args[3], {
        batchMajor: true,
        reversed,
        output: 'last',
      });
    const [a, b] = [run(false), run(true)];
    expect(relativeDifference(tf, a, b)).toBeGreaterThan(1e-3);
    tf.dispose([...args, a, b]);
  });
});
