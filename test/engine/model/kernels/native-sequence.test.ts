/**
 * Our native kernels must compute what tfjs-layers computes on the same weights: outputs, and
 * gradients with respect to the input and every weight, for every cell and activation the forms
 * offer, in every CPU build this machine can run.
 */
import type * as tfTypes from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { nativeKernels, type NativeKernels } from '../../../../src-main/engine/model/kernels/native-kernels';
import { ThreadTuner } from '../../../../src-main/engine/model/kernels/thread-tuner';
import {
  nativeRecurrentSequence,
  type NativeActivation,
  type NativeCell,
} from '../../../../src-main/engine/model/kernels/native-sequence';
import { loadNativeTf, relativeDifference } from '../fused/native-tf';
import { referenceGruResetAfter } from './reference-cells';

const tf = loadNativeTf();
const TOLERANCE = 1e-4;
const kernels = nativeKernels();
if (!kernels) throw new Error('these tests need the native recurrent kernels: run `npm run setup`');
const native: NativeKernels = kernels;
const defaultIsa = native.instructionSet;

/** Every build this CPU can run (the generic one always). */
const runnableIsas = ['generic', 'avx2', 'avx512'].filter((isa) => {
  try {
    native.addon.useInstructionSet(isa);
    return true;
  } catch {
    return false;
  } finally {
    native.addon.useInstructionSet(defaultIsa);
  }
});

afterAll(() => {
  native.addon.useInstructionSet(defaultIsa);
  tf.disposeVariables();
});

interface Case {
  cell: NativeCell;
  activation: NativeActivation;
  recurrentActivation: NativeActivation;
  batch: number;
  steps: number;
  features: number;
  units: number;
}

const GATES: Record<NativeCell, number> = { LSTM: 4, GRU: 3, 'GRU-reset-after': 3, SimpleRNN: 1 };

/** Output and gradients of sum(layer(x) ∘ probe) through tfjs-layers (batch-major, returned time-major). */
function standardResult(c: Case, xTime: tfTypes.Tensor, weights: tfTypes.Tensor[], probe: tfTypes.Tensor) {
  const common = { units: c.units, activation: c.activation, returnSequences: true };
  type Activation = tfTypes.SimpleRNNLayerArgs['activation'];
  const recurrentActivation = c.recurrentActivation as Activation;
  const activation = c.activation as Activation;
  const layer =
    c.cell === 'LSTM'
      ? tf.layers.lstm({ ...common, activation, recurrentActivation })
      : c.cell === 'GRU'
        ? tf.layers.gru({ ...common, activation, recurrentActivation })
        : tf.layers.simpleRNN({ ...common, activation });
  const x = tf.transpose(xTime, [1, 0, 2]);
  layer.apply(x);
  layer.setWeights(weights);
  const loss = (input: tfTypes.Tensor) =>
    tf.sum(tf.mul(tf.transpose(layer.apply(input) as tfTypes.Tensor, [1, 0, 2]), probe)) as tfTypes.Scalar;
  const output = tf.transpose(layer.apply(x) as tfTypes.Tensor, [1, 0, 2]);
  const inputGrad = tf.transpose(tf.grad(loss)(x), [1, 0, 2]);
  const variables = layer.trainableWeights.map((w) => w.read() as tfTypes.Variable);
  const { value, grads } = tf.variableGrads(() => loss(x), variables);
  value.dispose();
  return { output, grads: [inputGrad, ...variables.map((v) => grads[v.name])] };
}

function referenceResult(c: Case, x: tfTypes.Tensor, weights: tfTypes.Tensor[], probe: tfTypes.Tensor) {
  if (c.cell !== 'GRU-reset-after') return standardResult(c, x, weights, probe);
  const run = (...args: tfTypes.Tensor[]) =>
    referenceGruResetAfter(tf, c.activation, c.recurrentActivation, args[0], args[1], args[2], args[3]);
  const loss = (...args: tfTypes.Tensor[]) => tf.sum(tf.mul(run(...args), probe)) as tfTypes.Scalar;
  return { output: run(x, ...weights), grads: tf.grads(loss)([x, ...weights]) };
}

function expectParity(c: Case) {
  const width = GATES[c.cell] * c.units;
  const x = tf.randomNormal([c.steps, c.batch, c.features], 0, 1, 'float32', 3);
  const biasShape = c.cell === 'GRU-reset-after' ? [2, width] : [width];
  // Non-trivial weights everywhere, biases included, so every gate matters.
  const weights = [[c.features, width], [c.units, width], biasShape].map((shape, i) =>
    tf.randomUniform(shape, -0.6, 0.6, 'float32', 100 + i),
  );
  const probe = tf.randomNormal([c.steps, c.batch, c.units], 0, 1, 'float32', 4);
  const config = { cell: c.cell, activation: c.activation, recurrentActivation: c.recurrentActivation };
  const run = (...args: tfTypes.Tensor[]) =>
    nativeRecurrentSequence(tf, native, config, args[0], args[1], args[2], args[3]);
  const output = run(x, ...weights);
  const grads = tf.grads((...args: tfTypes.Tensor[]) => tf.sum(tf.mul(run(...args), probe)) as tfTypes.Scalar)([
    x,
    ...weights,
  ]);
  const expected = referenceResult(c, x, weights, probe);
  expect(output.shape).toEqual([c.steps, c.batch, c.units]);
  expect(relativeDifference(tf, output, expected.output)).toBeLessThan(TOLERANCE);
  const names = ['input', 'kernel', 'recurrent kernel', 'bias'];
  grads.forEach((grad, i) => {
    expect(grad.shape, names[i]).toEqual(expected.grads[i].shape);
    expect(tf.max(tf.abs(expected.grads[i])).dataSync()[0], names[i]).toBeGreaterThan(0);
    expect(relativeDifference(tf, grad, expected.grads[i]), names[i]).toBeLessThan(TOLERANCE);
  });
  tf.dispose([x, probe, output, ...weights, ...grads, expected.output, ...expected.grads]);
}

const small = { batch: 4, steps: 7, features: 3, units: 5 };
// Sizes that leave a remainder after every vector width (4, 8, 16 floats).
const ragged = { batch: 5, steps: 9, features: 17, units: 19 };
const gates = { activation: 'tanh', recurrentActivation: 'sigmoid' } as const;

describe.each(runnableIsas)('the %s build matches the references', (isa) => {
  it.each(['LSTM', 'GRU', 'GRU-reset-after', 'SimpleRNN'] as const)('%s', (cell) => {
    native.addon.useInstructionSet(isa);
    try {
      expectParity({ cell, ...gates, ...small });
      expectParity({ cell, ...gates, ...ragged });
    } finally {
      native.addon.useInstructionSet(defaultIsa);
    }
  });

  // 150 units: the recurrent kernel [150, 600] is packed once per call in several blocks of
  // Eigen's cache blocking, along its gates forward and along its rows backward; 40 features (a
  // wide input) are projected step by step through the kernel [40, 600], packed the same way.
  it('LSTM with a recurrent kernel packed in several blocks', () => {
    native.addon.useInstructionSet(isa);
    try {
      expectParity({ cell: 'LSTM', ...gates, batch: 3, steps: 4, features: 40, units: 150 });
    } finally {
      native.addon.useInstructionSet(defaultIsa);
    }
  });
});

const HIDDEN = ['tanh', 'relu', 'sigmoid', 'elu', 'selu', 'softsign', 'linear'] as const;

describe('every activation the forms offer', () => {
  it.each(HIDDEN)('SimpleRNN with %s', (activation) =>
    expectParity({ cell: 'SimpleRNN', activation, recurrentActivation: 'sigmoid', ...small }),
  );
  it.each(HIDDEN)('LSTM with %s, hard-sigmoid gates', (activation) =>
    expectParity({ cell: 'LSTM', activation, recurrentActivation: 'hardSigmoid', ...small }),
  );
  it.each(HIDDEN)('GRU with %s, tanh gates', (activation) =>
    expectParity({ cell: 'GRU', activation, recurrentActivation: 'tanh', ...small }),
  );
  it.each(HIDDEN)('reset-after GRU with %s, hard-sigmoid gates', (activation) =>
    expectParity({ cell: 'GRU-reset-after', activation, recurrentActivation: 'hardSigmoid', ...small }),
  );
});

describe('threads', () => {
  const x = tf.randomNormal([6, 7, 3], 0, 1, 'float32', 9);
  const weights = [[3, 20], [5, 20], [20]].map((s, i) => tf.randomUniform(s, -0.5, 0.5, 'float32', 20 + i));
  afterAll(() => tf.dispose([x, ...weights]));
  /** Gradients of sum(h²) over a small LSTM on these kernels, with respect to x and every weight. */
  const lstmGradients = (k: NativeKernels): tfTypes.Tensor[] =>
    tf.grads((...args: tfTypes.Tensor[]) =>
      tf.sum(tf.square(nativeRecurrentSequence(tf, k, { cell: 'LSTM', ...gates }, args[0], args[1], args[2], args[3]))),
    )([x, ...weights]);

  it('splitting the batch across threads changes nothing', () => {
    const a = lstmGradients({ ...native, threads: 1, threadTuner: null });
    const b = lstmGradients({ ...native, threads: 3, threadTuner: null });
    a.forEach((grad, i) => expect(relativeDifference(tf, grad, b[i])).toBeLessThan(1e-6));
    tf.dispose([...a, ...b]);
  });

  it('calls timed on 1 thread and on several give the same gradients, and the faster count is kept', () => {
    const tuner = new ThreadTuner({ trials: 2, recheckEvery: 100 });
    const expected = lstmGradients({ ...native, threads: 1, threadTuner: null });
    // The first call is not counted, then two per thread count: six calls decide.
    for (let call = 0; call < 7; call++) {
      const got = lstmGradients({ ...native, threads: 3, threadTuner: tuner });
      got.forEach((grad, i) => expect(relativeDifference(tf, grad, expected[i])).toBeLessThan(1e-6));
      tf.dispose(got);
    }
    const kinds = ['forward', 'backward'].map((pass) => `${pass} 0/0/2 6×7×3→5 all saved`);
    for (const kind of kinds) expect([1, 3]).toContain(tuner.chosen(kind));
    tf.dispose(expected);
  });
});
