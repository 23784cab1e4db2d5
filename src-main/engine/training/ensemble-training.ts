/**
 * Training an ensemble: member k is the spec's network with seed seed + k − 1 (its own initial
 * weights and batch order), trained in turn on the same windows, sequences or texts; the saved
 * model forecasts their median, or classifies by the mean of their class probabilities
 * (ensemble-weights.ts). No checkpoint is written while
 * an ensemble trains: resuming from a checkpoint is per single network.
 */
import type * as tfTypes from '@tensorflow/tfjs';
import type { ExperimentSpec, Loss } from '../../shared/spec';
import type { Tf } from '../../tensorflow/load-tf';
import { buildModel, type ModelDims } from '../model/model-builder';
import type { BatchSource } from './batch-source';
import { ensembleCombination, joinMembers } from './ensemble-weights';
import type { TrainCallbacks } from './train-callbacks';
import { trainModel, type TrainOutcome } from './train-loop';
import { copyWeights, openWarmStart } from './warm-start';

/** The spec member `k` (1-based) of an ensemble trains with. */
export function memberSpec(spec: ExperimentSpec, k: number): ExperimentSpec {
  return { ...spec, training: { ...spec.training, seed: spec.training.seed + k - 1 } };
}

/** What every network of the ensemble trains on (a prepared task). */
export interface EnsembleTask {
  source: BatchSource;
  dims: ModelDims;
  loss: Loss;
}

export interface EnsembleOptions {
  /** Build members on fused native kernels. */
  fused: boolean;
  /** The saved model training continues from: member k starts from its network k. */
  initialWeightsDir?: string;
}

/**
 * Trains `spec.training.ensemble` networks, the first being `first` (already built, with any
 * continued weights), and returns the outcome and the model: the joined one, or `first` when
 * training did not complete. The returned model is the caller's to dispose, every other one is
 * disposed here; when this throws, `first` is still the caller's. Every network's epochs reach
 * `cb.onEpoch`, those of networks 2 to N with their `network` (the first network's are the run's
 * history, in the outcome); every network's progress reads "network k of N".
 */
export async function trainEnsemble(
  tf: Tf,
  first: tfTypes.LayersModel,
  task: EnsembleTask,
  spec: ExperimentSpec,
  cb: TrainCallbacks,
  options: EnsembleOptions,
): Promise<{ outcome: TrainOutcome; model: tfTypes.LayersModel }> {
  const n = spec.training.ensemble;
  const members: tfTypes.LayersModel[] = [];
  let current: tfTypes.LayersModel | null = first;
  const history: TrainOutcome['history'] = [];
  /** How long each finished network took, for the time left. */
  const seconds: number[] = [];
  let keptStart = true;
  try {
    for (let k = 1; k <= n; k++) {
      const model: tfTypes.LayersModel = current ?? (await buildMember(tf, task, spec, k, options));
      current = null;
      members.push(model);
      const label = `network ${k} of ${n}`;
      const started = performance.now();
      const outcome = await trainModel(tf, model, task.source, memberSpec(spec, k), task.loss, {
        runId: cb.runId,
        control: cb.control,
        log: cb.log,
        onProgress: (p) =>
          cb.onProgress({
            ...p,
            message: p.message ? `${label}, ${p.message}` : label,
            network: { index: k, count: n },
            etaSeconds: ensembleEta(p.etaSeconds, (performance.now() - started) / 1000, seconds, n - k),
          }),
        onEpoch: (e) => {
          // The first network's epochs are the run's history; the others are told apart by `network`.
          if (k === 1) history.push(e);
          cb.onEpoch(k === 1 ? e : { ...e, network: k });
        },
      });
      if (outcome.status !== 'completed') return { outcome: { ...outcome, history }, model: disposeAllBut(members, 0) };
      seconds.push((performance.now() - started) / 1000);
      cb.log(`Network ${k} of ${n} (seed ${spec.training.seed + k - 1}): ${outcome.stopReason}`);
      if (outcome.bestEpoch !== 0) keptStart = false;
    }
    const combine = ensembleCombination(spec.task);
    const joined = joinMembers(tf, members, combine);
    members.forEach((m) => m.dispose());
    cb.log(
      combine === 'mean'
        ? `The model answers with the mean of the ${n} networks' probabilities.`
        : `The model forecasts the median of the ${n} networks.`,
    );
    return {
      outcome: {
        status: 'completed',
        history,
        stopReason: `Trained ${n} networks.`,
        error: null,
        // The joined model is its untrained start only when every network kept its start.
        bestEpoch: keptStart ? 0 : history.length,
      },
      model: joined,
    };
  } catch (err) {
    // `first` stays the caller's to dispose when training throws.
    if (current !== first) current?.dispose();
    members.forEach((m) => {
      if (m !== first) m.dispose();
    });
    throw err;
  }
}

/**
 * Time left for the whole ensemble: the current network's own estimate plus, for each network
 * still to come, the mean time of those finished (or, during the first, this one's elapsed time
 * plus its estimate). Null while the current network has no estimate.
 */
export function ensembleEta(
  current: number | null,
  elapsed: number,
  finished: readonly number[],
  remaining: number,
): number | null {
  if (current === null) return null;
  const perNetwork = finished.length > 0 ? finished.reduce((a, b) => a + b, 0) / finished.length : elapsed + current;
  return current + remaining * perNetwork;
}

/** Keeps model `keep` (returned) and disposes the others. */
function disposeAllBut(models: tfTypes.LayersModel[], keep: number): tfTypes.LayersModel {
  models.forEach((m, i) => {
    if (i !== keep) m.dispose();
  });
  return models[keep];
}

async function buildMember(
  tf: Tf,
  task: EnsembleTask,
  spec: ExperimentSpec,
  k: number,
  options: EnsembleOptions,
): Promise<tfTypes.LayersModel> {
  const { model } = buildModel(tf, memberSpec(spec, k), task.dims, { fused: options.fused });
  if (!options.initialWeightsDir) return model;
  try {
    const warm = await openWarmStart(tf, options.initialWeightsDir, spec, k);
    try {
      copyWeights(model, warm.model);
    } finally {
      warm.model.dispose();
    }
    return model;
  } catch (err) {
    model.dispose();
    throw err;
  }
}
