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
import { mkdir, open, rename, rm, rmdir } from 'node:fs/promises';
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

export interface MultiWriteOptions extends AtomicWriteOptions {
  /** Called between files; throws to stop (a cancel). */
  shouldStop?: () => void;
  /** Turns a failure into the error the caller wants to show, given the file it concerned. */
  translateError?: (err: unknown, path: string | undefined) => unknown;
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
 * behind (no partial files, no folders made for the write) and existing files keep their content.
 */
export async function writeFilesAtomically(files: PendingFile[], options: MultiWriteOptions = {}): Promise<string[]> {
  const durable = options.durable ?? false;
  const translate = options.translateError ?? ((err: unknown) => err);
  options.shouldStop?.();
  const staged: { temp: string; target: string }[] = [];
  const made: string[] = [];
  let current: string | undefined;
  try {
    for (const file of files) {
      current = file.path;
      await makeFolder(dirname(file.path), made);
      staged.push({ temp: await writeTemp(file.path, file.data, durable), target: file.path });
      options.shouldStop?.();
    }
  } catch (err) {
    await Promise.all(staged.map((s) => rm(s.temp, { force: true })));
    await removeMadeFolders(made);
    throw translate(err, current);
  }
  let moved = 0;
  try {
    for (const s of staged) {
      await rename(s.temp, s.target);
      moved++;
    }
  } catch (err) {
    await Promise.all(staged.slice(moved).map((s) => rm(s.temp, { force: true })));
    throw translate(err, staged[moved]?.target);
  }
  if (durable) await Promise.all([...new Set(staged.map((s) => dirname(s.target)))].map(syncFolder));
  return staged.map((s) => s.target);
}

/** Removes the folders a failed write made, innermost first, as long as they are empty. */
async function removeMadeFolders(made: string[]): Promise<void> {
  for (const dir of [...made].reverse()) await rmdir(dir).catch(() => undefined);
}

/** Makes `dir` and records every folder that did not exist before, so a failure can remove them. */
async function makeFolder(dir: string, made: string[]): Promise<void> {
  const first = await mkdir(dir, { recursive: true });
  if (!first) return;
  // mkdir returns the outermost folder it made; the ones below it up to `dir` are new too.
  const chain: string[] = [];
  for (let d = dir; ; d = dirname(d)) {
    chain.push(d);
    if (d === first || dirname(d) === d) break;
  }
  made.push(...chain.reverse());
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
