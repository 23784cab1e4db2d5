/**
 * File system failures as sentences a user can act on: which path (the one they chose, not
 * our temporary `.partial` or `.tmp` name beside it), what happened, and what to do. The one
 * translator of system errors: `fsErrorSentence` says it for an action the caller names
 * (exports, the command line), `systemErrorSentence` on its own (any request of the app).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * Our temporary names: `.name.1a2b3c4d.tmp` (atomic writes), `name.0123456789ab.partial`
 * (exports) and a plain `name.tmp`.
 */
const TEMP_NAME = /^\.?(.+?)(?:\.[0-9a-f]{6,})?\.(?:tmp|partial)$/;

/** The path the user chose, recovered from one of our temporary names beside it. */
export function userPathOf(file: string): string {
  const match = TEMP_NAME.exec(path.basename(file));
  return match ? path.join(path.dirname(file), match[1]) : file;
}

/** A Node file system error, reduced to what a sentence needs. */
interface FsFailure {
  code: string;
  /** The path the user chose, or null when neither the error nor the caller names one. */
  where: string | null;
}

function fsFailure(err: unknown, fallbackPath?: string): FsFailure | null {
  const e = err as NodeJS.ErrnoException | null;
  if (!e || typeof e.code !== 'string' || !/^E[A-Z]+$/.test(e.code)) return null;
  // Errors of writes through a file handle carry no path, and errors re-thrown by libraries keep
  // it only in the message: the caller's path, then the message, fill in.
  const raw =
    (typeof e.path === 'string' ? e.path : undefined) ??
    fallbackPath ??
    /, \w+ '([^']+)'/.exec(typeof e.message === 'string' ? e.message : '')?.[1];
  return { code: e.code, where: raw ? userPathOf(raw) : null };
}

/**
 * The sentence for a Node file system error, or null when `err` is not one. `action` says
 * what was being done ("export the model", "save the project"); `fallbackPath` names the file
 * when the error does not.
 */
export function fsErrorSentence(err: unknown, action: string, fallbackPath?: string): string | null {
  const failure = fsFailure(err, fallbackPath);
  if (!failure) return null;
  const { code, where } = failure;
  const at = where ? ` to ${where}` : '';
  const folder = where ? path.dirname(where) : 'that folder';
  switch (code) {
    case 'ENOSPC':
    case 'EDQUOT':
      return `Could not ${action}${at}: the disk is full, so nothing was written. Free some space or choose another drive, then try again.`;
    case 'EROFS':
      return `Could not ${action}${at}: ${folder} is on a read-only drive, so nothing was written. Choose another folder.`;
    case 'EACCES':
    case 'EPERM':
      return `Could not ${action}${at}: permission denied for ${where ?? 'that path'}. Choose a folder you can write to.`;
    case 'ENOENT':
      return `Could not ${action}${at}: the folder ${folder} does not exist and could not be made. Choose an existing folder.`;
    case 'ENOTDIR':
      return `Could not ${action}${at}: part of that path is a file, not a folder. Choose another folder.`;
    case 'EISDIR':
      return `Could not ${action}${at}: a folder of that name is already there. Choose another name.`;
    case 'EEXIST':
      return `Could not ${action}${at}: something of that name is already there. Choose another name.`;
    case 'EMFILE':
    case 'ENFILE':
      return `Could not ${action}${at}: too many files are open. Close some programs and try again.`;
    default:
      // The system's own message names our temporary file; its code is enough.
      return `Could not ${action}${at} (${code}).`;
  }
}

/**
 * A sentence for a file-system failure when the action is not known, or null when `err` is not
 * one or its code is one nobody can act on (the system's message is then all there is). ENOENT
 * tells a missing folder from a missing file by looking for the folder.
 */
export function systemErrorSentence(err: unknown): string | null {
  const failure = fsFailure(err);
  if (!failure) return null;
  const { code, where } = failure;
  const at = where ? ` "${where}"` : '';
  const folder = where ? path.dirname(where) : null;
  switch (code) {
    case 'ENOENT':
      if (folder && !existsSync(folder)) {
        return `The folder "${folder}" does not exist, so${at || ' the file'} could not be used. Create the folder or choose another one.`;
      }
      return `The file${at} was not found. It may have been moved, renamed or deleted: choose it again.`;
    case 'EACCES':
    case 'EPERM':
      return `Permission denied for${at || ' that file or folder'}: this account may not use it. Choose another folder, or change its permissions.`;
    case 'ENOSPC':
    case 'EDQUOT':
      return `The disk is full, so nothing was written${folder ? ` to "${folder}"` : ''}. Free some space and try again, or choose another disk.`;
    case 'EROFS':
      return `${folder ? `"${folder}" is` : 'That place is'} on a read-only disk, so nothing was written there. Choose another folder.`;
    case 'EISDIR':
      return `${at ? `"${where}"` : 'That path'} is a folder, not a file. Choose a file.`;
    case 'ENOTDIR':
      return `Part of${at || ' that path'} is a file where a folder was expected. Check the path.`;
    case 'EEXIST':
      return `${at ? `"${where}"` : 'That file'} already exists and was left as it is. Choose another name.`;
    case 'EMFILE':
    case 'ENFILE':
      return 'Too many files are open at once on this computer. Close some programs and try again.';
    case 'EBUSY':
      return `${at ? `"${where}"` : 'That file'} is in use by another program. Close it there and try again.`;
    default:
      return null;
  }
}
