/** A fused layer's prediction beside the standard tfjs-layers layer's on the same random weights. */
import type * as tfTypes from '@tensorflow/tfjs';
import { expect } from 'vitest';
import type { RecurrentLayerOptions } from '../../../../src-main/engine/model/fused/index';
import { createStandardLayer } from '../../../../src-main/engine/model/fused/standard-layer';
import type { Cell } from '../../../../src-main/shared/spec';
import { relativeDifference, type Tf } from '../fused/native-tf';

/** Options of a small layer over 6 steps of 2 features. */
export function smallLayer(overrides: Partial<RecurrentLayerOptions> = {}): RecurrentLayerOptions {
  return {
    units: 5,
    activation: 'tanh',
    recurrentActivation: 'sigmoid',
    returnSequences: true,
    dropout: 0,
    recurrentDropout: 0,
    bidirectional: false,
    merge: 'concat',
    seed: 3,
    inputShape: [6, 2],
    ...overrides,
  };
}

/** Expects `fusedLayer` to predict what the standard layer for `options` predicts. */
export function expectSamePrediction(
  tf: Tf,
  fusedLayer: tfTypes.layers.Layer,
  cell: Cell,
  options: RecurrentLayerOptions,
) {
  const fused = tf.sequential({ layers: [fusedLayer] });
  const standard = tf.sequential({ layers: [createStandardLayer(tf, cell, options)] });
  const weights = fused.getWeights().map((w, i) => tf.randomUniform(w.shape, -0.6, 0.6, 'float32', 40 + i));
  fused.setWeights(weights);
  standard.setWeights(weights);
  const x = tf.randomNormal([3, 6, 2], 0, 1, 'float32', 8);
  const a = fused.predict(x) as tfTypes.Tensor;
  const b = standard.predict(x) as tfTypes.Tensor;
  expect(relativeDifference(tf, a, b)).toBeLessThan(1e-4);
  tf.dispose([x, a, b, ...weights]);
  fused.dispose();
  standard.dispose();
}
