/**
 * Opens a finished run folder (run.json + model/) for forecasting, backtesting, explaining and
 * predicting: the run record, the preprocessing saved with the model and the model itself.
 */
import { access, readFile } from 'node:fs/promises';
import path from 'node:path';
import type * as tfTypes from '@tensorflow/tfjs';
import type { Tf } from '../tensorflow/load-tf';
import { savedTargetPlan } from '../engine/tasks/common/fixed-preprocessing';
import { importTfjsModel } from '../export/index';
import type { TargetTransformPlan } from '../forecast/target-transform';
import type { PreprocessingFile } from '../shared/preprocessing';
import type { ExperimentSpec } from '../shared/spec';
import type { RunResult } from '../shared/types';
import { messageOf } from '../shared/error-message';

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

/** A run folder that cannot be used for forecasting; the message says why. */
export class RunFolderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RunFolderError';
  }
}

/** Reads run.json of a run folder. */
export async function readRunResult(runDir: string): Promise<RunResult> {
  const file = path.join(runDir, 'run.json');
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch {
    throw new RunFolderError(
      `${runDir} holds no run.json: point to the folder a training run wrote (recurrent train --out DIR).`,
    );
  }
  try {
    return JSON.parse(text) as RunResult;
  } catch (err) {
    throw new RunFolderError(`${file} is not valid JSON: ${messageOf(err)}`);
  }
}

/** Loads the run's forecast model. @throws RunFolderError for runs without a usable forecast model. */
export async function loadRun(tf: Tf, runDir: string): Promise<LoadedRun> {
  const dir = path.resolve(runDir);
  const run = await readRunResult(dir);
  if (run.status !== 'completed') {
    throw new RunFolderError(`The run ${run.runId} ended as ${run.status}, so it has no trained model to use.`);
  }
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

/** True when `file` can be reached. */
export async function exists(file: string): Promise<boolean> {
  try {
    await access(file);
    return true;
  } catch {
    return false;
  }
}
