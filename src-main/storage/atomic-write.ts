/**
 * Writing files so that readers never see half a file: every file is written in full to a
 * hidden temporary name in its target folder (same file system, so the rename is atomic) and
 * then renamed into place. A failure at any step removes the temporary file and leaves the
 * previous content untouched.
 *
 * `durable` also flushes the file and its folder entry to disk before and after the rename,
 * so the new content survives a power cut: projects ask for it; run logs and caches, which
 * are rewritten often and can be recreated, do not.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

export interface AtomicWriteOptions {
  /** Flush the file and its folder to disk (slower; for files that must survive a power cut). */
  durable?: boolean;
  /** Test seam: runs between the complete temporary file and the rename. */
  beforeRename?: (tempPath: string) => Promise<void> | void;
}

/** One file of a multi-file write: where it goes and its full content. */
export interface PendingFile {
  path: string;
  data: Uint8Array;
}

/** A hidden temporary name beside `path`, unique per call. */
export function tempNameFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
}

/** Writes `data` to a new temporary file beside `target` and returns its path. */
async function writeTemp(target: string, data: string | Uint8Array, durable: boolean): Promise<string> {
  const temp = tempNameFor(target);
  // 'wx' refuses to follow or reuse an existing path, so a stray file is never overwritten.
  const handle = await open(temp, 'wx', 0o644);
  try {
    await handle.writeFile(data);
    // Flush before the rename so a crash cannot leave a renamed but empty file.
    if (durable) await handle.sync();
  } catch (err) {
    await handle.close().catch(() => undefined);
    await rm(temp, { force: true }).catch(() => undefined);
    throw err;
  }
  await handle.close();
  return temp;
}

/** Replaces `path` with `data` in one rename; a crash leaves either the old or the new content. */
export async function writeFileAtomic(
  path: string,
  data: string | Uint8Array,
  options: AtomicWriteOptions = {},
): Promise<void> {
  const durable = options.durable ?? false;
  const temp = await writeTemp(path, data, durable);
  try {
    await options.beforeRename?.(temp);
    await rename(temp, path);
  } catch (err) {
    await rm(temp, { force: true }).catch(() => undefined);
    throw err;
  }
  if (durable) await syncFolder(dirname(path));
}

/**
 * Writes every file completely, then moves them all into place, creating missing folders.
 * `shouldStop` is checked between files (a cancel): on error or stop nothing new is left
 * behind and existing files keep their content.
 */
export async function writeFilesAtomically(
  files: PendingFile[],
  options: AtomicWriteOptions & { shouldStop?: () => void } = {},
): Promise<string[]> {
  const durable = options.durable ?? false;
  options.shouldStop?.();
  const staged: { temp: string; target: string }[] = [];
  try {
    for (const file of files) {
      await mkdir(dirname(file.path), { recursive: true });
      staged.push({ temp: await writeTemp(file.path, file.data, durable), target: file.path });
      options.shouldStop?.();
    }
  } catch (err) {
    await Promise.all(staged.map((s) => rm(s.temp, { force: true })));
    throw err;
  }
  let moved = 0;
  try {
    for (const s of staged) {
      await rename(s.temp, s.target);
      moved++;
    }
  } catch (err) {
    await Promise.all(staged.slice(moved).map((s) => rm(s.temp, { force: true })));
    throw err;
  }
  if (durable) await Promise.all([...new Set(staged.map((s) => dirname(s.target)))].map(syncFolder));
  return staged.map((s) => s.target);
}

/** Flushes the folder entry so the rename itself survives a power cut (not possible on Windows). */
async function syncFolder(folder: string): Promise<void> {
  if (process.platform === 'win32') return;
  try {
    const handle = await open(folder, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // The file is already renamed; a folder that cannot be flushed only weakens power-cut safety.
  }
}
