/**
 * Recognising a project's data file by content: a streamed sha256, so a file edited or
 * replaced since the project was saved shows as 'changed', and a moved one as 'missing'.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
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

/** A dataset reference for the file at `path` as it is now; sha256 is '' when it cannot be read. */
export async function datasetRefFor(path: string, sheet: string | null): Promise<DatasetRefJson> {
  try {
    const { sha256, sizeBytes } = await hashFile(path);
    return { path, sha256, sizeBytes, sheet };
  } catch {
    return { path, sha256: '', sizeBytes: 0, sheet };
  }
}

/** Whether the referenced file is still there with the same content. */
export async function checkDataset(ref: DatasetRefJson): Promise<DatasetStatus> {
  const info = await stat(ref.path).catch(() => null);
  if (!info?.isFile()) return 'missing';
  // Same size is necessary for same content; only then is reading the whole file worth it.
  if (info.size !== ref.sizeBytes || ref.sha256 === '') return 'changed';
  try {
    return (await hashFile(ref.path)).sha256 === ref.sha256 ? 'ok' : 'changed';
  } catch {
    return 'missing';
  }
}
