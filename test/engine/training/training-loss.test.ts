/**
 * The training loop's loss and metric must be what computeLoss and metricSum give, and the loss's
 * gradient what tfjs' autodiff gives for them: mean squared error has its gradient written out.
 */
import type * as tfTypes from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { computeLoss, metricSum, trainingLossAndMetric } from '../../../src-main/engine/training/losses';
import type { Loss } from '../../../src-main/shared/spec';
import { loadNativeTf, relativeDifference } from '../model/fused/native-tf';

const tf = loadNativeTf();

function compare(loss: Loss, yTrue: tfTypes.Tensor, yPred: tfTypes.Tensor) {
  tf.tidy(() => {
    const ours = tf.valueAndGrad((p: tfTypes.Tensor) => trainingLossAndMetric(tf, loss, yTrue, p).loss)(yPred);
    const reference = tf.valueAndGrad((p: tfTypes.Tensor) => computeLoss(tf, loss, yTrue, p))(yPred);
    expect(relativeDifference(tf, ours.value, reference.value)).toBeLessThan(1e-6);
    expect(relativeDifference(tf, ours.grad, reference.grad)).toBeLessThan(1e-6);
    const metric = trainingLossAndMetric(tf, loss, yTrue, yPred).metricSum;
    expect(relativeDifference(tf, metric, metricSum(tf, loss, yTrue, yPred).sum)).toBeLessThan(1e-6);
  });
}

describe('trainingLossAndMetric', () => {
  it('gives the mean squared error, its gradient and the MAE sum of computeLoss and metricSum', () => {
    const yPred = tf.randomNormal([16, 3], 0, 1, 'float32', 1);
    compare('mse', tf.randomNormal([16, 3], 0, 1, 'float32', 2), yPred);
    // Targets shaped differently from the predictions (same size) are reshaped, as computeLoss does.
    compare('mse', tf.randomNormal([48], 0, 1, 'float32', 3), yPred);
    tf.dispose(yPred);
  });

  it.each(['mae', 'huber'] as const)('passes %s through to computeLoss and metricSum', (loss) => {
    const yPred = tf.randomNormal([8, 2], 0, 1, 'float32', 4);
    compare(loss, tf.randomNormal([8, 2], 0, 1, 'float32', 5), yPred);
    tf.dispose(yPred);
  });

  it('scales the gradient by the upstream gradient (as a term of a larger loss)', () => {
    tf.tidy(() => {
      const yTrue = tf.randomNormal([5, 1], 0, 1, 'float32', 6);
      const yPred = tf.randomNormal([5, 1], 0, 1, 'float32', 7);
      const scaled = (f: (p: tfTypes.Tensor) => tfTypes.Scalar) => (p: tfTypes.Tensor) =>
        tf.mul(f(p), 3) as tfTypes.Scalar;
      const ours = tf.grad(scaled((p) => trainingLossAndMetric(tf, 'mse', yTrue, p).loss))(yPred);
      const reference = tf.grad(scaled((p) => computeLoss(tf, 'mse', yTrue, p)))(yPred);
      expect(relativeDifference(tf, ours, reference)).toBeLessThan(1e-6);
    });
  });
});
