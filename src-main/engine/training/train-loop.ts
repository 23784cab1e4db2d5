/**
 * The custom training loop. Unlike model.fit it reports per-batch loss and per-layer gradient
 * norms, clips gradients, applies L2 weight decay, reduces the learning rate on plateaus,
 * stops early with the best weights restored, obeys pause / resume / cancel between batches
 * and stops with a diagnosis when the loss becomes NaN or Infinity. Batches are cut on
 * demand by `nextBatch`, so the full window tensor never exists.
 */
import type * as tfTypes from '@tensorflow/tfjs';
import type { ExperimentSpec, Loss } from '../../shared/spec';
import type { EpochRecord } from '../../shared/types';
import type { Tf } from '../../tensorflow/load-tf';
import type { BatchSource } from './batch-source';
import { threeDigits as fmt } from '../../shared/number-format';
import { evaluateLoss } from './evaluate-loss';
import { metricName } from './losses';
import { BestWeights } from './monitors/best-weights';
import { EarlyStopping } from './monitors/early-stopping';
import { PlateauSchedule } from './monitors/plateau-schedule';
import { createOptimizer, setLearningRate } from './optimizers';
import { EpochRunner, layerGroups, type EpochTotals } from './run-epoch';
import { seededRandom } from './seeded-random';
import type { TrainCallbacks } from './train-callbacks';
import { diagnoseDivergence, gradientWarning } from './train-diagnosis';
import { WeightAverage } from './weight-average';

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

const START_PROGRESS_MS = 250;

/** Progress of the validation pass before the first epoch, a few times per second at most. */
function startProgress(cb: TrainCallbacks, epochs: number): (done: number, total: number) => void {
  let last = performance.now();
  return (done, total) => {
    const now = performance.now();
    if (now - last < START_PROGRESS_MS) return;
    last = now;
    cb.onProgress({
      runId: cb.runId,
      phase: 'preparing',
      epoch: 0,
      epochs,
      batch: 0,
      batchesPerEpoch: 0,
      batchLoss: null,
      samplesPerSecond: null,
      etaSeconds: null,
      message: `measuring the validation loss before training ${Math.round((100 * done) / total)}%`,
    });
  };
}

/** Trains `model` in place on the batches of `source`. */
export async function trainModel(
  tf: Tf,
  model: tfTypes.LayersModel,
  source: BatchSource,
  spec: ExperimentSpec,
  loss: Loss,
  cb: TrainCallbacks,
): Promise<TrainOutcome> {
  if (source.train.length === 0)
    throw new Error('There are no training samples: use a longer series or a shorter window.');
  const t = spec.training;
  const optimizer = createOptimizer(tf, t.optimizer);
  const metric = metricName(loss);
  const history: EpochRecord[] = [];
  const hasValidation = source.validation !== null && source.validation.length > 0;
  const lossName = hasValidation ? 'validation' : 'training';
  // Weight averaging: the running average starts at the initial weights (like Keras' EMA).
  const averaging = t.weightAveraging.enabled ? new WeightAverage(tf, model, t.weightAveraging.decay) : null;
  const best = new BestWeights(tf, model, t.earlyStopping.restoreBest);
  const stopping = new EarlyStopping(t.earlyStopping.enabled, t.earlyStopping.patience, t.earlyStopping.minEpochs);
  const schedule = new PlateauSchedule(t.reduceLrOnPlateau, t.optimizer.learningRate);
  const runner = new EpochRunner({
    tf,
    model,
    source,
    spec,
    loss,
    optimizer,
    groups: layerGroups(model),
    callbacks: cb,
    averaging,
    random: seededRandom(t.seed),
  });
  const validate = () => (hasValidation ? evaluateLoss(tf, model, source, source.validation ?? [], loss) : null);
  let stopReason = `Trained for all ${t.epochs} epochs.`;
  let status: TrainOutcome['status'] = 'completed';
  let error: string | null = null;

  try {
    if (source.startIsCandidate && hasValidation) {
      // Millions of validation windows take minutes: the user sees this pass move.
      const start = evaluateLoss(tf, model, source, source.validation ?? [], loss, 256, startProgress(cb, t.epochs));
      if (start && best.considerStart(start.loss)) {
        cb.log(`Validation loss before training: ${fmt(start.loss)} (the starting point every epoch must beat).`);
      }
    }
    for (let epoch = 1; epoch <= t.epochs; epoch++) {
      const epochStart = performance.now();
      const outcome = await runner.run(epoch, schedule.learningRate);
      if (outcome.kind !== 'done') {
        status = outcome.kind;
        stopReason = outcome.kind === 'failed' ? outcome.error : outcome.reason;
        if (outcome.kind === 'failed') error = outcome.error;
        break;
      }
      // Validation, the best-epoch snapshot and the checkpoint see the averaged weights.
      averaging?.swapIn();
      const val = validate();
      const record = epochRecord(cb.runId, epoch, outcome.totals, val, metric, schedule.learningRate, epochStart);
      const warning = gradientWarning(record.gradNorms, record.loss, spec, epoch);
      if (warning) record.gradientWarning = warning;
      history.push(record);
      cb.onEpoch(record);

      if (val && !Number.isFinite(val.loss)) {
        status = 'failed';
        error = diagnoseDivergence(spec, { epoch, batch: null, value: val.loss, learningRate: schedule.learningRate });
        stopReason = error;
        break;
      }
      const monitored = record.valLoss ?? record.loss;
      const improved = best.observe(epoch, monitored);
      if (improved) await cb.onImproved?.({ epoch, loss: monitored, monitored: lossName });
      averaging?.swapOut();
      const drop = schedule.observe(epoch, monitored);
      if (drop) {
        cb.log(drop.line);
        setLearningRate(optimizer, drop.learningRate);
      }
      const stop = stopping.observe(epoch, improved, { lossName, bestEpoch: best.bestEpoch });
      if (stop) {
        stopReason = stop;
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
    const restored = best.restore(history.length, status === 'failed', lossName);
    if (restored.line) cb.log(restored.line);
    return { status, history, stopReason, error, bestEpoch: restored.epoch };
  } finally {
    best.dispose();
    averaging?.dispose();
    optimizer.dispose();
  }
}

/** The record of one finished epoch, as the charts and run.json show it. */
function epochRecord(
  runId: string,
  epoch: number,
  totals: EpochTotals,
  val: { loss: number; metric: number } | null,
  metric: string,
  learningRate: number,
  epochStart: number,
): EpochRecord {
  const seconds = (performance.now() - epochStart) / 1000;
  return {
    runId,
    epoch,
    loss: totals.loss,
    valLoss: val ? val.loss : null,
    metrics: { [metric]: totals.metric },
    valMetrics: val ? { [metric]: val.metric } : {},
    learningRate,
    gradNorms: totals.gradNorms,
    seconds,
    samplesPerSecond: totals.samples / Math.max(seconds, 1e-9),
  };
}
