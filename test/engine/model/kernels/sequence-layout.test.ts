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
  nativeBidirectionalConcat,
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
const [steps, batch, units] = [7, 3, 5];
// A few features (each step's row projected and differentiated inside the step loop), and more
// than the kernels' narrow limit (16): the LSTM then takes each step's input gradient as a product
// written straight into the caller's layout.
const [NARROW, WIDE] = [4, 20];

afterAll(() => tf.disposeVariables());

function inputs(cell: NativeCell, features = NARROW): tfTypes.Tensor[] {
  const width = GATES[cell] * units;
  const x = tf.randomNormal([batch, steps, features], 0, 1, 'float32', 11);
  const biasShape = cell === 'GRU-reset-after' ? [2, width] : [width];
  const weights = [[features, width], [units, width], biasShape].map((shape, i) =>
    tf.randomUniform(shape, -0.6, 0.6, 'float32', 60 + i),
  );
  return [x, ...weights];
}

type Sequence = (a: tfTypes.Tensor[]) => tfTypes.Tensor;

/** `got` and `want` give the same output and the same gradient of every input (of a random projection of it). */
function expectSameFunction(got: Sequence, want: Sequence, inputs: tfTypes.Tensor[]) {
  tf.tidy(() => {
    const [a, b] = [got(inputs), want(inputs)];
    expect(a.shape).toEqual(b.shape);
    expect(relativeDifference(tf, a, b)).toBeLessThan(1e-6);
    const probe = tf.randomNormal(b.shape, 0, 1, 'float32', 9);
    const loss =
      (f: Sequence) =>
      (...x: tfTypes.Tensor[]) =>
        tf.sum(tf.mul(f(x), probe)) as tfTypes.Scalar;
    const gotGrads = tf.grads(loss(got))(inputs);
    const wantGrads = tf.grads(loss(want))(inputs);
    gotGrads.forEach((grad, i) => {
      expect(grad.shape).toEqual(wantGrads[i].shape);
      expect(tf.max(tf.abs(wantGrads[i])).dataSync()[0]).toBeGreaterThan(0);
      expect(relativeDifference(tf, grad, wantGrads[i])).toBeLessThan(1e-6);
    });
  });
}

const layouts: [string, Partial<SequenceOptions>][] = [
  ['batch-major', { batchMajor: true }],
  ['batch-major, reversed', { batchMajor: true, reversed: true }],
  ['time-major, reversed', { reversed: true }],
  ['batch-major, reversed, last state', { batchMajor: true, reversed: true, output: 'last' }],
];

describe.each(
  (['LSTM', 'GRU', 'GRU-reset-after', 'SimpleRNN'] as const).flatMap((cell) =>
    [NARROW, WIDE].map((features) => [cell, features] as const),
  ),
)('%s, %i features', (cell, features) => {
  const config = { cell, activation: 'tanh', recurrentActivation: 'sigmoid' } as const;

  it.each(layouts)('%s equals the time-major call with transposes and reverses', (_, options) => {
    const args = inputs(cell, features);
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
    expectSameFunction(direct, viaTensorflow, all);
    tf.dispose([...args, x]);
  });

  it.each([
    ['batch-major sequence', { batchMajor: true }],
    ['time-major sequence', { batchMajor: false }],
    ['batch-major last state', { batchMajor: true, output: 'last' }],
    ['time-major last state', { batchMajor: false, output: 'last' }],
  ] as [string, Partial<SequenceOptions>][])(
    'both directions joined in one call (%s) equal the two calls concatenated, with the summed input gradient',
    (_, options) => {
      const forwardArgs = inputs(cell, features);
      const x = options.batchMajor ? forwardArgs[0] : tf.transpose(forwardArgs[0], [1, 0, 2]);
      // The backward direction gets weights of its own.
      const backwardWeights = forwardArgs
        .slice(1)
        .map((w, i) => tf.randomUniform(w.shape, -0.6, 0.6, 'float32', 90 + i));
      const all = [x, ...forwardArgs.slice(1), ...backwardWeights];
      const joined = (a: tfTypes.Tensor[]) =>
        nativeBidirectionalConcat(tf, native, config, a[0], [a[1], a[2], a[3]], [a[4], a[5], a[6]], options);
      const separate = (a: tfTypes.Tensor[]) =>
        tf.concat(
          [
            nativeRecurrentSequence(tf, native, config, a[0], a[1], a[2], a[3], { ...options, reversed: false }),
            nativeRecurrentSequence(tf, native, config, a[0], a[4], a[5], a[6], { ...options, reversed: true }),
          ],
          -1,
        );
      expectSameFunction(joined, separate, all);
      tf.dispose([...forwardArgs, ...backwardWeights, x]);
    },
  );

  it('a reversed run differs from a forward one (the flag is not ignored)', () => {
    const args = inputs(cell, features);
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
