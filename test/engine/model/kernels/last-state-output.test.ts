/**
 * A layer that does not return sequences asks the native kernels for the last hidden state only:
 * it must equal the last step of the whole sequence, forward and in every gradient, for every
 * cell, and repeated training steps in that form must not leave tensors behind.
 */
import type * as tfTypes from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { nativeKernels, type NativeKernels } from '../../../../src-main/engine/model/kernels/native-kernels';
import { nativeRecurrentSequence, type NativeCell } from '../../../../src-main/engine/model/kernels/native-sequence';
import { loadNativeTf, relativeDifference } from '../fused/native-tf';

const tf = loadNativeTf();
const loaded = nativeKernels();
if (!loaded) throw new Error('these tests need the native recurrent kernels: run `npm run setup`');
const native: NativeKernels = loaded;
const GATES: Record<NativeCell, number> = { LSTM: 4, GRU: 3, 'GRU-reset-after': 3, SimpleRNN: 1 };
const [steps, batch, features, units] = [6, 5, 3, 7];

afterAll(() => tf.disposeVariables());

function inputs(cell: NativeCell): tfTypes.Tensor[] {
  const width = GATES[cell] * units;
  const biasShape = cell === 'GRU-reset-after' ? [2, width] : [width];
  const x = tf.randomNormal([steps, batch, features], 0, 1, 'float32', 5);
  const weights = [[features, width], [units, width], biasShape].map((shape, i) =>
    tf.randomUniform(shape, -0.6, 0.6, 'float32', 40 + i),
  );
  return [x, ...weights];
}

describe.each(['LSTM', 'GRU', 'GRU-reset-after', 'SimpleRNN'] as const)('%s, last state only', (cell) => {
  const config = { cell, activation: 'tanh', recurrentActivation: 'sigmoid' } as const;
  const run = (output: 'sequence' | 'last') => (a: tfTypes.Tensor[]) =>
    nativeRecurrentSequence(tf, native, config, a[0], a[1], a[2], a[3], { output });

  it('is the last step of the whole sequence, with the same gradients', () => {
    const args = inputs(cell);
    const probe = tf.randomNormal([batch, units], 0, 1, 'float32', 8);
    const lastOfSequence = (a: tfTypes.Tensor[]) =>
      tf.reshape(tf.slice(run('sequence')(a), [steps - 1, 0, 0], [1, -1, -1]), [batch, units]);
    const last = run('last')(args);
    const expected = lastOfSequence(args);
    expect(last.shape).toEqual([batch, units]);
    expect(relativeDifference(tf, last, expected)).toBeLessThan(1e-6);
    const loss =
      (f: (a: tfTypes.Tensor[]) => tfTypes.Tensor) =>
      (...a: tfTypes.Tensor[]) =>
        tf.sum(tf.mul(f(a), probe)) as tfTypes.Scalar;
    const got = tf.grads(loss(run('last')))(args);
    const want = tf.grads(loss(lastOfSequence))(args);
    got.forEach((grad, i) => {
      expect(tf.max(tf.abs(want[i])).dataSync()[0]).toBeGreaterThan(0);
      expect(relativeDifference(tf, grad, want[i])).toBeLessThan(1e-6);
    });
    tf.dispose([...args, probe, last, expected, ...got, ...want]);
  });

  it('leaves no tensors behind over repeated training steps', () => {
    const args = inputs(cell);
    const step = () => tf.tidy(() => tf.grads((...a: tfTypes.Tensor[]) => tf.sum(run('last')(a)))(args));
    tf.dispose(step());
    const before = tf.memory().numTensors;
    for (let i = 0; i < 5; i++) tf.dispose(step());
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose(args);
  });
});
