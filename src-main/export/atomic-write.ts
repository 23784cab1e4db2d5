/**
 * All-or-nothing file writes for exports. Every file is first written in full to a hidden
 * temporary file in its target folder (same file system, so the final rename is atomic), and
 * only when every file of the export is complete are they renamed into place. A failure or a
 * cancel before that point removes the temporary files and leaves existing files untouched.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm, rmdir } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { fsErrorSentence } from '../storage/fs-error-sentence';

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

/** A write of an export failed; the message names the path the user chose and what to do. */
export class ExportWriteError extends Error {
  /** The system's error code (ENOSPC, EROFS…), kept apart from `code` so it is not mistaken for a raw system error. */
  readonly systemCode: string | undefined;
  constructor(message: string, systemCode: string | undefined) {
    super(message);
    this.name = 'ExportWriteError';
    this.systemCode = systemCode;
  }
}

/** File system failures become ExportWriteErrors with a sentence; anything else passes unchanged. */
function translated(err: unknown, target?: string): unknown {
  const sentence = fsErrorSentence(err, 'export the model', target);
  return sentence ? new ExportWriteError(sentence, (err as NodeJS.ErrnoException).code) : err;
}

/** Removes the folders this export made, innermost first, as long as they are empty. */
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

/**
 * Writes every file completely, then moves them all into place. Creates missing target
 * folders. On error or cancel nothing new is left behind (no partial files, no folders made
 * for the export) and existing files keep their content; file system failures are thrown as
 * ExportWriteErrors that name the path and the remedy.
 */
export async function writeFilesAtomically(files: PendingFile[], signal?: AbortSignal): Promise<string[]> {
  throwIfCancelled(signal);
  const staged: { temp: string; target: string }[] = [];
  const made: string[] = [];
  let current: string | undefined;
  try {
    for (const file of files) {
      current = file.path;
      await makeFolder(dirname(file.path), made);
      staged.push({ temp: await writeTemp(file.path, file.data), target: file.path });
      throwIfCancelled(signal);
    }
  } catch (err) {
    await Promise.all(staged.map((s) => rm(s.temp, { force: true })));
    await removeMadeFolders(made);
    throw translated(err, current);
  }
  let moved = 0;
  try {
    for (const s of staged) {
      await rename(s.temp, s.target);
      moved++;
    }
  } catch (err) {
    await Promise.all(staged.slice(moved).map((s) => rm(s.temp, { force: true })));
    throw translated(err, staged[moved]?.target);
  }
  return staged.map((s) => s.target);
}
