/**
 * File system failures as sentences a user can act on: which path (the one they chose, not
 * our temporary `.partial` or `.tmp` name beside it), what happened, and what to do.
 */
import path from 'node:path';

/** Our temporary names: `.name.1a2b3c4d.tmp` (atomic writes) and `name.0123456789ab.partial` (exports). */
const TEMP_NAME = /^\.?(.+?)\.[0-9a-f]{6,}\.(?:tmp|partial)$/;

/** The path the user chose, recovered from one of our temporary names beside it. */
export function userPathOf(file: string): string {
  const match = TEMP_NAME.exec(path.basename(file));
  return match ? path.join(path.dirname(file), match[1]) : file;
}

/**
 * The sentence for a Node file system error, or null when `err` is not one. `action` says
 * what was being done ("export the model", "save the project"); `fallbackPath` names the file
 * when the error does not.
 */
export function fsErrorSentence(err: unknown, action: string, fallbackPath?: string): string | null {
  const e = err as NodeJS.ErrnoException | null;
  if (!e || typeof e.code !== 'string' || !/^E[A-Z]+$/.test(e.code)) return null;
  // Errors of writes through a file handle carry no path: the caller knows which file it was.
  const raw = e.path ?? fallbackPath;
  const where = raw ? userPathOf(raw) : null;
  const at = where ? ` to ${where}` : '';
  const folder = where ? path.dirname(where) : 'that folder';
  switch (e.code) {
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
      return `Could not ${action}${at} (${e.code}).`;
  }
}
