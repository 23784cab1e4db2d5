/**
 * The custom training loop. Unlike model.fit it reports per-batch loss and per-layer gradient
 * norms, clips gradients, applies L2 weight decay, reduces the learning rate on plateaus,
 * stops early with the best weights restored, obeys pause / resume / cancel between batches
 * and stops with a diagnosis when the loss becomes NaN or Infinity. Batches are cut on
 * demand by `nextBatch`, so the full window tensor never exists.
 */
import type * as tfTypes from '@tensorflow/tfjs';
import type { ExperimentSpec, Loss } from '../../shared/spec';
import type { EpochRecord, TrainProgress } from '../../shared/types';
import type { Tf } from '../../tensorflow/load-tf';
import type { BatchSource } from './batch-source';
import { evaluateLoss } from './evaluate-loss';
import { applyGradientStep } from '../model/fused/gradient-step';
import { computeLoss, metricName, metricSum } from './losses';
import { createOptimizer, setLearningRate } from './optimizers';
import { seededRandom, shuffled } from './seeded-random';
import type { TrainControl } from './train-control';
import { diagnoseDivergence, gradientWarning } from './train-diagnosis';
import { WeightAverage } from './weight-average';

export interface TrainCallbacks {
  runId: string;
  control: TrainControl;
  onProgress(p: TrainProgress): void;
  onEpoch(e: EpochRecord): void;
  log(line: string): void;
  /**
   * Called when the monitored loss reaches a new best, while the model holds those weights
   * (the best-model checkpoint); training waits for the returned promise.
   */
  onImproved?(info: { epoch: number; loss: number; monitored: 'validation' | 'training' }): Promise<void> | void;
}

export interface TrainOutcome {
  status: 'completed' | 'cancelled' | 'failed';
  history: EpochRecord[];
  /** Why training ended, in plain words, for the run's log. */
  stopReason: string;
  /** Diagnosis with suggestions when training failed. */
  error: string | null;
  /**
   * Epoch (1-based) whose weights the model holds at the end; 0 when no epoch improved on the
   * starting weights (see BatchSource.startIsCandidate); null when none finished.
   */
  bestEpoch: number | null;
}

const PROGRESS_INTERVAL_MS = 250;

/** Trains `model` in place on the batches of `source`. */
export async function trainModel(
  tf: Tf,
  model: tfTypes.LayersModel,
  source: BatchSource,
  spec: ExperimentSpec,
  loss: Loss,
  cb: TrainCallbacks,
): Promise<TrainOutcome> {
  const t = spec.training;
  const optimizer = createOptimizer(tf, t.optimizer);
  const groups = layerGroups(model);
  const variables = groups.flatMap((g) => g.variables);
  // Decay only weight matrices: shrinking biases and normalisation offsets only hurts.
  const decayed = variables.filter((v) => v.shape.length >= 2);
  const random = seededRandom(t.seed);
  const metric = metricName(loss);
  const batchSize = Math.min(t.batchSize, Math.max(1, source.train.length));
  const batchesPerEpoch = Math.ceil(source.train.length / batchSize);
  const history: EpochRecord[] = [];
  let lr = t.optimizer.learningRate;
  let best = Infinity;
  let bestEpoch: number | null = null;
  let bestWeights: tfTypes.Tensor[] | null = null;
  let sinceBest = 0;
  let sinceLrBest = 0;
  let lrBest = Infinity;
  let lastProgress = 0;
  let stopReason = `Trained for all ${t.epochs} epochs.`;
  let status: TrainOutcome['status'] = 'completed';
  let error: string | null = null;
  const started = performance.now();
  // Weight averaging: the running average starts at the initial weights (like Keras' EMA).
  const averaging = t.weightAveraging.enabled ? new WeightAverage(tf, model, t.weightAveraging.decay) : null;
  let batchesDone = 0;

  const progress = (p: Omit<TrainProgress, 'runId' | 'epochs' | 'batchesPerEpoch'>, force = false) => {
    const now = performance.now();
    if (!force && now - lastProgress < PROGRESS_INTERVAL_MS) return;
    lastProgress = now;
    cb.onProgress({ runId: cb.runId, epochs: t.epochs, batchesPerEpoch, ...p });
  };

  if (source.train.length === 0)
    throw new Error('There are no training samples: use a longer series or a shorter window.');

  try {
    if (source.startIsCandidate && t.earlyStopping.restoreBest && source.validation && source.validation.length > 0) {
      const start = evaluateLoss(tf, model, source, source.validation, loss);
      if (Number.isFinite(start.loss)) {
        best = start.loss;
        bestEpoch = 0;
        bestWeights = model.getWeights().map((w) => tf.clone(w));
        cb.log(`Validation loss before training: ${fmt(start.loss)} (the starting point every epoch must beat).`);
      }
    }
    epochs: for (let epoch = 1; epoch <= t.epochs; epoch++) {
      const epochStart = performance.now();
      const order = shuffled(source.train, random);
      let lossSum = 0;
      let metricTotal = 0;
      let metricCount = 0;
      let samples = 0;
      const normSums = new Float64Array(groups.length);
      for (let b = 0; b < batchesPerEpoch; b++) {
        const origins = order.subarray(b * batchSize, Math.min(order.length, (b + 1) * batchSize));
        const batch = source.nextBatch(origins);
        const stats = tf.tidy(() => {
          const xs = tf.tensor(batch.x, [batch.size, ...source.xShape]);
          const ys = tf.tensor(batch.y, [batch.size, ...source.yShape]);
          const held: { metric: tfTypes.Scalar | null } = { metric: null };
          const { value, grads } = tf.variableGrads(() => {
            const pred = model.apply(xs, { training: true }) as tfTypes.Tensor;
            held.metric = tf.keep(metricSum(tf, loss, ys, pred).sum);
            const base = computeLoss(tf, loss, ys, pred);
            if (t.weightDecay <= 0 || decayed.length === 0) return base;
            const l2 = tf.addN(decayed.map((v) => tf.sum(tf.square(v))));
            return tf.add(base, tf.mul(t.weightDecay / 2, l2)) as tfTypes.Scalar;
          }, variables);
          // An update with non-finite values would only poison the weights: skip it. (The read is
          // cheap: tfjs-node runs ops synchronously, so there is no pipeline for it to stall.)
          const finite = Number.isFinite(value.dataSync()[0]);
          // Norms, clipping and the update on one flat gradient vector: few ops for any model.
          const norms = applyGradientStep(tf, optimizer, groups, grads, t.clip, finite);
          const out = tf.concat([tf.stack([value, held.metric ?? tf.scalar(0)]), norms]);
          // Kept tensors escape tidy; this one is no longer needed.
          tf.dispose(held.metric ?? []);
          return out;
        });
        const values = stats.dataSync();
        stats.dispose();
        averaging?.update();
        batchesDone += 1;
        const batchLoss = values[0];
        if (!Number.isFinite(batchLoss)) {
          status = 'failed';
          error = diagnoseDivergence(spec, { epoch, batch: b + 1, value: batchLoss, learningRate: lr });
          stopReason = error;
          break epochs;
        }
        lossSum += batchLoss * batch.size;
        metricTotal += values[1];
        metricCount +=
          batch.labeledSteps ?? (metric === 'mae' ? batch.size * source.yShape.reduce((a, c) => a * c, 1) : batch.size);
        samples += batch.size;
        for (let i = 0; i < groups.length; i++) normSums[i] += values[2 + i];
        const elapsed = (performance.now() - epochStart) / 1000;
        const perBatch = (performance.now() - started) / 1000 / batchesDone;
        progress({
          phase: 'training',
          epoch,
          batch: b + 1,
          batchLoss: lossSum / samples,
          samplesPerSecond: elapsed > 0 ? samples / elapsed : null,
          etaSeconds: perBatch * (t.epochs * batchesPerEpoch - batchesDone),
        });
        // Lets control messages arrive (the loop is otherwise synchronous native work).
        await new Promise<void>((resolve) => setImmediate(resolve));
        if (cb.control.paused) {
          progress(
            {
              phase: 'paused',
              epoch,
              batch: b + 1,
              batchLoss: lossSum / samples,
              samplesPerSecond: null,
              etaSeconds: null,
            },
            true,
          );
          cb.log(`Paused at epoch ${epoch}, batch ${b + 1}.`);
          await cb.control.waitWhilePaused();
          if (!cb.control.cancelled) cb.log('Resumed.');
        }
        if (cb.control.cancelled) {
          status = 'cancelled';
          stopReason = `Cancelled at epoch ${epoch}, batch ${b + 1}.`;
          break epochs;
        }
      }

      // Validation, the best-epoch snapshot and the checkpoint see the averaged weights.
      averaging?.swapIn();
      const val =
        source.validation && source.validation.length > 0
          ? evaluateLoss(tf, model, source, source.validation, loss)
          : null;
      const seconds = (performance.now() - epochStart) / 1000;
      const gradNorms: Record<string, number> = {};
      groups.forEach((g, i) => (gradNorms[g.name] = normSums[i] / batchesPerEpoch));
      const record: EpochRecord = {
        runId: cb.runId,
        epoch,
        loss: lossSum / samples,
        valLoss: val ? val.loss : null,
        metrics: { [metric]: metricTotal / Math.max(1, metricCount) },
        valMetrics: val ? { [metric]: val.metric } : {},
        learningRate: lr,
        gradNorms,
        seconds,
        samplesPerSecond: samples / Math.max(seconds, 1e-9),
      };
      const warning = gradientWarning(gradNorms, record.loss, spec, epoch);
      if (warning) record.gradientWarning = warning;
      history.push(record);
      cb.onEpoch(record);

      if (val && !Number.isFinite(val.loss)) {
        status = 'failed';
        error = diagnoseDivergence(spec, { epoch, batch: null, value: val.loss, learningRate: lr });
        stopReason = error;
        break;
      }
      const monitored = record.valLoss ?? record.loss;
      if (monitored < best) {
        best = monitored;
        bestEpoch = epoch;
        sinceBest = 0;
        if (t.earlyStopping.restoreBest) {
          tf.dispose(bestWeights ?? []);
          bestWeights = model.getWeights().map((w) => tf.clone(w));
        }
        await cb.onImproved?.({
          epoch,
          loss: monitored,
          monitored: record.valLoss === null ? 'training' : 'validation',
        });
      } else {
        sinceBest += 1;
      }
      averaging?.swapOut();
      if (t.reduceLrOnPlateau.enabled) {
        if (monitored < lrBest) {
          lrBest = monitored;
          sinceLrBest = 0;
        } else if (++sinceLrBest >= t.reduceLrOnPlateau.patience) {
          const next = Math.max(lr * t.reduceLrOnPlateau.factor, t.reduceLrOnPlateau.minLearningRate);
          if (next < lr) {
            cb.log(
              `Epoch ${epoch}: no improvement for ${sinceLrBest} epochs, learning rate ${fmt(lr)} → ${fmt(next)}.`,
            );
            lr = next;
            setLearningRate(optimizer, lr);
          }
          sinceLrBest = 0;
        }
      }
      if (t.earlyStopping.enabled && sinceBest >= t.earlyStopping.patience && epoch >= t.earlyStopping.minEpochs) {
        stopReason = `Stopped early at epoch ${epoch}: the ${record.valLoss === null ? 'training' : 'validation'} loss has not improved for ${sinceBest} epochs (best at epoch ${bestEpoch}).`;
        break;
      }
    }

    cb.log(stopReason);
    // The model ends with the averaged weights (the best epoch's, when restored below, are averaged too).
    averaging?.swapOut();
    if (averaging && status !== 'failed' && history.length > 0) {
      averaging.swapIn();
      averaging.release();
      cb.log(`The model holds the weights averaged over the recent batches (decay ${t.weightAveraging.decay}).`);
    }
    const lastEpoch = history.length;
    if (bestWeights && bestEpoch === 0 && status !== 'failed') {
      model.setWeights(bestWeights);
      cb.log('No epoch improved the validation loss on the starting weights, so the model keeps them.');
    } else if (bestWeights && bestEpoch !== null && bestEpoch !== lastEpoch && status !== 'failed') {
      model.setWeights(bestWeights);
      cb.log(
        `Restored the weights of epoch ${bestEpoch}, which had the lowest ${history[0]?.valLoss === null ? 'training' : 'validation'} loss.`,
      );
    } else if (status !== 'failed') {
      bestEpoch = lastEpoch > 0 ? lastEpoch : null;
    }
    if (status === 'failed' && bestWeights && bestEpoch !== null) {
      // Keep the last good weights so the model stays usable for inspection.
      model.setWeights(bestWeights);
    }
  } finally {
    tf.dispose(bestWeights ?? []);
    averaging?.dispose();
    optimizer.dispose();
  }
  return { status, history, stopReason, error, bestEpoch: status === 'failed' ? null : bestEpoch };
}

interface LayerGroup {
  name: string;
  variables: tfTypes.Variable[];
}

/** Trainable variables grouped by the layer that owns them, for per-layer gradient norms. */
function layerGroups(model: tfTypes.LayersModel): LayerGroup[] {
  return model.layers
    .map((layer) => ({ name: layer.name, variables: layer.trainableWeights.map((w) => w.read() as tfTypes.Variable) }))
    .filter((g) => g.variables.length > 0);
}

function fmt(x: number): string {
  return Number(x.toPrecision(3)).toString();
}
