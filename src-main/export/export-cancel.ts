/** Cancelling an export: nothing is written once the user's AbortSignal has fired. */

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
