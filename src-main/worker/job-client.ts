/**
 * Runs jobs with trained models (jobs.ts) in a worker thread, so forecasts, backtests that
 * retrain, and exports never block the app's main thread. One worker serves the jobs one
 * after another; it stays warm for a while (TensorFlow is loaded once) and then exits. A
 * crash fails only the job that was running, with a plain reason.
 */
import { Worker, type ResourceLimits } from 'node:worker_threads';
import type { FromWorker, ToWorker } from './messages';
import { JobError, type Job, type JobName, type JobOf, type JobResults } from './jobs';
import { trainingWorkerEntry, type WorkerEntry } from './worker-entry';
import { messageOf } from '../shared/error-message';

export interface JobClientOptions {
  /** Where the worker's code is; defaults to the training worker of this build. */
  entry?: WorkerEntry;
  /** An idle worker exits after this long (TensorFlow's memory goes with it). */
  idleMs?: number;
  resourceLimits?: ResourceLimits;
  /** Environment of new workers (thread settings for TensorFlow); process.env by default. */
  env?: () => NodeJS.ProcessEnv;
}

interface Pending {
  jobId: number;
  job: Job;
  log: (line: string) => void;
  resolve: (value: JobResults[JobName]) => void;
  reject: (err: Error) => void;
}

const DEFAULT_IDLE_MS = 120_000;
const DEFAULT_LIMITS: ResourceLimits = { maxOldGenerationSizeMb: 4096 };

export class JobWorkerClient {
  private worker: Worker | null = null;
  private readonly queue: Pending[] = [];
  private current: Pending | null = null;
  private nextId = 1;
  private idleTimer: ReturnType<typeof setTimeout> | null = null;
  private closed = false;

  constructor(private readonly options: JobClientOptions = {}) {}

  /** Queues a job; resolves with its result or rejects with a JobError whose message is for the user. */
  run<N extends JobName>(job: JobOf<N>, log: (line: string) => void = () => undefined): Promise<JobResults[N]> {
    if (this.closed) return Promise.reject(new JobError({ code: 'unavailable', message: 'The app is closing.' }));
    return new Promise<JobResults[N]>((resolve, reject) => {
      this.queue.push({
        jobId: this.nextId++,
        job: job as Job,
        log,
        resolve: resolve as (value: JobResults[JobName]) => void,
        reject,
      });
      this.pump();
    });
  }

  /** Whether a job is running or waiting. */
  get busy(): boolean {
    return this.current !== null || this.queue.length > 0;
  }

  /** Stops the worker; running and queued jobs fail. */
  async shutdown(): Promise<void> {
    this.closed = true;
    const closing = new JobError({ code: 'unavailable', message: 'The app is closing.' });
    for (const p of this.queue.splice(0)) p.reject(closing);
    this.current?.reject(closing);
    this.current = null;
    this.clearIdle();
    const worker = this.worker;
    this.worker = null;
    await worker?.terminate();
  }

  private pump(): void {
    if (this.current || this.queue.length === 0) return;
    this.clearIdle();
    const next = this.queue.shift() as Pending;
    this.current = next;
    let worker: Worker;
    try {
      worker = this.worker ?? this.spawn();
    } catch (err) {
      this.settle(
        next,
        new JobError({ code: 'internal', message: `The background process could not start: ${messageOf(err)}` }),
      );
      return;
    }
    worker.ref();
    const message: ToWorker = { type: 'job', jobId: next.jobId, job: next.job };
    worker.postMessage(message);
  }

  private spawn(): Worker {
    const entry = this.options.entry ?? trainingWorkerEntry();
    const worker = new Worker(entry.source, {
      eval: entry.eval,
      env: this.options.env?.() ?? process.env,
      resourceLimits: this.options.resourceLimits ?? DEFAULT_LIMITS,
    });
    this.worker = worker;
    worker.on('message', (message: FromWorker) => this.onMessage(message));
    const broken = (reason: string) => {
      if (this.worker !== worker) return;
      this.worker = null;
      void worker.terminate();
      if (this.current) this.settle(this.current, new JobError({ code: 'internal', message: reason }));
    };
    worker.on('error', (err: Error & { code?: string }) =>
      broken(
        err.code === 'ERR_WORKER_OUT_OF_MEMORY'
          ? 'This ran out of memory. Try fewer steps or a smaller file.'
          : `The background process stopped because of an internal error: ${messageOf(err)}`,
      ),
    );
    worker.on('messageerror', (err) => broken(`A background message could not be read: ${messageOf(err)}`));
    worker.on('exit', (code) => broken(`The background process ended unexpectedly (exit code ${code}).`));
    return worker;
  }

  private onMessage(message: FromWorker): void {
    const current = this.current;
    if (!current || !('jobId' in message) || message.jobId !== current.jobId) return;
    switch (message.type) {
      case 'job-log':
        current.log(message.line);
        return;
      case 'job-done':
        this.settle(current, null, message.result);
        return;
      case 'job-failed':
        this.settle(current, new JobError(message.error));
        return;
    }
  }

  private settle(p: Pending, err: Error | null, value?: JobResults[JobName]): void {
    if (this.current !== p) return;
    this.current = null;
    if (err) p.reject(err);
    else p.resolve(value as JobResults[JobName]);
    if (this.queue.length) this.pump();
    else this.scheduleIdle();
  }

  private scheduleIdle(): void {
    this.clearIdle();
    if (!this.worker) return;
    // An idle worker must not keep the process (command line, tests) alive.
    this.worker.unref();
    this.idleTimer = setTimeout(() => {
      const worker = this.worker;
      this.worker = null;
      void worker?.terminate();
    }, this.options.idleMs ?? DEFAULT_IDLE_MS);
    this.idleTimer.unref();
  }

  private clearIdle(): void {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = null;
  }
}
