/**
 * The mapping of any thrown value to the envelope that crosses the boundary: the renderer
 * never sees a raw exception.
 */
import type { Envelope, StudioErrorInfo } from '../shared/contract';
import { DataError } from '../data/data-error';
import { ServiceError } from '../shared/service-error';
import { messageOf } from '../shared/error-message';

/** Wraps a successful value. */
export function success<T>(value: T): Envelope<T> {
  return { ok: true, value };
}

/** What a user can do about the file system failures people actually meet (a full disk, a locked folder). */
const FILE_SYSTEM_ADVICE: Record<string, string> = {
  ENOSPC: 'The disk is full, so nothing was written. Free some space and try again.',
  EDQUOT: 'The disk quota is used up, so nothing was written. Free some space and try again.',
  EROFS: 'That folder is read-only, so nothing was written there. Choose another folder.',
  EACCES: 'Permission denied: that file or folder cannot be used. Choose another folder.',
  EPERM: 'Permission denied: that file or folder cannot be used. Choose another folder.',
};

/** Maps anything a handler threw to an error envelope with the most specific code we know. */
export function failure(err: unknown): Envelope<never> {
  if (err instanceof ServiceError) {
    const error: StudioErrorInfo = { code: err.code, message: err.message };
    if (err.problems) error.problems = err.problems;
    return { ok: false, error };
  }
  if (err instanceof DataError) return { ok: false, error: { code: 'bad-data', message: err.message } };
  const nodeCode = (err as NodeJS.ErrnoException | null)?.code;
  if (typeof nodeCode === 'string' && /^E[A-Z]+$/.test(nodeCode)) {
    // File system failures: say which operation failed, the path is in the message.
    const advice = FILE_SYSTEM_ADVICE[nodeCode];
    const detail = (err as Error).message;
    return { ok: false, error: { code: 'io', message: advice ? `${advice} (${detail})` : detail } };
  }
  const message = messageOf(err);
  return { ok: false, error: { code: 'internal', message: message || 'An unexpected error occurred.' } };
}
