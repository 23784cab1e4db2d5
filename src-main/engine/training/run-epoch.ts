/**
 * One pass over the training origins: cut each batch, take a gradient step (loss + L2 weight
 * decay, clipping, per-layer gradient norms), report throttled progress and obey pause /
 * resume / cancel between batches.
 */
import type * as tfTypes from '@tensorflow/tfjs';
import type { ExperimentSpec, Loss } from '../../shared/spec';
import type { TrainProgress } from '../../shared/types';
import type { Tf } from '../../tensorflow/load-tf';
import { applyGradientStep } from '../model/fused/gradient-step';
import type { BatchSource } from './batch-source';
import { metricName, trainingLossAndMetric } from './losses';
import { shuffled } from './seeded-random';
import type { TrainCallbacks } from './train-callbacks';
import { diagnoseDivergence } from './train-diagnosis';
import type { WeightAverage } from './weight-average';

const PROGRESS_INTERVAL_MS = 250;

/** Trainable variables of one layer, for per-layer gradient norms. */
export interface LayerGroup {
  name: string;
  variables: tfTypes.Variable[];
}

/** What an epoch's batches add up to. */
export interface EpochTotals {
  /** Mean training loss over the epoch's samples. */
  loss: number;
  /** Mean of the loss's companion metric (accuracy or MAE). */
  metric: number;
  samples: number;
  /** Mean gradient norm per layer group. */
  gradNorms: Record<string, number>;
}

export type EpochOutcome =
  { kind: 'done'; totals: EpochTotals } | { kind: 'failed'; error: string } | { kind: 'cancelled'; reason: string };

export interface EpochSetup {
  tf: Tf;
  model: tfTypes.LayersModel;
  source: BatchSource;
  spec: ExperimentSpec;
  loss: Loss;
  optimizer: tfTypes.Optimizer;
  groups: LayerGroup[];
  callbacks: TrainCallbacks;
  averaging: WeightAverage | null;
  random: () => number;
}

/** Runs epochs of one training; keeps the counters that the ETA needs across epochs. */
export class EpochRunner {
  readonly batchSize: number;
  readonly batchesPerEpoch: number;
  private readonly variables: tfTypes.Variable[];
  private readonly decayed: tfTypes.Variable[];
  private readonly metric: string;
  private readonly started = performance.now();
  private batchesDone = 0;
  private lastProgress = 0;

  constructor(private readonly s: EpochSetup) {
    const t = s.spec.training;
    this.batchSize = Math.min(t.batchSize, Math.max(1, s.source.train.length));
    this.batchesPerEpoch = Math.ceil(s.source.train.length / this.batchSize);
    this.variables = s.groups.flatMap((g) => g.variables);
    // Decay only weight matrices: shrinking biases and normalisation offsets only hurts.
    this.decayed = this.variables.filter((v) => v.shape.length >= 2);
    this.metric = metricName(s.loss);
  }

  /** Sends progress at most every few hundred milliseconds unless forced. */
  progress(p: Omit<TrainProgress, 'runId' | 'epochs' | 'batchesPerEpoch'>, force = false): void {
    const now = performance.now();
    if (!force && now - this.lastProgress < PROGRESS_INTERVAL_MS) return;
    this.lastProgress = now;
    const cb = this.s.callbacks;
    cb.onProgress({
      runId: cb.runId,
      epochs: this.s.spec.training.epochs,
      batchesPerEpoch: this.batchesPerEpoch,
      ...p,
    });
  }

  async run(epoch: number, learningRate: number): Promise<EpochOutcome> {
    const { source, callbacks: cb, spec } = this.s;
    const epochStart = performance.now();
    const order = shuffled(source.train, this.s.random);
    let lossSum = 0;
    let metricTotal = 0;
    let metricCount = 0;
    let samples = 0;
    const normSums = new Float64Array(this.s.groups.length);
    for (let b = 0; b < this.batchesPerEpoch; b++) {
      const origins = order.subarray(b * this.batchSize, Math.min(order.length, (b + 1) * this.batchSize));
      const batch = source.nextBatch(origins);
      const values = this.step(batch.x, batch.y, batch.size);
      this.s.averaging?.update();
      this.batchesDone += 1;
      const batchLoss = values[0];
      if (!Number.isFinite(batchLoss)) {
        return {
          kind: 'failed',
          error: diagnoseDivergence(spec, { epoch, batch: b + 1, value: batchLoss, learningRate }),
        };
      }
      lossSum += batchLoss * batch.size;
      metricTotal += values[1];
      metricCount +=
        batch.labeledSteps ??
        (this.metric === 'mae' ? batch.size * source.yShape.reduce((a, c) => a * c, 1) : batch.size);
      samples += batch.size;
      for (let i = 0; i < normSums.length; i++) normSums[i] += values[2 + i];
      const elapsed = (performance.now() - epochStart) / 1000;
      const perBatch = (performance.now() - this.started) / 1000 / this.batchesDone;
      const at = { epoch, batch: b + 1, batchLoss: lossSum / samples };
      this.progress({
        phase: 'training',
        ...at,
        samplesPerSecond: elapsed > 0 ? samples / elapsed : null,
        etaSeconds: perBatch * (spec.training.epochs * this.batchesPerEpoch - this.batchesDone),
      });
      // Lets control messages arrive (the loop is otherwise synchronous native work).
      await new Promise<void>((resolve) => setImmediate(resolve));
      if (cb.control.paused) {
        this.progress({ phase: 'paused', ...at, samplesPerSecond: null, etaSeconds: null }, true);
        cb.log(`Paused at epoch ${epoch}, batch ${b + 1}.`);
        await cb.control.waitWhilePaused();
        if (!cb.control.cancelled) cb.log('Resumed.');
      }
      if (cb.control.cancelled) return { kind: 'cancelled', reason: `Cancelled at epoch ${epoch}, batch ${b + 1}.` };
    }
    const gradNorms: Record<string, number> = {};
    this.s.groups.forEach((g, i) => (gradNorms[g.name] = normSums[i] / this.batchesPerEpoch));
    return {
      kind: 'done',
      totals: { loss: lossSum / samples, metric: metricTotal / Math.max(1, metricCount), samples, gradNorms },
    };
  }

  /** One gradient step; returns [loss, metric sum, norm per group]. */
  private step(x: Float32Array, y: Float32Array, size: number): Float64Array {
    const { tf, model, source, loss, optimizer, groups } = this.s;
    const t = this.s.spec.training;
    const stats = new Float64Array(2 + groups.length);
    tf.tidy(() => {
      const xs = tf.tensor(x, [size, ...source.xShape]);
      const ys = tf.tensor(y, [size, ...source.yShape]);
      const held: { metric: tfTypes.Scalar | null } = { metric: null };
      const { value, grads } = tf.variableGrads(() => {
        const pred = model.apply(xs, { training: true }) as tfTypes.Tensor;
        const { loss: base, metricSum } = trainingLossAndMetric(tf, loss, ys, pred);
        held.metric = tf.keep(metricSum);
        if (t.weightDecay <= 0 || this.decayed.length === 0) return base;
        const l2 = tf.addN(this.decayed.map((v) => tf.sum(tf.square(v))));
        return tf.add(base, tf.mul(t.weightDecay / 2, l2)) as tfTypes.Scalar;
      }, this.variables);
      stats[0] = value.dataSync()[0];
      stats[1] = held.metric ? held.metric.dataSync()[0] : 0;
      // An update with non-finite values would only poison the weights: skip it. (The reads are
      // cheap: tfjs-node runs ops synchronously, so there is no pipeline for them to stall.)
      // Norms, clipping and the update read the gradients once: no TensorFlow op per variable.
      stats.set(applyGradientStep(tf, optimizer, groups, grads, t.clip, Number.isFinite(stats[0])), 2);
      // Kept tensors escape tidy; this one is no longer needed.
      tf.dispose(held.metric ?? []);
    });
    return stats;
  }
}

/** Trainable variables grouped by the layer that owns them, for per-layer gradient norms. */
export function layerGroups(model: tfTypes.LayersModel): LayerGroup[] {
  return model.layers
    .map((layer) => ({ name: layer.name, variables: layer.trainableWeights.map((w) => w.read() as tfTypes.Variable) }))
    .filter((g) => g.variables.length > 0);
}
