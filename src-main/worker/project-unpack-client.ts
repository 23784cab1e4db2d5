/**
 * Unpacking a project in a worker thread: the inflation and checksums of a large project take
 * seconds of CPU, which on the main thread would freeze every window and socket for as long.
 * One short-lived worker per open; a cancel ends it at once. The worker applies every limit
 * and check of project-archive.ts; the app receives only a verified project or the reason.
 */
import { Worker } from 'node:worker_threads';
import type { UnpackedProject } from '../projects/project-archive';
import { ProjectFormatError } from '../projects/project-format';
import { PROJECT_UNZIP_LIMITS, type BoundedUnzipOptions } from '../projects/project-unzip';
import { ownBuffer, type FromUnpackWorker, type UnpackRequest } from './project-unpack-messages';
import { workerEntry, type WorkerEntry } from './worker-entry';

/** Unpacks verified project bytes; the signature of project-archive.ts's unpackProject. */
export type ProjectUnpacker = (
  bytes: Uint8Array,
  options?: Omit<BoundedUnzipOptions, 'keep'>,
) => Promise<UnpackedProject>;

/** The unpacking worker of this build. */
export function unpackWorkerEntry(): WorkerEntry {
  return workerEntry({
    source: './project-unpack-worker.ts',
    bundle: 'project-unpack-worker.js',
    title: 'project unpacker',
  });
}

/**
 * Unpacks in a worker. `bytes` and the buffer behind it are handed over to the worker (the
 * caller must not use either after).
 * Rejects with ProjectFormatError for a refused file, with the signal's reason when cancelled.
 */
export function unpackInWorker(
  bytes: Uint8Array,
  options: Omit<BoundedUnzipOptions, 'keep'> = {},
  entry: WorkerEntry = unpackWorkerEntry(),
): Promise<UnpackedProject> {
  const { signal, onProgress } = options;
  if (signal?.aborted) return Promise.reject(signal.reason);
  return new Promise<UnpackedProject>((resolve, reject) => {
    const worker = new Worker(entry.source, { eval: entry.eval });
    let settled = false;
    const settle = (fn: () => void) => {
      if (settled) return;
      settled = true;
      signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      fn();
    };
    const onAbort = () => settle(() => reject(signal?.reason));
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.on('message', (message: FromUnpackWorker) => {
      switch (message.type) {
        case 'progress':
          if (!settled) onProgress?.(message.progress);
          return;
        case 'unpacked':
          settle(() => resolve({ json: message.json, entries: new Map(message.entries) }));
          return;
        case 'refused':
          settle(() => reject(new ProjectFormatError(message.reason)));
          return;
        case 'failed':
          settle(() => reject(new Error(`Unpacking the project failed: ${message.message}`)));
          return;
      }
    });
    worker.on('error', (err) => settle(() => reject(new Error(`Unpacking the project failed: ${err.message}`))));
    worker.on('exit', (code) =>
      settle(() => reject(new Error(`The project unpacker stopped unexpectedly (exit code ${code}).`))),
    );
    const request: UnpackRequest = { type: 'unpack', bytes, limits: options.limits ?? PROJECT_UNZIP_LIMITS };
    const buffer = ownBuffer(bytes);
    worker.postMessage(request, buffer ? [buffer] : []);
  });
}
