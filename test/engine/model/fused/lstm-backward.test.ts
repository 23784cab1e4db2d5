/**
 * Wide LSTM layers use a stepwise backward pass (LSTMBlockCellGrad per step, weight gradients as
 * one matmul) instead of BlockLSTMGradV2. Both must give tfjs-layers' gradients.
 */
import type * as tfTypes from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { fusedLstmSequence, type LstmBackward } from '../../../../src-main/engine/model/fused/fused-lstm';
import { STEPWISE_LSTM_GRAD_MIN_UNITS } from '../../../../src-main/engine/model/fused/lstm-stepwise-grad';
import { getRawOps } from '../../../../src-main/engine/model/fused/raw-ops';
import { createStandardLayer } from '../../../../src-main/engine/model/fused/standard-layer';
import { loadNativeTf, relativeDifference } from './native-tf';

const tf = loadNativeTf();
const TOLERANCE = 1e-4;
const [BATCH, STEPS, FEATURES] = [4, 6, 3];

afterAll(() => tf.disposeVariables());

/** A standard tfjs-layers LSTM with random non-trivial weights, for reference gradients. */
function referenceLayer(units: number) {
  const layer = createStandardLayer(tf, 'LSTM', {
    units,
    activation: 'tanh',
    recurrentActivation: 'sigmoid',
    returnSequences: true,
    dropout: 0,
    recurrentDropout: 0,
    bidirectional: false,
    merge: 'concat',
    seed: 3,
  });
  tf.tidy(() => {
    layer.apply(tf.zeros([BATCH, STEPS, FEATURES]));
  });
  const weights = layer.getWeights().map((w, i) => tf.randomUniform(w.shape, -0.5, 0.5, 'float32', 20 + i));
  layer.setWeights(weights);
  tf.dispose(weights);
  return layer;
}

function gradients(units: number, backward: LstmBackward | 'auto' | 'layers') {
  const ops = getRawOps(tf);
  if (!ops) throw new Error('native backend needed');
  const layer = referenceLayer(units);
  const [kernel, recurrent, bias] = layer.getWeights().map((w) => w.clone());
  const x = tf.randomNormal([BATCH, STEPS, FEATURES], 0, 1, 'float32', 5);
  const probe = tf.randomNormal([BATCH, STEPS, units], 0, 1, 'float32', 6);
  const f = (xs: tfTypes.Tensor, k: tfTypes.Tensor, r: tfTypes.Tensor, b: tfTypes.Tensor) => {
    if (backward === 'layers') return tf.sum(tf.mul(layer.apply(xs) as tfTypes.Tensor, probe)) as tfTypes.Scalar;
    const form = backward === 'auto' ? undefined : backward;
    const hidden = fusedLstmSequence(ops, tf.transpose(xs, [1, 0, 2]), k, r, b, form);
    return tf.sum(tf.mul(tf.transpose(hidden, [1, 0, 2]), probe)) as tfTypes.Scalar;
  };
  let grads: tfTypes.Tensor[];
  if (backward === 'layers') {
    const vars = layer.trainableWeights.map((w) => w.read() as tfTypes.Variable);
    const inputGrad = tf.grad((xs: tfTypes.Tensor) => f(xs, kernel, recurrent, bias))(x);
    const { value, grads: named } = tf.variableGrads(() => f(x, kernel, recurrent, bias), vars);
    value.dispose();
    grads = [inputGrad, ...vars.map((v) => named[v.name])];
  } else {
    grads = tf.grads(f)([x, kernel, recurrent, bias]);
  }
  tf.dispose([x, probe, kernel, recurrent, bias]);
  layer.dispose();
  return grads;
}

describe('LSTM backward forms', () => {
  it.each(['block', 'stepwise'] as const)('%s gives tfjs-layers gradients (input, kernel, recurrent, bias)', (form) => {
    const units = 8;
    const ours = gradients(units, form);
    const reference = gradients(units, 'layers');
    ours.forEach((g, i) => {
      expect(g.shape).toEqual(reference[i].shape);
      expect(tf.max(tf.abs(reference[i])).dataSync()[0]).toBeGreaterThan(0);
      expect(relativeDifference(tf, g, reference[i]), `gradient ${i}`).toBeLessThan(TOLERANCE);
    });
    tf.dispose([...ours, ...reference]);
  });

  it('wide layers take the stepwise form by default, with the same gradients', () => {
    const units = STEPWISE_LSTM_GRAD_MIN_UNITS;
    const ours = gradients(units, 'auto');
    const reference = gradients(units, 'layers');
    ours.forEach((g, i) => expect(relativeDifference(tf, g, reference[i]), `gradient ${i}`).toBeLessThan(TOLERANCE));
    tf.dispose([...ours, ...reference]);
  });
});
