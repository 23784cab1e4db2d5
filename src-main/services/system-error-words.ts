/**
 * Raw system errors ("ENOENT: no such file or directory, open '/x/.p.rsproj.3f9a.tmp'") in words:
 * what could not be done, the path the user chose (not our temporary file beside it), and the
 * remedy. Codes nobody can act on keep the system's message.
 */
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';

/** A temporary sibling written before an atomic rename: `.<name>.<random hex>.tmp` (storage/atomic-write.ts). */
const TEMPORARY = /(?:\.[0-9a-f]{6,})?\.tmp$/;

/** The file the user meant when the failing path is our temporary copy of it. */
export function userPath(path: string): string {
  if (!TEMPORARY.test(path)) return path;
  const dir = dirname(path);
  const base = path
    .slice(dir.length + 1)
    .replace(TEMPORARY, '')
    .replace(/^\.(?=[^.])/, '');
  return base ? `${dir === '/' ? '' : dir}/${base}` : path;
}

/**
 * A sentence for a file-system failure, or null when `err` is not one. ENOENT tells a missing
 * folder from a missing file by looking for the folder.
 */
export function systemErrorSentence(err: unknown): string | null {
  const e = err as NodeJS.ErrnoException | null;
  const code = e?.code;
  if (typeof code !== 'string' || !/^E[A-Z]+$/.test(code)) return null;
  // Node puts the path on the error; errors re-thrown by libraries keep it only in the message.
  const raw = typeof e?.path === 'string' ? e.path : (/, \w+ '([^']+)'/.exec(e?.message ?? '')?.[1] ?? null);
  const path = raw ? userPath(raw) : null;
  const at = path ? ` "${path}"` : '';
  const folder = path ? dirname(path) : null;
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
      return `${at ? `"${path}"` : 'That path'} is a folder, not a file. Choose a file.`;
    case 'ENOTDIR':
      return `Part of${at || ' that path'} is a file where a folder was expected. Check the path.`;
    case 'EEXIST':
      return `${at ? `"${path}"` : 'That file'} already exists and was left as it is. Choose another name.`;
    case 'EMFILE':
    case 'ENFILE':
      return 'Too many files are open at once on this computer. Close some programs and try again.';
    case 'EBUSY':
      return `${at ? `"${path}"` : 'That file'} is in use by another program. Close it there and try again.`;
    default:
      return null;
  }
}
