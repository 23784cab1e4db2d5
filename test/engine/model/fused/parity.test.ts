/**
 * The fused layers must compute what the standard tfjs-layers layers compute on the same
 * weights: outputs, and gradients with respect to the input and every weight.
 */
import type * as tfTypes from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { createRecurrentLayer, type RecurrentLayerOptions } from '../../../../src-main/engine/model/fused/index';
import { createStandardLayer } from '../../../../src-main/engine/model/fused/standard-layer';
import { useNativeKernelsEverywhere } from '../../../../src-main/engine/model/kernels/kernel-policy';
import type { Cell } from '../../../../src-main/shared/spec';
import { loadNativeTf, relativeDifference } from './native-tf';

const tf = loadNativeTf();
const TOLERANCE = 1e-4;
const [BATCH, STEPS, FEATURES] = [4, 7, 3];

function options(overrides: Partial<RecurrentLayerOptions>): RecurrentLayerOptions {
  return {
    units: 6,
    activation: 'tanh',
    recurrentActivation: 'sigmoid',
    returnSequences: true,
    dropout: 0,
    recurrentDropout: 0,
    bidirectional: false,
    merge: 'concat',
    seed: 7,
    ...overrides,
  };
}

/** A fused model and a standard one with the same architecture and the same random weights. */
function modelPair(cell: Cell, layers: Partial<RecurrentLayerOptions>[]) {
  const build = (fused: boolean) => {
    const model = tf.sequential();
    layers.forEach((overrides, i) => {
      const opts = options({ ...overrides, ...(i === 0 ? { inputShape: [STEPS, FEATURES] } : {}) });
      if (fused) {
        const choice = createRecurrentLayer(tf, cell, opts, true);
        expect(choice.fused, choice.note ?? '').toBe(true);
        model.add(choice.layer);
      } else {
        model.add(createStandardLayer(tf, cell, opts));
      }
    });
    return model;
  };
  const fused = build(true);
  const standard = build(false);
  // Non-trivial weights everywhere (biases included) so every gate matters.
  const weights = fused.getWeights().map((w, i) => tf.randomUniform(w.shape, -0.6, 0.6, 'float32', 100 + i));
  fused.setWeights(weights);
  standard.setWeights(weights);
  tf.dispose(weights);
  return { fused, standard };
}

/** Output, input gradient and weight gradients of sum(model(x) ∘ probe). */
function evaluate(model: tfTypes.Sequential, x: tfTypes.Tensor, probe: tfTypes.Tensor) {
  const loss = (input: tfTypes.Tensor) => tf.sum(tf.mul(model.apply(input) as tfTypes.Tensor, probe)) as tfTypes.Scalar;
  const output = model.predict(x) as tfTypes.Tensor;
  const inputGrad = tf.grad(loss)(x);
  const variables = model.trainableWeights.map((w) => w.read() as tfTypes.Variable);
  const { value, grads } = tf.variableGrads(() => loss(x), variables);
  value.dispose();
  return { output, inputGrad, weightGrads: variables.map((v) => grads[v.name]) };
}

function expectSame(cell: Cell, layers: Partial<RecurrentLayerOptions>[]) {
  const { fused, standard } = modelPair(cell, layers);
  const x = tf.randomNormal([BATCH, STEPS, FEATURES], 0, 1, 'float32', 3);
  const outShape = fused.outputs[0].shape.map((d) => d ?? BATCH);
  const probe = tf.randomNormal(outShape, 0, 1, 'float32', 4);
  const a = evaluate(fused, x, probe);
  const b = evaluate(standard, x, probe);
  expect(a.output.shape).toEqual(b.output.shape);
  expect(relativeDifference(tf, a.output, b.output)).toBeLessThan(TOLERANCE);
  expect(relativeDifference(tf, a.inputGrad, b.inputGrad)).toBeLessThan(TOLERANCE);
  expect(a.weightGrads.length).toBe(b.weightGrads.length);
  a.weightGrads.forEach((grad, i) => {
    expect(grad.shape).toEqual(b.weightGrads[i].shape);
    expect(tf.max(tf.abs(b.weightGrads[i])).dataSync()[0]).toBeGreaterThan(0);
    expect(relativeDifference(tf, grad, b.weightGrads[i]), `weight ${i}`).toBeLessThan(TOLERANCE);
  });
  tf.dispose([x, probe, a.output, a.inputGrad, b.output, b.inputGrad, ...a.weightGrads, ...b.weightGrads]);
  fused.dispose();
  standard.dispose();
}

afterAll(() => tf.disposeVariables());

describe.each(['LSTM', 'GRU', 'SimpleRNN'] as const)('fused %s matches tfjs-layers', (cell) => {
  it('returning sequences', () => expectSame(cell, [{ returnSequences: true }]));
  it('returning the last state', () => expectSame(cell, [{ returnSequences: false }]));
  it('bidirectional, concat', () =>
    expectSame(cell, [{ bidirectional: true, merge: 'concat', returnSequences: true }]));
  it('bidirectional, last state, sum', () =>
    expectSame(cell, [{ bidirectional: true, merge: 'sum', returnSequences: false }]));
  it('stacked', () =>
    expectSame(cell, [
      { returnSequences: true, units: 6 },
      { returnSequences: false, units: 4 },
    ]));
});

describe('other merge modes and activations', () => {
  it('bidirectional LSTM, ave', () => expectSame('LSTM', [{ bidirectional: true, merge: 'ave' }]));
  it('bidirectional GRU, mul', () =>
    expectSame('GRU', [{ bidirectional: true, merge: 'mul', returnSequences: false }]));
  it.each(['relu', 'sigmoid', 'linear'])('SimpleRNN with %s', (activation) =>
    expectSame('SimpleRNN', [{ activation, returnSequences: true }]),
  );
  it('stacked bidirectional LSTM', () =>
    expectSame('LSTM', [
      { bidirectional: true, returnSequences: true },
      { bidirectional: true, returnSequences: false },
    ]));
});

// Whatever kernel-policy.ts routes to our kernels, every layer on them (the batch-major, reversed
// native path) must match wherever it runs.
describe('with our kernels on every layer', () => {
  it.each(['LSTM', 'GRU', 'SimpleRNN'] as const)('stacked bidirectional %s', (cell) => {
    useNativeKernelsEverywhere(true);
    try {
      expectSame(cell, [
        { bidirectional: true, merge: 'concat', returnSequences: true },
        { bidirectional: true, merge: 'ave', returnSequences: false, units: 4 },
      ]);
    } finally {
      useNativeKernelsEverywhere(false);
    }
  });
});
