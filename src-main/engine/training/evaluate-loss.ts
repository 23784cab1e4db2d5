/** Loss and metric of a trained model over some samples, in inference mode. */
import type * as tfTypes from '@tensorflow/tfjs';
import type { Loss } from '../../shared/spec';
import type { Tf } from '../../tensorflow/load-tf';
import { computeLoss, metricSum } from './losses';
import type { BatchSource } from './batch-source';

/** Mean loss and metric over some samples, in inference mode (no dropout). */
export function evaluateLoss(
  tf: Tf,
  model: tfTypes.LayersModel,
  source: BatchSource,
  origins: ArrayLike<number>,
  loss: Loss,
  batchSize = 256,
  /** Called after each batch with the samples done so far and in all (a long pass shows progress). */
  onBatch?: (done: number, total: number) => void,
): { loss: number; metric: number } {
  let lossSum = 0;
  let metricTotal = 0;
  let metricCount = 0;
  let samples = 0;
  for (let start = 0; start < origins.length; start += batchSize) {
    const part = Array.prototype.slice.call(origins, start, Math.min(origins.length, start + batchSize)) as number[];
    const batch = source.nextBatch(part);
    const values = tf.tidy(() => {
      const xs = tf.tensor(batch.x, [batch.size, ...source.xShape]);
      const ys = tf.tensor(batch.y, [batch.size, ...source.yShape]);
      const pred = model.apply(xs, { training: false }) as tfTypes.Tensor;
      const m = metricSum(tf, loss, ys, pred);
      return { stacked: tf.stack([computeLoss(tf, loss, ys, pred), m.sum]), count: m.count };
    });
    const [l, msum] = values.stacked.dataSync();
    values.stacked.dispose();
    lossSum += l * batch.size;
    metricTotal += msum;
    metricCount += batch.labeledSteps ?? values.count;
    samples += batch.size;
    onBatch?.(samples, origins.length);
  }
  return { loss: lossSum / Math.max(1, samples), metric: metricTotal / Math.max(1, metricCount) };
}
