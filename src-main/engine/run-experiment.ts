/**
 * One training run from a validated spec to a saved model: load the data, prepare it for the
 * task, build, train, evaluate and save (model.json + weights.bin, preprocessing.json,
 * run.json). Never throws: problems come back as a failed RunResult with the reason.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { loadTable } from '../data/import/load-table';
import { prepareSeries } from '../data/prepare/series';
import type { Table } from '../data/table';
import type { ExperimentSpec } from '../shared/spec';
import type { EpochRecord, RunResult, TrainProgress } from '../shared/types';
import { loadTf } from './backend';
import { forecastTask } from './forecast-pipeline';
import { toStandardModel } from './fused/index';
import { buildModel } from './model-builder';
import { headline } from './prepared-task';
import type { PreparedTask } from './prepared-task';
import { saveLayersModel } from './save-model';
import { prepareSequenceClassification } from './sequence-classification-pipeline';
import { prepareSequenceLabeling } from './sequence-labeling-pipeline';
import { prepareTextClassification } from './text-classification-pipeline';
import { prepareTextGeneration } from './text-generation-pipeline';
import type { TrainControl } from './train-control';
import { trainModel } from './train-loop';

export interface RunContext {
  runId: string;
  /** Folder of this run: run.json goes here, the model into `model/`. */
  outDir: string;
  control: TrainControl;
  onProgress(p: TrainProgress): void;
  onEpoch(e: EpochRecord): void;
  log(line: string): void;
}

/** Runs the experiment; the promise resolves with the result whatever happens. */
export async function runExperiment(spec: ExperimentSpec, ctx: RunContext): Promise<RunResult> {
  const startedAt = new Date();
  const lines: string[] = [];
  const log = (line: string) => {
    lines.push(line);
    ctx.log(line);
  };
  const result: RunResult = {
    runId: ctx.runId,
    name: spec.name,
    task: spec.task,
    status: 'running',
    startedAt: startedAt.toISOString(),
    durationSeconds: null,
    backend: 'cpu',
    headline: {},
    spec,
    fused: false,
    history: [],
    evaluation: null,
    modelDir: null,
    error: null,
    log: lines,
  };
  const finish = async (status: RunResult['status'], error: string | null = null): Promise<RunResult> => {
    result.status = status;
    result.error = error;
    if (error) log(error);
    result.durationSeconds = (Date.now() - startedAt.getTime()) / 1000;
    try {
      await mkdir(ctx.outDir, { recursive: true });
      await writeFile(path.join(ctx.outDir, 'run.json'), `${JSON.stringify(result, null, 2)}\n`);
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

    // The user's column type overrides apply here too, so training sees the table they saw.
    const { table } = await loadTable(spec.data.file, { sheet: spec.data.sheet, typeOverrides: spec.data.columnTypes });
    const task = prepareTask(table, spec, log);
    for (const n of task.notes) log(n);

    const useFused = spec.training.fused && backend === 'tensorflow';
    const built = buildModel(tf, spec, task.dims, { fused: useFused });
    result.fused = built.fusedLayers > 0;
    for (const n of built.notes) log(n);
    if (result.fused) log(`${built.fusedLayers} ${spec.model.cell} layer(s) run on fused native kernels.`);
    const model = built.model;
    try {
      const outcome = await trainModel(tf, model, task.source, spec, task.loss, {
        runId: ctx.runId,
        control: ctx.control,
        onProgress: ctx.onProgress,
        onEpoch: (e) => {
          result.history.push(e);
          ctx.onEpoch(e);
        },
        log,
      });
      if (outcome.status === 'cancelled') return await finish('cancelled');
      if (outcome.status === 'failed') return await finish('failed', outcome.error);

      progress('evaluating');
      const evaluation = task.evaluate(tf, model);
      result.evaluation = evaluation;
      result.headline = headline(evaluation);
      if (evaluation.kind === 'forecast' && evaluation.verdict) log(evaluation.verdict);

      progress('saving');
      const modelDir = path.join(ctx.outDir, 'model');
      const standard = toStandardModel(tf, model);
      try {
        await saveLayersModel(tf, standard, modelDir);
      } finally {
        if (standard !== model) standard.dispose();
      }
      await writeFile(path.join(modelDir, 'preprocessing.json'), `${JSON.stringify(task.preprocessing(), null, 2)}\n`);
      result.modelDir = modelDir;
      log(`Saved the model to ${modelDir}.`);
    } finally {
      model.dispose();
    }
    return await finish('completed');
  } catch (err) {
    return await finish('failed', messageOf(err));
  }
}

/** The task-specific preparation of the loaded table. */
function prepareTask(table: Table, spec: ExperimentSpec, log: (line: string) => void): PreparedTask {
  switch (spec.task) {
    case 'forecast': {
      const prepared = prepareSeries(table, spec.data);
      if (prepared.length === 0) throw new Error('The file holds no series to train on.');
      const series = prepared[0];
      if (prepared.length > 1) {
        log(`The file holds ${prepared.length} series; this run trains on the first one (${series.id ?? 'unnamed'}).`);
      }
      return forecastTask(series, spec);
    }
    case 'sequence-classification':
      return prepareSequenceClassification(table, spec);
    case 'text-classification':
      return prepareTextClassification(table, spec);
    case 'text-generation':
      return prepareTextGeneration(table, spec);
    case 'sequence-labeling':
      return prepareSequenceLabeling(table, spec);
  }
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
