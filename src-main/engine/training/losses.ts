/**
 * Loss and metric functions on model outputs that already passed their activation, as the
 * train loop and evaluation use them. Cross-entropies clip probabilities so a confident
 * wrong answer gives a large loss instead of Infinity.
 */
import type * as tfTypes from '@tensorflow/tfjs';
import type { Loss } from '../../shared/spec';
import type { Tf } from '../../tensorflow/load-tf';

const EPS = 1e-7;

/** Mean loss over the batch (and steps), as a scalar. */
export function computeLoss(tf: Tf, loss: Loss, yTrue: tfTypes.Tensor, yPred: tfTypes.Tensor): tfTypes.Scalar {
  return tf.tidy((): tfTypes.Scalar => {
    switch (loss) {
      case 'mse':
        return tf.mean(tf.squaredDifference(yPred, tf.reshape(yTrue, yPred.shape)));
      case 'mae':
        return tf.mean(tf.abs(tf.sub(yPred, tf.reshape(yTrue, yPred.shape))));
      case 'huber': {
        const err = tf.abs(tf.sub(yPred, tf.reshape(yTrue, yPred.shape)));
        const quadratic = tf.minimum(err, 1);
        return tf.mean(tf.add(tf.mul(0.5, tf.square(quadratic)), tf.sub(err, quadratic)));
      }
      case 'binaryCrossentropy': {
        const p = tf.clipByValue(yPred, EPS, 1 - EPS);
        const y = tf.reshape(yTrue, p.shape);
        return tf.neg(
          tf.mean(tf.add(tf.mul(y, tf.log(p)), tf.mul(tf.sub(1, y), tf.log(tf.sub(1, p))))),
        ) as tfTypes.Scalar;
      }
      case 'categoricalCrossentropy':
        return categorical(tf, yTrue, yPred);
      case 'sparseCategoricalCrossentropy': {
        const classes = yPred.shape[yPred.shape.length - 1];
        const labels = tf.cast(tf.reshape(yTrue, yPred.shape.slice(0, -1)), 'int32');
        // A negative label marks a padded step (sequence labeling): its one-hot row is all zeros,
        // so it adds nothing, and the mean runs over the labeled steps only.
        const p = tf.clipByValue(yPred, EPS, 1);
        const perStep = tf.neg(tf.sum(tf.mul(tf.oneHot(labels, classes), tf.log(p)), -1));
        const labeled = tf.sum(tf.cast(tf.greaterEqual(labels, 0), 'float32'));
        return tf.div(tf.sum(perStep), tf.maximum(labeled, 1)) as tfTypes.Scalar;
      }
    }
  });
}

function categorical(tf: Tf, yTrue: tfTypes.Tensor, yPred: tfTypes.Tensor): tfTypes.Scalar {
  const p = tf.clipByValue(yPred, EPS, 1);
  return tf.neg(tf.mean(tf.sum(tf.mul(tf.reshape(yTrue, p.shape), tf.log(p)), -1))) as tfTypes.Scalar;
}

/**
 * A training batch's loss (to differentiate) and the sum of its metric. Mean squared error, the
 * default loss, shares the difference between prediction and target with its MAE metric and has
 * its gradient written out (2·(pred − y)/n): a few TensorFlow calls per batch instead of a dozen;
 * the other losses are computeLoss and metricSum.
 */
export function trainingLossAndMetric(
  tf: Tf,
  loss: Loss,
  yTrue: tfTypes.Tensor,
  yPred: tfTypes.Tensor,
): { loss: tfTypes.Scalar; metricSum: tfTypes.Scalar } {
  if (loss !== 'mse')
    return { loss: computeLoss(tf, loss, yTrue, yPred), metricSum: metricSum(tf, loss, yTrue, yPred).sum };
  const sameShape = yTrue.shape.length === yPred.shape.length && yTrue.shape.every((d, i) => d === yPred.shape[i]);
  const diff = tf.sub(yPred, sameShape ? yTrue : tf.reshape(yTrue, yPred.shape));
  const count = diff.size;
  const meanSquare = tf.customGrad((...args: (tfTypes.Tensor | tfTypes.GradSaveFunc)[]) => {
    const d = args[0] as tfTypes.Tensor;
    return {
      value: tf.div(tf.sum(tf.square(d)), count) as tfTypes.Scalar,
      gradFunc: (dy: tfTypes.Tensor | tfTypes.Tensor[]) => tf.mul(d, tf.mul(Array.isArray(dy) ? dy[0] : dy, 2 / count)),
    };
  });
  return { loss: meanSquare(diff) as tfTypes.Scalar, metricSum: tf.sum(tf.abs(diff)) as tfTypes.Scalar };
}

/** The metric reported beside the loss: MAE for regression losses, accuracy for classes. */
export function metricName(loss: Loss): 'mae' | 'accuracy' {
  return loss === 'mse' || loss === 'mae' || loss === 'huber' ? 'mae' : 'accuracy';
}

/** Sum of the metric over the samples (and steps) of a batch, with the count it sums over. */
export function metricSum(
  tf: Tf,
  loss: Loss,
  yTrue: tfTypes.Tensor,
  yPred: tfTypes.Tensor,
): { sum: tfTypes.Scalar; count: number } {
  return tf.tidy(() => {
    if (metricName(loss) === 'mae') {
      return {
        sum: tf.sum(tf.abs(tf.sub(yPred, tf.reshape(yTrue, yPred.shape)))) as tfTypes.Scalar,
        count: yPred.size,
      };
    }
    const classes = yPred.shape[yPred.shape.length - 1];
    let predicted: tfTypes.Tensor;
    let actual: tfTypes.Tensor;
    if (loss === 'binaryCrossentropy' && classes === 1) {
      predicted = tf.cast(tf.greater(yPred, 0.5), 'int32');
      actual = tf.cast(tf.greater(tf.reshape(yTrue, yPred.shape), 0.5), 'int32');
    } else {
      predicted = tf.argMax(yPred, -1);
      actual =
        loss === 'categoricalCrossentropy'
          ? tf.argMax(tf.reshape(yTrue, yPred.shape), -1)
          : tf.cast(tf.reshape(yTrue, predicted.shape), 'int32');
    }
    return {
      sum: tf.sum(tf.cast(tf.equal(predicted, tf.cast(actual, 'int32')), 'float32')) as tfTypes.Scalar,
      count: predicted.size,
    };
  });
}
