/**
 * Recognising a project's data file by content: a streamed sha256, so a file edited or
 * replaced since the project was saved shows as 'changed', and a moved one as 'missing'.
 * A folder of labeled texts is hashed over its files' relative paths and contents.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import type { DatasetRefJson } from './project-format';

export type DatasetStatus = 'ok' | 'changed' | 'missing';

/** sha256 (hex) and size of a file, read in chunks so large files never sit in memory whole. */
export async function hashFile(path: string): Promise<{ sha256: string; sizeBytes: number }> {
  const hash = createHash('sha256');
  let sizeBytes = 0;
  for await (const chunk of createReadStream(path)) {
    const bytes = chunk as Buffer;
    sizeBytes += bytes.length;
    hash.update(bytes);
  }
  return { sha256: hash.digest('hex'), sizeBytes };
}

/** Every regular file below `root`, as sorted relative paths with '/' separators (links not followed). */
async function filesBelow(root: string): Promise<string[]> {
  const entries = await readdir(root, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile())
    .map((e) => relative(root, join(e.parentPath, e.name)).split(sep).join('/'))
    .sort();
}

/** sha256 over a folder: each file's relative path, size and content hash, in sorted order. */
export async function hashFolder(path: string): Promise<{ sha256: string; sizeBytes: number }> {
  const hash = createHash('sha256');
  let sizeBytes = 0;
  for (const name of await filesBelow(path)) {
    const file = await hashFile(join(path, name));
    sizeBytes += file.sizeBytes;
    hash.update(`${name}\0${file.sizeBytes}\0${file.sha256}\n`);
  }
  return { sha256: hash.digest('hex'), sizeBytes };
}

/** The content hash of a data file or a data folder. */
async function hashData(path: string): Promise<{ sha256: string; sizeBytes: number }> {
  return (await stat(path)).isDirectory() ? hashFolder(path) : hashFile(path);
}

/** A dataset reference for the file at `path` as it is now; sha256 is '' when it cannot be read. */
export async function datasetRefFor(path: string, sheet: string | null): Promise<DatasetRefJson> {
  try {
    const { sha256, sizeBytes } = await hashData(path);
    return { path, sha256, sizeBytes, sheet };
  } catch {
    return { path, sha256: '', sizeBytes: 0, sheet };
  }
}

/** Whether the referenced file is still there with the same content. */
export async function checkDataset(ref: DatasetRefJson): Promise<DatasetStatus> {
  const info = await stat(ref.path).catch(() => null);
  if (!info || !(info.isFile() || info.isDirectory())) return 'missing';
  // Same size is necessary for same content; only then is reading the whole file worth it.
  if ((info.isFile() && info.size !== ref.sizeBytes) || ref.sha256 === '') return 'changed';
  try {
    return (await hashData(ref.path)).sha256 === ref.sha256 ? 'ok' : 'changed';
  } catch {
    return 'missing';
  }
}
