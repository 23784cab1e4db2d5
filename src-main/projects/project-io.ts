/**
 * Moving a project between memory and its `.rsproj` file: packing runs and model files,
 * verifying and unpacking them into the app's runs folder on open. Errors a user can cause
 * (damaged, foreign or newer files) become 'bad-data' ServiceErrors that say the file was
 * left unchanged.
 */
import { mkdir, readFile, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { strFromU8, strToU8 } from 'fflate';
import type { RunResult } from '../shared/types';
import { ServiceError } from '../shared/service-error';
import { messageOf } from '../shared/error-message';
import { writeFileAtomic, type AtomicWriteOptions } from '../storage/atomic-write';
import { readUserFile, UserFileError } from '../storage/user-file';

/** Test seams around a project write (a step between the complete temporary file and the rename). */
export type ProjectWriteHooks = Pick<AtomicWriteOptions, 'beforeRename'>;
import { packProject, unpackProject, type ProjectUnpacker, type UnpackedProject } from './project-archive';
import type { BoundedUnzipOptions } from './project-unzip';
import {
  MODEL_FILES,
  PROJECT_FORMAT,
  PROJECT_VERSION,
  ProjectFormatError,
  readStoredRun,
  type ProjectFileJson,
  type RunRecordJson,
} from './project-format';
import { summaryOf, type ProjectModel } from './project-model';

export const INTERRUPTED_NOTE = 'The app closed while this run was training. Start it again to get a model.';

/** Reads a model file of a run, or null when the run has no such file any more. */
async function readModelFile(dir: string, file: string): Promise<Uint8Array | null> {
  try {
    return new Uint8Array(await readFile(join(dir, file)));
  } catch {
    return null;
  }
}

/** Packs the project (spec, runs, their model files) into `.rsproj` bytes. */
export async function encodeProject(project: ProjectModel, appVersion: string, updatedAt: string): Promise<Uint8Array> {
  const entries = new Map<string, Uint8Array>();
  const records: RunRecordJson[] = [];
  for (const run of project.runs.values()) {
    const model = new Map<string, Uint8Array>();
    if (run.modelDir) {
      for (const file of MODEL_FILES) {
        const data = await readModelFile(run.modelDir, file);
        if (data) model.set(file, data);
      }
    }
    const hasModel = model.has('model.json') && model.has('weights.bin');
    if (hasModel) for (const [file, data] of model) entries.set(`runs/${run.runId}/model/${file}`, data);
    const stored = { ...run, modelDir: hasModel ? 'model' : null };
    entries.set(`runs/${run.runId}/run.json`, strToU8(JSON.stringify(stored)));
    records.push({ ...summaryOf(run), hasModel });
  }
  const json: Omit<ProjectFileJson, 'files'> = {
    format: PROJECT_FORMAT,
    version: PROJECT_VERSION,
    name: project.name,
    createdAt: project.createdAt,
    updatedAt,
    appVersion,
    dataset: project.dataset,
    spec: project.spec,
    description: project.description,
    runs: records,
  };
  return packProject(json, entries);
}

/** The largest project file read (the unpacked limit is in project-unzip.ts); stated in FORMAT.md. */
export const MAX_PROJECT_FILE_BYTES = 2 * 1024 ** 3;

/**
 * Reads and verifies a project file; throws a 'bad-data', 'not-found' or 'invalid-request'
 * ServiceError naming the reason. Devices, pipes, folders and files over the limit are refused
 * before reading; the archive unpacks within the limits of project-unzip.ts.
 */
export async function readProjectFile(
  path: string,
  options: Omit<BoundedUnzipOptions, 'keep' | 'limits'> = {},
  unpack: ProjectUnpacker = unpackProject,
): Promise<UnpackedProject> {
  let bytes: Uint8Array;
  try {
    bytes = await readUserFile(path, { what: 'project file', maxBytes: MAX_PROJECT_FILE_BYTES });
  } catch (err) {
    if (!(err instanceof UserFileError)) throw err;
    if (err.problem === 'missing')
      throw new ServiceError('not-found', `The project "${path}" does not exist. It may have been moved or deleted.`);
    if (err.problem === 'unreadable') throw new ServiceError('io', err.message);
    throw new ServiceError(err.problem === 'too-large' ? 'bad-data' : 'invalid-request', err.message);
  }
  try {
    return await unpack(bytes, options);
  } catch (err) {
    if (err instanceof ProjectFormatError) throw refusal(path, err.message);
    if (options.signal?.aborted) throw openCancelled(path);
    // The unpacking worker stopped (out of memory, a fault): this open fails, the app goes on.
    throw new ServiceError(
      'io',
      `"${basename(path)}" could not be opened (${messageOf(err)}). The file was left unchanged.`,
    );
  }
}

/** The answer to a project open the user stopped. */
export function openCancelled(path: string): ServiceError {
  return new ServiceError('cancelled', `Opening "${basename(path)}" was cancelled; nothing changed.`);
}

function refusal(path: string, reason: string): ServiceError {
  return new ServiceError('bad-data', `"${basename(path)}" cannot be opened: ${reason}. The file was left unchanged.`);
}

/**
 * Writes the runs of an unpacked project into `<runsDir>/<runId>/` (run.json and model/),
 * so the app can chart, predict with and export them; returns them with absolute model
 * folders. A run saved mid-training comes back as 'interrupted'.
 */
export async function restoreRuns(path: string, unpacked: UnpackedProject, runsDir: string): Promise<RunResult[]> {
  // Every run is checked before the first one is written, so a refused file leaves no run folder behind.
  const checked = unpacked.json.runs.map((record) => ({ record, stored: checkedRun(path, unpacked, record) }));
  const restored: RunResult[] = [];
  for (const { record, stored } of checked) {
    const dir = join(runsDir, record.runId);
    const modelDir = join(dir, 'model');
    const hasModel = record.hasModel && stored.modelDir === 'model';
    if (hasModel) {
      await mkdir(modelDir, { recursive: true });
      for (const file of MODEL_FILES) {
        const data = unpacked.entries.get(`runs/${record.runId}/model/${file}`);
        if (data) await writeFileAtomic(join(modelDir, file), data);
      }
    } else {
      await mkdir(dir, { recursive: true });
    }
    // Loosely checked fields (history, evaluation) are only read by charts; the shape is the app's own.
    let run = { ...(stored as unknown as RunResult), modelDir: hasModel ? modelDir : null };
    if (run.status === 'running') run = { ...run, status: 'interrupted', error: run.error ?? INTERRUPTED_NOTE };
    await writeFileAtomic(join(dir, 'run.json'), JSON.stringify(run, null, 1));
    restored.push(run);
  }
  return restored;
}

/** The validated run.json of one run record; throws the 'bad-data' refusal when it is missing or wrong. */
function checkedRun(path: string, unpacked: UnpackedProject, record: RunRecordJson): ReturnType<typeof readStoredRun> {
  const runBytes = unpacked.entries.get(`runs/${record.runId}/run.json`);
  if (!runBytes) throw refusal(path, `the run "${record.runId}" has no run.json`);
  let raw: unknown;
  try {
    raw = JSON.parse(strFromU8(runBytes));
  } catch {
    throw refusal(path, `runs/${record.runId}/run.json is not valid JSON`);
  }
  let stored;
  try {
    stored = readStoredRun(raw, `runs/${record.runId}/run.json`);
  } catch (err) {
    throw refusal(path, (err as Error).message);
  }
  if (stored.runId !== record.runId) throw refusal(path, `runs/${record.runId}/run.json belongs to another run`);
  return stored;
}

/** The size and time of a file we wrote or read, to skip re-verifying it before the next save. */
export async function fileStamp(path: string): Promise<string | null> {
  const s = await stat(path).catch(() => null);
  return s?.isFile() ? `${s.size}:${s.mtimeMs}` : null;
}

/**
 * Writes the project to `path` durably. An existing file there is replaced only if it is a
 * project this version can read (or the very file this project last wrote): a damaged,
 * foreign or newer file is never overwritten.
 */
export async function writeProjectFile(
  path: string,
  bytes: Uint8Array,
  knownStamp: string | null,
  hooks: ProjectWriteHooks = {},
  unpack: ProjectUnpacker = unpackProject,
): Promise<void> {
  const stamp = await fileStamp(path);
  if (stamp !== null && stamp !== knownStamp) {
    try {
      await readProjectFile(path, {}, unpack);
    } catch (err) {
      const reason = err instanceof ServiceError ? err.message : String(err);
      throw new ServiceError(
        'bad-data',
        `Not saving over "${basename(path)}": it is not a project this version can read (${reason}). Choose another file name.`,
      );
    }
  }
  await writeFileAtomic(path, bytes, { durable: true, beforeRename: hooks.beforeRename });
}
