/**
 * Opens a finished run folder (run.json + model/) for forecasting, backtesting, explaining and
 * predicting: the run record, the preprocessing saved with the model and the model itself.
 */
import { access } from 'node:fs/promises';
import path from 'node:path';
import type * as tfTypes from '@tensorflow/tfjs';
import type { Tf } from '../tensorflow/load-tf';
import { savedTargetPlan } from '../engine/tasks/common/fixed-preprocessing';
import { importTfjsModel } from '../export/index';
import type { TargetTransformPlan } from '../forecast/target-transform';
import type { PreprocessingFile } from '../shared/preprocessing';
import type { ExperimentSpec } from '../shared/spec';
import type { RunResult } from '../shared/types';
import { readRunResult, requireCompleted, RunFolderError } from './run-folder';

/** A run whose model can be used; `dispose` frees the model's tensors. */
export interface LoadedRun {
  runDir: string;
  run: RunResult;
  modelDir: string;
  spec: ExperimentSpec;
  pre: ForecastPreprocessing;
  plan: TargetTransformPlan;
  model: tfTypes.LayersModel;
  dispose(): void;
}

/** preprocessing.json of a forecast model: the target part is always present. */
export type ForecastPreprocessing = PreprocessingFile & { target: NonNullable<PreprocessingFile['target']> };

export { readRunResult, RunFolderError } from './run-folder';

/** Loads the run's forecast model. @throws RunFolderError for runs without a usable forecast model. */
export async function loadRun(tf: Tf, runDir: string): Promise<LoadedRun> {
  const dir = path.resolve(runDir);
  const run = await readRunResult(dir);
  await requireCompleted(dir, run);
  if (run.task !== 'forecast') {
    throw new RunFolderError(`The run ${run.runId} is a ${run.task} run; this needs a forecast run.`);
  }
  const modelDir = await runModelDir(dir, run);
  const { model, preprocessing } = await importTfjsModel(modelDir, tf);
  if (!preprocessing || !preprocessing.target) {
    model.dispose();
    throw new RunFolderError(`${modelDir} has no forecast preprocessing.json; train the run again to create it.`);
  }
  const pre = preprocessing as ForecastPreprocessing;
  return {
    runDir: dir,
    run,
    modelDir,
    spec: pre.spec ?? run.spec,
    pre,
    // A seasonal profile is placed on the calendar of whatever series the model forecasts (alignPlan).
    plan: savedTargetPlan(pre),
    model,
    dispose: () => model.dispose(),
  };
}

/**
 * The model folder of a run: the `model` folder beside run.json wins, so a run folder that was
 * moved or copied still works; else the folder run.json names.
 */
export async function runModelDir(runDir: string, run: RunResult): Promise<string> {
  const local = path.join(runDir, 'model');
  return (await exists(path.join(local, 'model.json'))) ? local : (run.modelDir ?? local);
}

/**
 * A run folder (run.json + model/) or a model folder (model.json): the run id to report and the
 * folder holding model.json.
 */
export async function modelFolderOf(dir: string): Promise<{ runId: string; modelDir: string }> {
  const folder = path.resolve(dir);
  if (await exists(path.join(folder, 'model.json'))) return { runId: path.basename(folder), modelDir: folder };
  const run = await readRunResult(folder);
  return { runId: run.runId, modelDir: await runModelDir(folder, run) };
}

/** True when `file` can be reached. */
export async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}
