/**
 * Reads and checks a saved model folder: model.json (tfjs-layers format), the weight files its
 * manifest names, and an optional preprocessing.json. Every problem becomes a sentence the user
 * can act on. Weight paths must stay inside the folder, so a crafted model.json cannot make the
 * app read other files.
 */
import { realpath, stat } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { z } from 'zod';
import { etsProblem } from '../../forecast/exponential-smoothing';
import { arimaProblem } from '../../forecast/arima';
import { profileProblem } from '../../forecast/season-profile';
import type { PreprocessingFile } from '../../shared/preprocessing';
import { readUserFile, UserFileError } from '../../storage/user-file';
import { PreprocessingError, readPreprocessing } from '../../shared/preprocessing-schema';

/** A model folder could not be used; the message says why and what to do. */
export class ModelFolderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ModelFolderError';
  }
}

const weightEntrySchema = z.object({
  name: z.string().min(1),
  shape: z.array(z.number().int().min(0)),
  dtype: z.enum(['float32', 'int32', 'bool']),
  // Quantized weights are not produced by the app; refusing them keeps byte counting exact.
  quantization: z.undefined().optional(),
});

const modelJsonSchema = z.object({
  modelTopology: z.record(z.string(), z.unknown()),
  weightsManifest: z.array(z.object({ paths: z.array(z.string().min(1)).min(1), weights: z.array(weightEntrySchema) })),
  format: z.string().optional(),
  generatedBy: z.string().optional(),
  convertedBy: z.string().nullable().optional(),
});

/** One weight as listed in model.json's manifest. */
export type WeightEntry = z.infer<typeof weightEntrySchema>;
/** The parsed model.json. */
export type ModelJson = z.infer<typeof modelJsonSchema>;

/** Everything read from a model folder. */
export interface ModelFolder {
  /** Absolute, resolved folder path. */
  dir: string;
  modelJson: ModelJson;
  /** model.json exactly as stored. */
  modelJsonBytes: Uint8Array;
  /** The weight files in manifest order, with their paths relative to the folder. */
  weightFiles: { relativePath: string; data: Uint8Array }[];
  /** Manifest entries of all groups, in order. */
  weightEntries: WeightEntry[];
  /** All weight bytes concatenated in manifest order. */
  weightData: ArrayBuffer;
  preprocessing: PreprocessingFile | null;
  preprocessingBytes: Uint8Array | null;
}

const BYTES_PER_ELEMENT: Record<WeightEntry['dtype'], number> = { float32: 4, int32: 4, bool: 1 };

function isInside(folder: string, candidate: string): boolean {
  const rel = relative(folder, candidate);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

/** Resolves a manifest path, refusing anything that leaves the folder (also through symlinks). */
async function resolveWeightPath(dir: string, path: string): Promise<string> {
  const refuse = () =>
    new ModelFolderError(
      `model.json names the weight file "${path}", which is outside the model folder. Only files inside the folder are read.`,
    );
  if (isAbsolute(path) || path.includes('\\') || path.split('/').some((part) => part === '..')) throw refuse();
  const full = resolve(dir, path);
  if (!isInside(dir, full)) throw refuse();
  let real: string;
  try {
    real = await realpath(full);
  } catch {
    throw new ModelFolderError(`The weight file "${path}" named in model.json is missing from ${dir}.`);
  }
  if (!isInside(dir, real)) throw refuse();
  return real;
}

/** Largest model.json or preprocessing.json read (vocabularies make the latter grow). */
const MAX_JSON_BYTES = 256 * 1024 * 1024;
/** Largest weight file read: an RNN's weights are far smaller; this bounds a crafted manifest. */
const MAX_WEIGHT_FILE_BYTES = 2 * 1024 ** 3;

/** Reads a file of the folder within `maxBytes`; devices, pipes and oversized files become ModelFolderErrors. */
async function readFolderFile(path: string, what: string, maxBytes: number): Promise<Buffer> {
  try {
    return await readUserFile(path, { what, maxBytes });
  } catch (err) {
    if (err instanceof UserFileError && err.problem !== 'missing') throw new ModelFolderError(err.message);
    throw err;
  }
}

async function readJsonFile(path: string, what: string): Promise<{ bytes: Uint8Array; value: unknown }> {
  const bytes = await readFolderFile(path, what, MAX_JSON_BYTES);
  try {
    return { bytes, value: JSON.parse(bytes.toString('utf8')) };
  } catch {
    throw new ModelFolderError(`${what} in ${path} is not valid JSON; the file is damaged or not a model file.`);
  }
}

function checkPreprocessing(value: unknown, path: string): PreprocessingFile {
  let pre: PreprocessingFile;
  try {
    pre = readPreprocessing(value, path);
  } catch (err) {
    if (err instanceof PreprocessingError) throw new ModelFolderError(err.message);
    throw err;
  }
  // A model over many series keeps each series' own target: each is checked as the first one is.
  const targets = [
    { target: pre.target, where: '' },
    ...(pre.series ?? []).map((s) => ({ target: s.target, where: ` (series "${s.id}")` })),
  ];
  for (const { target, where } of targets) {
    const problem = target ? targetProblem(target) : null;
    if (problem) throw new ModelFolderError(`${path} is damaged${where}: ${problem}.`);
  }
  return pre;
}

/** What is wrong with a saved target's fitted base (profile, smoothing or ARIMA), or null. */
function targetProblem(target: NonNullable<PreprocessingFile['target']>): string | null {
  const period = target.period ?? null;
  if (target.transform === 'seasonal-profile') return profileProblem(target.profile, period);
  if (target.transform === 'exponential-smoothing') return etsProblem(target.smoothing, period);
  if (target.transform === 'arima') return arimaProblem(target.arima, period);
  return null;
}

/** Reads a model folder and checks that its files fit together. Throws ModelFolderError. */
export async function readModelFolder(folder: string): Promise<ModelFolder> {
  let dir: string;
  try {
    dir = await realpath(folder);
    if (!(await stat(dir)).isDirectory()) throw new Error('not a folder');
  } catch {
    throw new ModelFolderError(`${folder} is not a folder. Choose the folder that holds model.json.`);
  }
  const modelPath = join(dir, 'model.json');
  const found = await readJsonFile(modelPath, 'model.json').catch((err: unknown) => {
    if (err instanceof ModelFolderError) throw err;
    throw new ModelFolderError(
      `${dir} holds no model.json. Choose a folder saved by Recurrent Studio or TensorFlow.js.`,
    );
  });
  const parsed = modelJsonSchema.safeParse(found.value);
  if (!parsed.success) {
    const where = parsed.error.issues[0]?.path.join('.') || 'the top level';
    throw new ModelFolderError(
      `${modelPath} is not a TensorFlow.js layers model (problem at ${where}). Models must have a topology and a weight manifest.`,
    );
  }
  const modelJson = parsed.data;
  const weightFiles: ModelFolder['weightFiles'] = [];
  const weightEntries: WeightEntry[] = [];
  let total = 0;
  for (const group of modelJson.weightsManifest) {
    let groupBytes = 0;
    for (const path of group.paths) {
      const data = await readFolderFile(await resolveWeightPath(dir, path), 'weight file', MAX_WEIGHT_FILE_BYTES);
      weightFiles.push({ relativePath: path, data });
      groupBytes += data.byteLength;
    }
    const expected = group.weights.reduce(
      (sum, w) => sum + w.shape.reduce((n, d) => n * d, 1) * BYTES_PER_ELEMENT[w.dtype],
      0,
    );
    if (expected !== groupBytes) {
      throw new ModelFolderError(
        `The weight files ${group.paths.join(', ')} hold ${groupBytes} bytes but model.json describes ${expected}; the files do not belong together or are incomplete.`,
      );
    }
    weightEntries.push(...group.weights);
    total += groupBytes;
  }
  const weightData = new ArrayBuffer(total);
  const view = new Uint8Array(weightData);
  let offset = 0;
  for (const f of weightFiles) {
    view.set(f.data, offset);
    offset += f.data.byteLength;
  }
  let preprocessing: PreprocessingFile | null = null;
  let preprocessingBytes: Uint8Array | null = null;
  const prePath = join(dir, 'preprocessing.json');
  const preStat = await stat(prePath).catch(() => null);
  if (preStat) {
    const pre = await readJsonFile(prePath, 'preprocessing.json');
    preprocessing = checkPreprocessing(pre.value, prePath);
    preprocessingBytes = pre.bytes;
  }
  return {
    dir,
    modelJson,
    modelJsonBytes: found.bytes,
    weightFiles,
    weightEntries,
    weightData,
    preprocessing,
    preprocessingBytes,
  };
}
