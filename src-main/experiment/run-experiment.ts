/**
 * One training run from a validated spec to a saved model: load the data, prepare it for the
 * task, build, train, evaluate and save (model.json + weights.bin, preprocessing.json,
 * run.json). Never throws: problems come back as a failed RunResult with the reason.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../storage/atomic-write';
import { DataError } from '../data/data-error';
import { startedRun } from '../shared/run-summary';
import { boundedEvaluation } from '../shared/chart-series';
import type { ExperimentSpec } from '../shared/spec';
import type * as tfTypes from '@tensorflow/tfjs';
import type { Table } from '../data/table';
import type { EpochRecord, Evaluation, RunResult, TrainProgress } from '../shared/types';
import { withMajorityBaseline } from './classification-baseline';
import { wordBaselineOf } from '../shared/word-baseline';
import { loadTrainingTable } from './load-training-table';
import { forecastMapeNote, resultCaution } from './result-caution';
import { loadTf, type LoadedTf, type Tf } from '../tensorflow/load-tf';
import { toStandardModel } from '../engine/model/fused/index';
import { buildModel } from '../engine/model/model-builder';
import { chanceVerdict } from '../engine/metrics/chance-verdict';
import { headline } from '../engine/tasks/prepared-task';
import type { PreparedTask } from '../engine/tasks/prepared-task';
import { TASK_PREPARERS } from '../engine/tasks/task-preparers';
import type { PrepareContext } from '../engine/tasks/task-preparers';
import { saveLayersModel } from '../engine/model/save-model';
import { CheckpointWriter } from '../engine/training/checkpoint';
import { CHECKPOINT_DIR } from '../engine/training/checkpoint-layout';
import { copyWeights, openWarmStart } from '../engine/training/warm-start';
import type { TrainControl } from '../engine/training/train-control';
import { trainModel, type TrainOutcome } from '../engine/training/train-loop';
import type { TrainCallbacks } from '../engine/training/train-callbacks';
import { trainEnsemble } from '../engine/training/ensemble-training';
import { messageOf } from '../shared/error-message';
import { keepEpoch } from '../shared/run-epochs';
import { withVerdictNote } from './verdict-note';
import { threeDigits as fmt } from '../shared/number-format';

/** How often at most the best-model checkpoint is rewritten while validation improves. */
const CHECKPOINT_INTERVAL_MS = 5000;

export interface RunContext {
  runId: string;
  /** Folder of this run: run.json goes here, the model into `model/`. */
  outDir: string;
  control: TrainControl;
  onProgress(p: TrainProgress): void;
  onEpoch(e: EpochRecord): void;
  log(line: string): void;
  /**
   * A saved model folder (model.json + weights.bin + preprocessing.json) to continue training
   * from: its weights and preprocessing replace a fresh start.
   */
  initialWeightsDir?: string;
  /** Where `initialWeightsDir` comes from, for the run's log and result. */
  continuedFrom?: { runId: string; epochsTrained: number | null };
  /** Minimum time between two writes of the best-model checkpoint (default a few seconds). */
  checkpointIntervalMs?: number;
  /** Sentences put before the run's verdict: why this spec was chosen (an automatic search's winner). */
  verdictNote?: string;
  /**
   * The spec's data file, already read by the caller with the spec's sheet, column types and
   * time parts (the command line reads it to check the spec first). Reading it again would hold
   * a second copy of a large file while the first is still in use.
   */
  table?: Table;
}

/** Runs the experiment; the promise resolves with the result whatever happens. */
export async function runExperiment(spec: ExperimentSpec, ctx: RunContext): Promise<RunResult> {
  const startedAt = new Date();
  const lines: string[] = [];
  const log = (line: string) => {
    lines.push(line);
    ctx.log(line);
  };
  const result: RunResult = { ...startedRun(ctx.runId, spec, startedAt.toISOString(), 'cpu'), log: lines };
  const finish = async (status: RunResult['status'], error: string | null = null): Promise<RunResult> => {
    result.status = status;
    result.error = error;
    if (error) log(error);
    result.durationSeconds = (Date.now() - startedAt.getTime()) / 1000;
    // Scored on the full series already; the stored and shown chart needs only a few thousand points.
    result.evaluation = boundedEvaluation(result.evaluation);
    try {
      await mkdir(ctx.outDir, { recursive: true });
      await writeFileAtomic(path.join(ctx.outDir, 'run.json'), `${JSON.stringify(result, null, 2)}\n`);
    } catch (err) {
      // The result still reaches the app; only the copy on disk is missing.
      log(`Could not write run.json: ${messageOf(err)}`);
    }
    return result;
  };
  const progress = (phase: TrainProgress['phase'], message?: string) =>
    ctx.onProgress({
      runId: ctx.runId,
      phase,
      epoch: result.history.length,
      epochs: spec.training.epochs,
      batch: 0,
      batchesPerEpoch: 0,
      batchLoss: null,
      samplesPerSecond: null,
      etaSeconds: null,
      ...(message ? { message } : {}),
    });

  try {
    progress('preparing');
    const { tf, backend, note } = await loadTf();
    result.backend = backend;
    log(backend === 'tensorflow' ? 'Training on native TensorFlow.' : 'Training on the pure-JavaScript engine.');
    if (note) log(note);

    // A large file takes minutes to read: say how far, from the first second.
    const table = await loadTrainingTable(spec, ctx.table, (fraction) =>
      progress('preparing', `reading the data file ${Math.round(fraction * 100)}%`),
    );
    progress('preparing', 'preparing the windows');
    const prepared = await prepareModel(tf, backend, table, spec, ctx, result, {
      log,
      progress: (message) => progress('preparing', message),
    });
    const task = prepared.task;
    let model = prepared.model;
    const checkpoint = new CheckpointWriter(tf, path.join(ctx.outDir, CHECKPOINT_DIR), {
      minIntervalMs: ctx.checkpointIntervalMs ?? CHECKPOINT_INTERVAL_MS,
      preprocessing: task.preprocessing(),
      log,
    });
    try {
      const callbacks: TrainCallbacks = {
        runId: ctx.runId,
        control: ctx.control,
        onProgress: ctx.onProgress,
        onEpoch: (e) => {
          keepEpoch(result, e);
          ctx.onEpoch(e);
        },
        log,
      };
      let outcome: TrainOutcome;
      if (spec.training.ensemble > 1) {
        const options = { fused: result.fused, initialWeightsDir: ctx.initialWeightsDir };
        ({ outcome, model } = await trainEnsemble(tf, model, task, spec, callbacks, options));
      } else {
        const onImproved: TrainCallbacks['onImproved'] = (info) => checkpoint.improved(model, info);
        outcome = await trainModel(tf, model, task.source, spec, task.loss, { ...callbacks, onImproved });
      }
      await checkpoint.flush();
      if (checkpoint.saved) {
        log(
          `The checkpoint holds the weights of epoch ${checkpoint.saved.epoch} (best ${checkpoint.saved.monitored} loss).`,
        );
      }
      if (outcome.status === 'cancelled') return await finish('cancelled');
      if (outcome.status === 'failed') return await finish('failed', outcome.error);

      progress('evaluating');
      const evaluation = scoreRun(
        withVerdictNote(task.evaluate(tf, model, { keptStart: outcome.bestEpoch === 0 }), ctx.verdictNote),
        spec,
        log,
      );
      result.evaluation = evaluation;
      result.headline = headline(evaluation);

      progress('saving');
      result.modelDir = await saveRun(tf, model, task, path.join(ctx.outDir, 'model'));
      log(`Saved the model to ${result.modelDir}.`);
    } finally {
      // Runs that end by an error still leave the best weights so far on disk.
      await checkpoint.flush();
      model.dispose();
    }
    return await finish('completed');
  } catch (err) {
    // Problems in the data or its columns are the user's to fix; the CLI exits 2 for them.
    result.failedOn = err instanceof DataError ? 'input' : 'run';
    return await finish('failed', messageOf(err));
  }
}

/**
 * Prepares the task's data (from saved preprocessing when training continues) and builds the
 * model, with the earlier weights copied in; logs what was decided.
 */
async function prepareModel(
  tf: Tf,
  backend: LoadedTf['backend'],
  table: Table,
  spec: ExperimentSpec,
  ctx: RunContext,
  result: RunResult,
  report: Pick<PrepareContext, 'log' | 'progress'>,
): Promise<{ task: PreparedTask; model: tfTypes.LayersModel }> {
  const { log } = report;
  const warm = ctx.initialWeightsDir ? await openWarmStart(tf, ctx.initialWeightsDir, spec) : null;
  if (warm) {
    log(continueLine(ctx.initialWeightsDir ?? '', ctx.continuedFrom));
    if (ctx.continuedFrom) result.continuedFrom = ctx.continuedFrom.runId;
  }
  let task: PreparedTask;
  try {
    task = TASK_PREPARERS[spec.task](table, spec, { ...report, fixed: warm?.preprocessing });
  } catch (err) {
    warm?.model.dispose();
    throw err;
  }
  for (const n of task.notes) log(n);

  const useFused = spec.training.fused && backend === 'tensorflow';
  let built;
  try {
    built = task.buildModel ? task.buildModel(tf) : buildModel(tf, spec, task.dims, { fused: useFused });
    if (warm) copyWeights(built.model, warm.model);
  } catch (err) {
    built?.model.dispose();
    throw err;
  } finally {
    warm?.model.dispose();
  }
  result.fused = built.fusedLayers > 0;
  for (const n of built.notes) log(n);
  if (result.fused) log(`${built.fusedLayers} ${spec.model.cell} layer(s) run on fused native kernels.`);
  return { task, model: built.model };
}

/** The task's scores with the sentences that judge them: baselines, cautions, chance level. */
function scoreRun(scored: Evaluation, spec: ExperimentSpec, log: (line: string) => void): Evaluation {
  const evaluation = scored.kind === 'classification' ? withMajorityBaseline(scored) : scored;
  if (evaluation.kind !== 'generation') evaluation.caution = resultCaution(evaluation, spec);
  if (evaluation.kind === 'forecast') evaluation.mapeNote = forecastMapeNote(evaluation);
  if (evaluation.kind !== 'generation' && evaluation.verdict) log(evaluation.verdict);
  if (evaluation.kind === 'classification') {
    const words = wordBaselineOf(evaluation);
    if (words?.verdict) log(words.verdict);
  }
  if (evaluation.kind === 'sequence-to-sequence') {
    log(
      `Test pairs: exact match ${fmt(evaluation.exactMatch)}, BLEU ${fmt(evaluation.bleu)}, character error rate ${fmt(evaluation.cer)} (${evaluation.decoding} decoding).`,
    );
  }
  if (evaluation.kind === 'classification') {
    // A run at chance level says so, with what to try given its own settings.
    evaluation.chanceVerdict = chanceVerdict(evaluation, spec);
    if (evaluation.chanceVerdict) log(evaluation.chanceVerdict);
  }
  return evaluation;
}

/** Saves the trained model in the standard layout with its preprocessing; returns the folder. */
async function saveRun(tf: Tf, model: tfTypes.LayersModel, task: PreparedTask, modelDir: string): Promise<string> {
  const standard = toStandardModel(tf, model);
  try {
    await saveLayersModel(tf, standard, modelDir);
  } finally {
    if (standard !== model) standard.dispose();
  }
  await writeFileAtomic(
    path.join(modelDir, 'preprocessing.json'),
    `${JSON.stringify(task.preprocessing(), null, 2)}\n`,
  );
  return modelDir;
}

/** The log line that says where the weights come from. */
function continueLine(dir: string, from: RunContext['continuedFrom']): string {
  if (!from) return `Continuing from the saved model in ${dir}.`;
  if (from.epochsTrained === null)
    return `Continuing from run ${from.runId} (a saved model; its earlier epochs are not recorded).`;
  const n = from.epochsTrained;
  return `Continuing from run ${from.runId} (${n} epoch${n === 1 ? '' : 's'} already trained).`;
}
