/**
 * Progress while a command reads a data file, on stderr: a file of hundreds of megabytes takes
 * tens of seconds to read, and a silent terminal looks hung. Reads that end within half a second
 * print nothing, so small files keep a clean output; with --json nothing is printed either.
 */
import type { CliIo } from './io';

const QUIET_MS = 500;

/** An onProgress callback for loadTable that prints "[preparing] reading the data file N%". */
export function readingProgress(io: CliIo, json: boolean, now: () => number = Date.now): (fraction: number) => void {
  const start = now();
  let last = '';
  return (fraction) => {
    if (json || now() - start < QUIET_MS) return;
    const line = `[preparing] ${readingMessage(fraction)}`;
    if (line === last) return;
    last = line;
    io.err(line);
  };
}

/** The progress message while the data file is read (the app shows the same words). */
export function readingMessage(fraction: number): string {
  return `reading the data file ${Math.round(fraction * 100)}%`;
}
