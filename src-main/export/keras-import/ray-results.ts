/**
 * Reading a Ray Tune results folder that a training project's search.py wrote: one trial folder
 * per candidate of the app's plan (params.json, result.json, checkpoint_NNNNNN/ with model.keras,
 * preprocessing.json, metrics.json and trial.json). Every file is checked against its schema
 * before the model is imported; a trial that failed or is damaged is refused with the reason,
 * the others still come in. Reads files only: no TensorFlow here, so main can list the trials and
 * hand each model to the import job.
 */
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import {
  RayTrialError,
  rayParamsSchema,
  rayResultSchema,
  rayTrialSchema,
  readRayFile,
  type RayResult,
  type RayTrialFile,
} from '../../shared/ray-trial-schema';
import { readUserFile, UserFileError } from '../../storage/user-file';
import { KerasImportError } from './keras-import-error';

/** The most trials one folder may bring in at once. */
export const MAX_RAY_TRIALS = 500;
const MAX_JSON_BYTES = 16 * 1024 * 1024;

/** A trial whose files are complete and checked: its model is ready to import. */
export interface RayTrial {
  /** The trial's folder name, as Ray Tune lists it. */
  folder: string;
  trial: RayTrialFile;
  result: RayResult;
  kerasFile: string;
  preprocessingFile: string;
}

/** A trial that cannot be imported, and why. */
export interface RefusedTrial {
  folder: string;
  reason: string;
}

const isDir = (p: string) =>
  stat(p).then(
    (s) => s.isDirectory(),
    () => false,
  );
const isFile = (p: string) =>
  stat(p).then(
    (s) => s.isFile(),
    () => false,
  );

async function subfolders(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  return entries
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort();
}

/** Trial folders are those holding params.json; a folder of several searches is walked one level down. */
async function trialFolders(dir: string): Promise<string[]> {
  const direct: string[] = [];
  for (const name of await subfolders(dir)) {
    if (await isFile(path.join(dir, name, 'params.json'))) direct.push(path.join(dir, name));
  }
  if (direct.length > 0) return direct;
  const nested: string[] = [];
  for (const name of await subfolders(dir)) nested.push(...(await trialFolders(path.join(dir, name)).catch(() => [])));
  return nested;
}

async function readJsonFile(file: string, what: string): Promise<unknown> {
  const text = (await readUserFile(file, { what, maxBytes: MAX_JSON_BYTES })).toString('utf8');
  try {
    return JSON.parse(text);
  } catch {
    throw new RayTrialError(`${file} is not valid JSON.`);
  }
}

/** The last scores the trial reported (result.json holds one JSON object per report). */
async function lastResult(file: string): Promise<RayResult> {
  const text = (await readUserFile(file, { what: 'Ray Tune result file', maxBytes: MAX_JSON_BYTES })).toString('utf8');
  const last = text.trim().split('\n').at(-1);
  if (!last) throw new RayTrialError(`${file} is empty: the trial reported nothing.`);
  let value: unknown;
  try {
    value = JSON.parse(last);
  } catch {
    throw new RayTrialError(`The last line of ${file} is not valid JSON.`);
  }
  return readRayFile(rayResultSchema, value, file);
}

async function readTrial(folder: string): Promise<RayTrial> {
  const name = path.basename(folder);
  const errorFile = path.join(folder, 'error.txt');
  if (await isFile(errorFile)) {
    const text = (await readUserFile(errorFile, { what: 'Ray Tune error file', maxBytes: MAX_JSON_BYTES })).toString();
    const line = text.trim().split('\n').filter(Boolean).at(-1) ?? 'no message';
    throw new RayTrialError(`The trial failed in Ray: ${line.slice(0, 300)}`);
  }
  const params = readRayFile(
    rayParamsSchema,
    await readJsonFile(path.join(folder, 'params.json'), 'params.json'),
    path.join(folder, 'params.json'),
  );
  const result = await lastResult(path.join(folder, 'result.json'));
  const checkpoints = (await subfolders(folder)).filter((n) => /^checkpoint_\d+$/.test(n));
  if (checkpoints.length === 0) throw new RayTrialError(`The trial ${name} saved no checkpoint, so it has no model.`);
  const checkpoint = path.join(folder, checkpoints[checkpoints.length - 1]);
  const trialFile = path.join(checkpoint, 'trial.json');
  const trial = readRayFile(rayTrialSchema, await readJsonFile(trialFile, 'trial.json'), trialFile);
  if (trial.index !== params.trial) {
    throw new RayTrialError(`${trialFile} names trial ${trial.index + 1}, but Ray ran trial ${params.trial + 1} here.`);
  }
  const kerasFile = path.join(checkpoint, 'model.keras');
  const preprocessingFile = path.join(checkpoint, 'preprocessing.json');
  for (const file of [kerasFile, preprocessingFile]) {
    if (!(await isFile(file))) throw new RayTrialError(`The checkpoint ${checkpoint} has no ${path.basename(file)}.`);
  }
  return { folder: name, trial, result, kerasFile, preprocessingFile };
}

/**
 * The trials of a Ray Tune results folder (the search's folder, or the folder above it), in the
 * plan's order. Throws KerasImportError when the folder holds no trial at all.
 */
export async function readRayResults(dir: string): Promise<{ trials: RayTrial[]; refused: RefusedTrial[] }> {
  if (!(await isDir(dir)))
    throw new KerasImportError(`"${dir}" is not a folder: choose the results folder of a Ray Tune search.`);
  const folders = await trialFolders(dir);
  if (folders.length === 0) {
    throw new KerasImportError(
      `"${dir}" holds no Ray Tune trial (no folder with params.json): choose the folder search.py wrote (ray-results/search).`,
    );
  }
  if (folders.length > MAX_RAY_TRIALS) {
    throw new KerasImportError(`"${dir}" holds ${folders.length} trials; import at most ${MAX_RAY_TRIALS} at once.`);
  }
  const trials: RayTrial[] = [];
  const refused: RefusedTrial[] = [];
  for (const folder of folders) {
    try {
      trials.push(await readTrial(folder));
    } catch (err) {
      if (!(err instanceof RayTrialError || err instanceof UserFileError)) throw err;
      refused.push({ folder: path.basename(folder), reason: err.message });
    }
  }
  trials.sort((a, b) => a.trial.index - b.trial.index);
  return { trials, refused };
}
