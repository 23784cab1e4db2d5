/**
 * Reading a path the user chose: before any byte is read, the path must be a regular file of
 * a stated size. Devices (/dev/zero never ends), FIFOs (block until a writer appears),
 * sockets and folders get a sentence of their own instead of an endless read or a hang.
 */
import { constants } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';

/** Why a path cannot be read as a file. */
export type UserFileProblem =
  'missing' | 'permission' | 'folder' | 'device' | 'fifo' | 'socket' | 'not-a-file' | 'too-large' | 'unreadable';

/** A user-chosen path that is not a readable regular file within its limit; the message says which and why. */
export class UserFileError extends Error {
  readonly problem: UserFileProblem;
  readonly path: string;
  constructor(problem: UserFileProblem, path: string, message: string) {
    super(message);
    this.name = 'UserFileError';
    this.problem = problem;
    this.path = path;
  }
}

export interface UserFileRule {
  /** What the file should be, as users say it: "project file", "data file", "spec". */
  what: string;
  /** The largest size read; larger files are refused before reading. */
  maxBytes: number;
  /** Whether a folder is acceptable (a folder of texts, a model folder). */
  allowFolder?: boolean;
}

/** "1.5 GB", "300 MB", "12 KB": sizes as users read them. */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB'];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const digits = unit === 0 || value >= 10 ? 0 : 1;
  return `${value.toFixed(digits)} ${units[unit]}`;
}

/** The refusal for a path whose stat says it is not a regular file, or null when it is one. */
function kindProblem(path: string, info: Stats, rule: UserFileRule): UserFileError | null {
  if (info.isFile()) return null;
  if (info.isDirectory()) {
    return rule.allowFolder ? null : new UserFileError('folder', path, `"${path}" is a folder, not a ${rule.what}.`);
  }
  const choose = `Choose a regular ${rule.what}.`;
  if (info.isCharacterDevice() || info.isBlockDevice()) {
    return new UserFileError('device', path, `"${path}" is a device, not a ${rule.what}. ${choose}`);
  }
  if (info.isFIFO()) {
    return new UserFileError('fifo', path, `"${path}" is a pipe (FIFO), not a ${rule.what}. ${choose}`);
  }
  if (info.isSocket()) return new UserFileError('socket', path, `"${path}" is a socket, not a ${rule.what}. ${choose}`);
  return new UserFileError('not-a-file', path, `"${path}" is not a regular file. ${choose}`);
}

function sizeProblem(path: string, size: number, rule: UserFileRule): UserFileError | null {
  if (size <= rule.maxBytes) return null;
  return new UserFileError(
    'too-large',
    path,
    `"${path}" is ${formatBytes(size)}; a ${rule.what} may be at most ${formatBytes(rule.maxBytes)}, so it was not read.`,
  );
}

function statProblem(path: string, err: unknown, rule: UserFileRule): UserFileError {
  const code = (err as NodeJS.ErrnoException | null)?.code;
  if (code === 'ENOENT' || code === 'ENOTDIR') {
    return new UserFileError('missing', path, `"${path}" does not exist. It may have been moved or deleted.`);
  }
  if (code === 'EACCES' || code === 'EPERM') {
    return new UserFileError('permission', path, `"${path}" cannot be read: permission denied.`);
  }
  const detail = err instanceof Error ? err.message : String(err);
  return new UserFileError('unreadable', path, `The ${rule.what} "${path}" cannot be read (${detail}).`);
}

/**
 * Checks that `path` is a regular file (or a folder, when the rule allows) no larger than the
 * rule's limit; returns its stat. Throws UserFileError otherwise. Nothing is opened.
 */
export async function checkUserFile(path: string, rule: UserFileRule): Promise<Stats> {
  let info: Stats;
  try {
    info = await stat(path);
  } catch (err) {
    throw statProblem(path, err, rule);
  }
  const problem = kindProblem(path, info, rule) ?? (info.isFile() ? sizeProblem(path, info.size, rule) : null);
  if (problem) throw problem;
  return info;
}

/** O_NONBLOCK where the platform has it: a FIFO swapped in after the check must not block the open. */
const OPEN_FLAGS = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0);

/**
 * Reads a user-chosen regular file whole, within the rule's limit. The kind and size are
 * checked again on the open handle, so a file replaced between check and read (by a device,
 * a pipe, a larger file) is refused too, and at most `maxBytes` are ever read.
 */
export async function readUserFile(path: string, rule: Omit<UserFileRule, 'allowFolder'>): Promise<Buffer> {
  await checkUserFile(path, rule);
  let handle;
  try {
    handle = await open(path, OPEN_FLAGS);
  } catch (err) {
    throw statProblem(path, err, rule);
  }
  try {
    const info = await handle.stat();
    const problem = kindProblem(path, info, rule) ?? sizeProblem(path, info.size, rule);
    if (problem) throw problem;
    // One byte past the stated size shows a file that grew while being read. Not zero-filled
    // (zeroing a large file's buffer blocks the event loop); only the bytes read are returned.
    const buffer = Buffer.allocUnsafeSlow(Math.min(info.size + 1, rule.maxBytes + 1));
    let filled = 0;
    while (filled < buffer.length) {
      const { bytesRead } = await handle.read(buffer, filled, buffer.length - filled, filled);
      if (bytesRead === 0) break;
      filled += bytesRead;
    }
    const grown = sizeProblem(path, filled, rule);
    if (grown) throw grown;
    return buffer.subarray(0, filled);
  } catch (err) {
    if (err instanceof UserFileError) throw err;
    throw statProblem(path, err, rule);
  } finally {
    await handle.close();
  }
}
