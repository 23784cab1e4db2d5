/**
 * How an export fails in words: a cancel writes nothing, and a file system failure names the
 * path the user chose and what to do about it.
 */
import { fsErrorSentence } from '../storage/fs-error-sentence';

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
export function exportWriteError(err: unknown, target?: string): unknown {
  const sentence = fsErrorSentence(err, 'export the model', target);
  return sentence ? new ExportWriteError(sentence, (err as NodeJS.ErrnoException).code) : err;
}
