/**
 * Files in the browser host the way a web app handles them: inputs arrive as uploads (a file to
 * predict on, a project, a folder of labelled texts, an exported model) and outputs leave as downloads (predictions,
 * projects). Nothing asks the user to type a path on the server, and nothing is written silently
 * beside their input: outputs go to the app's own data folder and travel back as bytes.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { basename, dirname, join, parse } from 'node:path';
import type { ProjectService } from '../projects/project-service';
import type { DatasetSummary, RunSummary } from '../shared/types';
import type { BatchPrediction } from '../shared/types-model-use';
import { ServiceError } from '../shared/service-error';
import type { HandlerMap } from './service-types';
import type { RayImport } from '../shared/ray-trial-schema';
import { decodeUpload, freshFolder, sanitizeFileName, storeUpload } from './upload';

export interface BrowserFileContext {
  dataDir: string;
  projects: ProjectService;
  /** Resolves when the runs of earlier sessions have been read (opened projects add theirs). */
  runsLoaded: Promise<void>;
  /** The 'predict.file' answer for a file on this machine. */
  predictFile(runId: string, path: string, output: string): Promise<BatchPrediction>;
  /** Imports a file or folder on this machine ('data.inspect' without progress). */
  openDataset(path: string): Promise<DatasetSummary>;
  /** Adds an exported model folder on this machine as a run ('model.import'). */
  importModel(dir: string): Promise<RunSummary>;
  /** Imports a .keras model with its preprocessing.json as a scored run ('model.importKeras'). */
  importKeras(file: string, preprocessing: string): Promise<RunSummary>;
  /** Imports the trials of a Ray Tune results folder as runs ('model.importRay'). */
  importRay(dir: string): Promise<RayImport>;
}

/** Most folder levels kept from an uploaded folder (label subfolders of text files need two). */
const MAX_DEPTH = 4;

export function browserFileHandlers(c: BrowserFileContext): HandlerMap {
  /** Predicts an uploaded file or folder into `<name>-predictions.csv` in the outputs folder, handed back as a download. */
  const predictStored = async (runId: string, input: string, name: string) => {
    const output = join(await freshFolder(c.dataDir, 'outputs'), `${name}-predictions.csv`);
    const result = await c.predictFile(runId, input, output);
    return { ...result, download: await download(output) };
  };
  return {
    'predict.upload': async ({ runId, fileName, contentBase64 }) => {
      const input = await storeUpload(c.dataDir, fileName, contentBase64);
      return predictStored(runId, input, parse(input).name);
    },
    'predict.uploadFolder': async ({ runId, folderName, files }) => {
      const input = await storeFolder(c.dataDir, folderName, files);
      return predictStored(runId, input, basename(input));
    },
    'project.upload': async ({ fileName, contentBase64 }) => {
      const path = await storeUpload(c.dataDir, fileName, contentBase64);
      await c.runsLoaded;
      return c.projects.open(path);
    },
    'project.download': async () => {
      const current = c.projects.current();
      // A project never saved gets its own place in the app's data folder; later saves go there too.
      const target =
        current.path ?? join(await freshFolder(c.dataDir, 'projects'), `${sanitizeFileName(current.name)}.rsproj`);
      const saved = await c.projects.save(target);
      if (!saved.path)
        throw new ServiceError('internal', 'The project was not saved, so there is nothing to download.');
      return download(saved.path);
    },
    'data.uploadFolder': async ({ folderName, files }) =>
      c.openDataset(await storeFolder(c.dataDir, folderName, files)),
    'model.upload': async ({ folderName, files }) => {
      const dir = await storeFolder(c.dataDir, folderName, files);
      await c.runsLoaded;
      return c.importModel(dir);
    },
    'model.uploadKeras': async ({ folderName, files }) => {
      const dir = await storeFolder(c.dataDir, folderName, files);
      const stored = await filesUnder(dir);
      const models = stored.filter((f) => f.toLowerCase().endsWith('.keras'));
      const preprocessing = stored.filter((f) => basename(f) === 'preprocessing.json');
      if (models.length !== 1 || preprocessing.length !== 1) {
        throw new ServiceError(
          'bad-data',
          `Choose a folder with one .keras model and its preprocessing.json (a training project's output folder); "${sanitizeFileName(folderName)}" holds ${models.length} .keras files and ${preprocessing.length} preprocessing.json.`,
        );
      }
      await c.runsLoaded;
      return c.importKeras(models[0], preprocessing[0]);
    },
    'model.uploadRay': async ({ folderName, files }) => {
      const dir = await storeFolder(c.dataDir, folderName, files);
      await c.runsLoaded;
      return c.importRay(dir);
    },
  };
}

/**
 * Writes an uploaded folder's files (paths relative to the folder) under a fresh uploads folder,
 * each kept inside it whatever its path says, and returns the folder.
 */
async function storeFolder(
  dataDir: string,
  folderName: string,
  files: { path: string; contentBase64: string }[],
): Promise<string> {
  const root = join(await freshFolder(dataDir, 'uploads'), sanitizeFileName(folderName));
  let written = 0;
  for (const file of files) {
    const parts = file.path.split(/[\\/]/).filter((p) => p !== '' && p !== '.' && p !== '..');
    if (parts.length === 0 || parts.length > MAX_DEPTH) continue;
    const path = join(root, ...parts.map(sanitizeFileName));
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, decodeUpload(file.path, file.contentBase64), { flag: 'wx' });
    written++;
  }
  if (written === 0) {
    throw new ServiceError('bad-data', `The folder "${sanitizeFileName(folderName)}" held no files to read.`);
  }
  return root;
}

/** Every file below `dir` (an uploaded folder, at most MAX_DEPTH levels deep). */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

/** A file's bytes as a download for the browser. */
async function download(path: string): Promise<{ fileName: string; contentBase64: string }> {
  return { fileName: basename(path), contentBase64: (await readFile(path)).toString('base64') };
}
