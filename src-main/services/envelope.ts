/**
 * The mapping of any thrown value to the envelope that crosses the boundary: the renderer
 * never sees a raw exception.
 */
import type { Envelope, StudioErrorInfo } from '../shared/contract';
import { DataError } from '../data/data-error';
import { ServiceError } from '../shared/service-error';
import { ExportWriteError } from '../export/export-errors';
import { messageOf } from '../shared/error-message';
import { systemErrorSentence } from '../storage/fs-error-sentence';

/** Wraps a successful value. */
export function success<T>(value: T): Envelope<T> {
  return { ok: true, value };
}

/** Maps anything a handler threw to an error envelope with the most specific code we know. */
export function failure(err: unknown): Envelope<never> {
  if (err instanceof ServiceError) {
    const error: StudioErrorInfo = { code: err.code, message: err.message };
    if (err.problems) error.problems = err.problems;
    return { ok: false, error };
  }
  if (err instanceof DataError) return { ok: false, error: { code: 'bad-data', message: err.message } };
  // Already a sentence with the path and the remedy (export/export-errors.ts).
  if (err instanceof ExportWriteError) return { ok: false, error: { code: 'io', message: err.message } };
  const inWords = systemErrorSentence(err);
  if (inWords) return { ok: false, error: { code: 'io', message: inWords } };
  const nodeCode = (err as NodeJS.ErrnoException | null)?.code;
  if (typeof nodeCode === 'string' && /^E[A-Z]+$/.test(nodeCode)) {
    // A failure no one can act on (see storage/fs-error-sentence.ts): the system's message names the operation and path.
    return { ok: false, error: { code: 'io', message: (err as Error).message } };
  }
  const message = messageOf(err);
  return { ok: false, error: { code: 'internal', message: message || 'An unexpected error occurred.' } };
}
