/**
 * Exporting trained models (TensorFlow.js folder, Keras file, ONNX file, bundle zip, Keras
 * training project folder) to a path or as bytes for downloads, and importing a TensorFlow.js
 * model folder or a Keras 3 .keras file as a new run. Exports and imports run as jobs off the
 * main thread; exports write atomically.
 */
import { randomBytes } from 'node:crypto';
import { cp, mkdir, mkdtemp, readFile, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, isAbsolute, join, relative, sep } from 'node:path';
import { zipSync } from 'fflate';
import type { Backend, RunResult, RunSummary } from '../shared/types';
import type { JobRunner } from '../worker/jobs';
import { FOLDER_FORMATS, type ExportFormat } from '../shared/export-formats';
import type { RunStore } from './run-store';
import { ServiceError } from '../shared/service-error';
import type { HandlerMap } from './service-types';
import { sanitizeFileName } from './upload';
import { KerasImportError } from '../export/keras-import/keras-import-error';
import { readRayResults } from '../export/keras-import/ray-results';
import type { RayImport } from '../shared/ray-trial-schema';

export interface ExportContext {
  run(runId: string): Promise<RunResult>;
  store: RunStore;
  runJob: JobRunner;
  backend: () => Promise<Backend>;
  /** Called with a run the user imported (the open project records it). */
  onImported: (run: RunResult) => void;
}

const ARCHIVE_SUFFIX: Record<ExportFormat, string> = {
  tfjs: '-tfjs.zip',
  keras: '.keras',
  onnx: '.onnx',
  bundle: '-bundle.zip',
  'keras-project': '-keras-project.zip',
};

/** A file name stem from the run's name: "Nile flow" → "Nile-flow", "nile — forecast" → "nile-forecast". */
export function exportBaseName(runName: string): string {
  const stem = sanitizeFileName(runName)
    .replace(/[^\p{L}\p{N}._-]+/gu, '-')
    .replace(/-{2,}/g, '-')
    .replace(/^-+|-+$/g, '');
  return stem || 'model';
}

async function modelDirOf(context: ExportContext, runId: string): Promise<string> {
  const run = await context.run(runId);
  if (run.status !== 'completed' || !run.modelDir) {
    throw new ServiceError('not-found', `The run "${run.name}" has no trained model to export (it is ${run.status}).`);
  }
  return run.modelDir;
}

/** Handlers of 'model.export', 'model.exportArchive' and 'model.import'. */
export function exportHandlers(context: ExportContext): HandlerMap {
  return {
    'model.export': async ({ runId, format, target }) => {
      if (!isAbsolute(target)) {
        throw new ServiceError('invalid-request', `The export destination must be absolute: "${target}".`);
      }
      const modelDir = await modelDirOf(context, runId);
      return context.runJob({ name: 'model.export', args: { modelDir, format, target } });
    },
    'model.exportArchive': async ({ runId, format }) => {
      const modelDir = await modelDirOf(context, runId);
      const base = exportBaseName((await context.run(runId)).name);
      const temp = await mkdtemp(join(tmpdir(), 'recurrent-export-'));
      try {
        const folder = FOLDER_FORMATS.includes(format);
        const target = folder ? join(temp, base) : join(temp, `${base}${ARCHIVE_SUFFIX[format]}`);
        const { files } = await context.runJob({ name: 'model.export', args: { modelDir, format, target } });
        let bytes: Uint8Array;
        let fileName = `${base}${ARCHIVE_SUFFIX[format]}`;
        if (folder) {
          const entries: Record<string, Uint8Array> = {};
          // Weight files may sit in sub-folders of the export; the zip keeps that layout.
          for (const file of files)
            entries[relative(target, file).split(sep).join('/')] = new Uint8Array(await readFile(file));
          bytes = zipSync(entries, { level: 6 });
        } else if (files.length > 1) {
          // A sequence-to-sequence model exports two files (encoder, decoder step): one download holds both.
          const entries: Record<string, Uint8Array> = {};
          for (const file of files) entries[basename(file)] = new Uint8Array(await readFile(file));
          bytes = zipSync(entries, { level: 0 });
          fileName = `${base}-${format}.zip`;
        } else {
          bytes = await readFile(files[0]);
        }
        return { fileName, contentBase64: Buffer.from(bytes).toString('base64') };
      } finally {
        await rm(temp, { recursive: true, force: true });
      }
    },
    'model.import': async ({ dir }) => importModelFolder(context, dir),
    'model.importKeras': async ({ file, preprocessing }) => importKerasFile(context, file, preprocessing),
    'model.importRay': async ({ dir }) => importRayFolder(context, dir),
  };
}

/** A new run id for an imported model: time stamp, "import" and a random suffix. */
function importRunId(startedAt: string): string {
  const stamp = startedAt.replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
  return `${stamp}-import-${randomBytes(3).toString('hex')}`;
}

/** Converts a .keras file into a new scored run (in the job worker) and records it. */
export async function importKerasFile(
  context: ExportContext,
  file: string,
  preprocessing?: string,
): Promise<RunSummary> {
  if (!isAbsolute(file) || (preprocessing !== undefined && !isAbsolute(preprocessing))) {
    throw new ServiceError('invalid-request', 'The .keras file and its preprocessing file must be absolute paths.');
  }
  const runDir = context.store.runDir(importRunId(new Date().toISOString()));
  const args = { file, preprocessing: preprocessing ?? join(dirname(file), 'preprocessing.json'), runDir };
  const run = await context.runJob({ name: 'model.importKeras', args });
  await context.store.save(run);
  context.onImported(run);
  const summary = context.store.list().find((r) => r.runId === run.runId);
  if (!summary) throw new ServiceError('internal', 'The imported run could not be recorded.');
  return summary;
}

/**
 * Imports every trial of a Ray Tune results folder as a scored run (each model converted in the
 * job worker, one after another); trials that failed in Ray, whose files are damaged or whose
 * model does not fit its preparation are listed with the reason instead.
 */
export async function importRayFolder(context: ExportContext, dir: string): Promise<RayImport> {
  if (!isAbsolute(dir)) throw new ServiceError('invalid-request', `The results folder must be absolute: "${dir}".`);
  let found;
  try {
    found = await readRayResults(dir);
  } catch (err) {
    if (err instanceof KerasImportError) throw new ServiceError('bad-data', err.message);
    throw err;
  }
  const result: RayImport = { imported: [], refused: [...found.refused] };
  for (const trial of found.trials) {
    try {
      result.imported.push(await importKerasFile(context, trial.kerasFile, trial.preprocessingFile));
    } catch (err) {
      if (!(err instanceof ServiceError && err.code === 'bad-data')) throw err;
      result.refused.push({ folder: trial.folder, reason: err.message });
    }
  }
  if (result.imported.length === 0) {
    const reasons = result.refused.map((r) => `${r.folder}: ${r.reason}`).join(' ');
    throw new ServiceError('bad-data', `No trial of the search could be imported. ${reasons}`.slice(0, 2000));
  }
  return result;
}

/**
 * Copies a TensorFlow.js model folder (with its preprocessing.json) into a new run folder and
 * records it as a completed run without evaluation, so it can forecast, predict and export.
 */
async function importModelFolder(context: ExportContext, dir: string): Promise<RunSummary> {
  if (!isAbsolute(dir)) throw new ServiceError('invalid-request', `The model folder must be absolute: "${dir}".`);
  // Loading the model proves the folder is complete before anything is copied.
  const checked = await context.runJob({ name: 'model.check', args: { dir } });
  if (!checked.spec) {
    throw new ServiceError(
      'bad-data',
      `The folder "${dir}" has no preprocessing.json, so the app cannot prepare data for this model. Export the model from Recurrent Studio to get one.`,
    );
  }
  const startedAt = new Date().toISOString();
  const runId = importRunId(startedAt);
  const runDir = context.store.runDir(runId);
  const modelDir = join(runDir, 'model');
  const staging = join(runDir, `.model-${randomBytes(4).toString('hex')}.tmp`);
  await mkdir(staging, { recursive: true });
  try {
    for (const name of checked.files) {
      const to = join(staging, ...name.split('/'));
      await mkdir(dirname(to), { recursive: true });
      await cp(join(dir, ...name.split('/')), to);
    }
    await rename(staging, modelDir);
  } catch (err) {
    await rm(runDir, { recursive: true, force: true });
    throw err;
  }
  const run: RunResult = {
    runId,
    name: `${checked.spec.name} (imported)`,
    task: checked.task,
    status: 'completed',
    startedAt,
    durationSeconds: null,
    backend: await context.backend(),
    headline: {},
    spec: checked.spec,
    fused: false,
    history: [],
    evaluation: null,
    modelDir,
    error: null,
    log: [`Imported from ${dir}.`],
  };
  await context.store.save(run);
  context.onImported(run);
  const summary = context.store.list().find((r) => r.runId === runId);
  if (!summary) throw new ServiceError('internal', 'The imported run could not be recorded.');
  return summary;
}
