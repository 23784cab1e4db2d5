/**
 * Browser uploads: the user's file arrives as base64 bytes and is stored under
 * `<dataDir>/uploads/` with a name that cannot leave that folder.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ServiceError } from '../shared/service-error';

const WINDOWS_RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;

/**
 * Reduces a user-supplied file name to a safe base name: no folders, no `..`, no control or
 * shell-special characters, no leading dots, at most 120 characters, extension kept.
 */
export function sanitizeFileName(fileName: string): string {
  // Both separators: a name from Windows may carry backslashes even when we run elsewhere.
  const base = fileName.split(/[\\/]/).pop() ?? '';
  let clean = base
    .normalize('NFC')
    .replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '_')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^[.\s]+/, '')
    .replace(/[.\s]+$/, '');
  if (WINDOWS_RESERVED.test(clean)) clean = `_${clean}`;
  if (clean.length > 120) {
    const dot = clean.lastIndexOf('.');
    const ext = dot > 0 && clean.length - dot <= 10 ? clean.slice(dot) : '';
    clean = clean.slice(0, 120 - ext.length) + ext;
  }
  return clean || 'upload';
}

/**
 * Writes uploaded bytes to a fresh sub-folder of `<dataDir>/uploads/` (so two uploads with
 * the same name never overwrite each other) and returns the file's path.
 */
export async function storeUpload(dataDir: string, fileName: string, contentBase64: string): Promise<string> {
  if (!/^[A-Za-z0-9+/]*={0,2}$/.test(contentBase64)) {
    throw new ServiceError('invalid-request', `The upload of "${sanitizeFileName(fileName)}" is not valid base64.`);
  }
  const bytes = Buffer.from(contentBase64, 'base64');
  if (bytes.length === 0) throw new ServiceError('bad-data', `The file "${sanitizeFileName(fileName)}" is empty.`);
  const folder = join(dataDir, 'uploads', `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`);
  await mkdir(folder, { recursive: true });
  const path = join(folder, sanitizeFileName(fileName));
  try {
    await writeFile(path, bytes, { flag: 'wx' });
  } catch (err) {
    // A full disk must not leave half an upload behind for a later import to trip over.
    await rm(folder, { recursive: true, force: true });
    throw err;
  }
  return path;
}
