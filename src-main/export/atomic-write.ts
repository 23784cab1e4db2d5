/**
 * All-or-nothing file writes for exports. Every file is first written in full to a hidden
 * temporary file in its target folder (same file system, so the final rename is atomic), and
 * only when every file of the export is complete are they renamed into place. A failure or a
 * cancel before that point removes the temporary files and leaves existing files untouched.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** One file of an export: where it goes and its full content. */
export interface PendingFile {
  path: string;
  data: Uint8Array;
}

/** Thrown when the user cancels an export through its AbortSignal. */
export class ExportCancelledError extends Error {
  constructor() {
    super('The export was cancelled; no file was written.');
    this.name = 'ExportCancelledError';
  }
}

/** Throws ExportCancelledError when the signal has fired. */
export function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new ExportCancelledError();
}

function tempPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.partial`);
}

async function writeTemp(target: string, data: Uint8Array): Promise<string> {
  const temp = tempPathFor(target);
  // 'wx' refuses to follow or reuse an existing path, so a stray file is never overwritten.
  const handle = await open(temp, 'wx', 0o644);
  try {
    await handle.writeFile(data);
    // Flush before the rename so a crash cannot leave a renamed but empty file.
    await handle.sync();
  } catch (err) {
    await handle.close();
    await rm(temp, { force: true });
    throw err;
  }
  await handle.close();
  return temp;
}

/**
 * Writes every file completely, then moves them all into place. Creates missing target
 * folders. On error or cancel nothing new is left behind and existing files keep their content.
 */
export async function writeFilesAtomically(files: PendingFile[], signal?: AbortSignal): Promise<string[]> {
  throwIfCancelled(signal);
  const staged: { temp: string; target: string }[] = [];
  try {
    for (const file of files) {
      await mkdir(dirname(file.path), { recursive: true });
      staged.push({ temp: await writeTemp(file.path, file.data), target: file.path });
      throwIfCancelled(signal);
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
  return staged.map((s) => s.target);
}
