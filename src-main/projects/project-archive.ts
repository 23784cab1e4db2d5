/**
 * The zip container of a project: which entry names may exist, packing entries with an
 * integrity manifest, and unpacking with every check done before any byte is used. A
 * project is data only: unknown names, `..`, absolute paths and oversized entries are
 * refused, so opening a file can never write outside its run folders or run anything.
 */
import { createHash } from 'node:crypto';
import { strFromU8, strToU8, zipSync, type Zippable } from 'fflate';
import {
  MODEL_FILES,
  ProjectFormatError,
  readProjectJson,
  RUN_ID_PATTERN,
  type ProjectFileJson,
} from './project-format';
import { declaredEntries, PROJECT_UNZIP_LIMITS, unzipBounded, type BoundedUnzipOptions } from './project-unzip';

export const PROJECT_JSON = 'project.json';

/** What a file name inside a project means, or null for a name that must not be there. */
export type EntryKind =
  | { kind: 'project' }
  | { kind: 'run'; runId: string }
  | { kind: 'model'; runId: string; file: (typeof MODEL_FILES)[number] }
  | { kind: 'folder' };

/** Classifies an entry name; anything not in the layout of FORMAT.md is null. */
export function classifyEntry(name: string): EntryKind | null {
  if (name.length > 400 || name.includes('\\') || name.startsWith('/') || /^[A-Za-z]:/.test(name)) return null;
  const parts = name.split('/');
  if (parts.some((p) => p === '..' || p === '.')) return null;
  if (name === PROJECT_JSON) return { kind: 'project' };
  if (name === 'runs/') return { kind: 'folder' };
  if (parts[0] !== 'runs' || parts.length < 3) return null;
  const runId = parts[1];
  if (!RUN_ID_PATTERN.test(runId) || runId.includes('..')) return null;
  if (parts.length === 3) {
    if (parts[2] === '') return { kind: 'folder' };
    return parts[2] === 'run.json' ? { kind: 'run', runId } : null;
  }
  if (parts.length === 4 && parts[2] === 'model') {
    if (parts[3] === '') return { kind: 'folder' };
    const file = MODEL_FILES.find((f) => f === parts[3]);
    return file ? { kind: 'model', runId, file } : null;
  }
  return null;
}

/** Hex sha256 of some bytes. */
export function sha256Hex(data: Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * Packs project.json and the other entries into zip bytes. `json.files` is filled with the
 * sha256 of every other entry. Weights are stored without compression: floats barely shrink.
 */
export function packProject(json: Omit<ProjectFileJson, 'files'>, entries: Map<string, Uint8Array>): Uint8Array {
  const files: Record<string, string> = {};
  const zippable: Zippable = {};
  for (const [name, data] of entries) {
    if (!classifyEntry(name) || name === PROJECT_JSON) throw new Error(`Refusing to pack the entry name "${name}".`);
    files[name] = sha256Hex(data);
    zippable[name] = [data, { level: name.endsWith('.bin') ? 0 : 6 }];
  }
  const full: ProjectFileJson = { ...json, files };
  zippable[PROJECT_JSON] = [strToU8(`${JSON.stringify(full, null, 1)}\n`), { level: 6 }];
  return zipSync(zippable);
}

/** A project file's contents after every check passed. */
export interface UnpackedProject {
  json: ProjectFileJson;
  /** Every entry but project.json and folders, by name. */
  entries: Map<string, Uint8Array>;
}

/**
 * How project bytes are verified and unpacked: unpackProject below, in place, or the app's
 * worker thread (worker/project-unpack-client.ts), which runs the same function off the main thread.
 */
export type ProjectUnpacker = (
  bytes: Uint8Array,
  options?: Omit<BoundedUnzipOptions, 'keep'>,
) => Promise<UnpackedProject>;

const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];

/**
 * Unpacks and verifies project bytes: zip structure, entry names, the limits of
 * project-unzip.ts (checked on the central directory before anything is inflated), the
 * project.json schema and version, and the sha256 of every entry. Throws ProjectFormatError
 * with the reason; inflates in steps, reporting progress and honouring `signal`.
 */
export async function unpackProject(
  bytes: Uint8Array,
  options: Omit<BoundedUnzipOptions, 'keep'> = {},
): Promise<UnpackedProject> {
  if (bytes.length < 22 || ZIP_MAGIC.some((b, i) => bytes[i] !== b)) {
    throw new ProjectFormatError('it is not a Recurrent Studio project (not a zip archive)');
  }
  const declared = declaredEntries(bytes, options.limits ?? PROJECT_UNZIP_LIMITS, (name) => {
    if (!classifyEntry(name))
      throw new ProjectFormatError(`it holds an entry that does not belong in a project: "${name}"`);
  });
  const unzipped = await unzipBounded(bytes, declared, {
    ...options,
    keep: (name) => classifyEntry(name)?.kind !== 'folder',
  });
  const projectBytes = unzipped[PROJECT_JSON]?.data;
  if (!projectBytes) throw new ProjectFormatError('it has no project.json');
  let raw: unknown;
  try {
    raw = JSON.parse(strFromU8(projectBytes));
  } catch {
    throw new ProjectFormatError('its project.json is not valid JSON');
  }
  const json = readProjectJson(raw);
  const entries = new Map<string, Uint8Array>();
  for (const [name, { data, sha256 }] of Object.entries(unzipped)) {
    if (name === PROJECT_JSON) continue;
    const expected = json.files[name];
    if (!expected) throw new ProjectFormatError(`the entry "${name}" is not listed in project.json`);
    if (sha256 !== expected) throw new ProjectFormatError(`the entry "${name}" is damaged (checksum mismatch)`);
    entries.set(name, data);
  }
  for (const name of Object.keys(json.files)) {
    if (!entries.has(name)) throw new ProjectFormatError(`the entry "${name}" listed in project.json is missing`);
  }
  return { json, entries };
}
