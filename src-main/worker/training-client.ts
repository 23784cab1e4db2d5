/**
 * Runs each training in its own worker thread and turns anything that goes wrong there (an
 * error, a crash, an exit, running out of memory) into a failed RunResult with a plain
 * reason: the app itself never goes down with a run.
 */
import { Worker } from 'node:worker_threads';
import type { ResourceLimits } from 'node:worker_threads';
import type { ExperimentSpec } from '../shared/spec';
import type { EpochRecord, RunResult, TrainProgress } from '../shared/types';
import type { ContinueSource } from '../engine/training/continue-source';
import type { ControlAction } from '../engine/training/train-control';
import type { FromWorker, ToWorker } from './messages';
import { unknownMessage } from './messages';
import { trainingWorkerEntry } from './worker-entry';
import type { WorkerEntry } from './worker-entry';
import { messageOf } from '../shared/error-message';

/** Events a client emits for every run it starts. */
export interface TrainingEvents {
  progress: TrainProgress;
  epoch: EpochRecord;
  log: { runId: string; line: string };
  finished: RunResult;
}

export interface TrainingClientOptions {
  /** Where the worker's code is; defaults to the training worker of this build. */
  entry?: WorkerEntry;
  /** Heap limits per worker, so a run that grows too large fails alone. */
  resourceLimits?: ResourceLimits;
  /** Environment of each new worker (TensorFlow thread settings); process.env by default. */
  env?: () => NodeJS.ProcessEnv;
}

interface ActiveRun {
  worker: Worker;
  spec: ExperimentSpec;
  startedAt: string;
  history: EpochRecord[];
  log: string[];
}

const DEFAULT_LIMITS: ResourceLimits = { maxOldGenerationSizeMb: 4096 };

export class TrainingWorkerClient {
  private readonly runs = new Map<string, ActiveRun>();
  private readonly listeners: { [K in keyof TrainingEvents]: Set<(payload: TrainingEvents[K]) => void> } = {
    progress: new Set(),
    epoch: new Set(),
    log: new Set(),
    finished: new Set(),
  };

  constructor(private readonly options: TrainingClientOptions = {}) {}

  /** Subscribes to an event of every run; returns the unsubscribe function. */
  on<K extends keyof TrainingEvents>(event: K, listener: (payload: TrainingEvents[K]) => void): () => void {
    this.listeners[event].add(listener);
    return () => this.listeners[event].delete(listener);
  }

  /** Ids of the runs in progress. */
  get activeRuns(): string[] {
    return [...this.runs.keys()];
  }

  /**
   * Starts a run in a new worker. The promise always resolves (never rejects) with the run's
   * result, 'failed' with a reason when anything went wrong.
   */
  start(
    runId: string,
    spec: ExperimentSpec,
    outDir: string,
    continueFrom?: ContinueSource,
    verdictNote?: string,
  ): Promise<RunResult> {
    if (this.runs.has(runId)) throw new Error(`The run ${runId} is already in progress.`);
    const entry = this.options.entry ?? trainingWorkerEntry();
    const startedAt = new Date().toISOString();
    return new Promise<RunResult>((resolve) => {
      let settled = false;
      let worker: Worker;
      const run: ActiveRun = { worker: null as unknown as Worker, spec, startedAt, history: [], log: [] };
      const settle = (result: RunResult) => {
        if (settled) return;
        settled = true;
        this.runs.delete(runId);
        // The worker's job is done (or it is broken): free its thread and memory.
        void worker?.terminate();
        this.emit('finished', result);
        resolve(result);
      };
      const fail = (reason: string) => settle(failedResult(runId, run, reason));
      try {
        worker = new Worker(entry.source, {
          eval: entry.eval,
          env: this.options.env?.() ?? process.env,
          resourceLimits: this.options.resourceLimits ?? DEFAULT_LIMITS,
        });
      } catch (err) {
        fail(`The training process could not start: ${messageOf(err)}`);
        return;
      }
      run.worker = worker;
      this.runs.set(runId, run);
      worker.on('message', (message: FromWorker) => {
        try {
          this.handle(runId, run, message, settle, fail);
        } catch (err) {
          fail(`The training process sent a message the app does not understand: ${messageOf(err)}`);
        }
      });
      worker.on('error', (err: Error & { code?: string }) => {
        if (err.code === 'ERR_WORKER_OUT_OF_MEMORY') {
          fail('Training ran out of memory. Use a smaller batch size, fewer units or a shorter window, and try again.');
        } else {
          fail(`Training stopped because of an internal error: ${messageOf(err)}`);
        }
      });
      worker.on('messageerror', (err) => fail(`A training message could not be read: ${messageOf(err)}`));
      worker.on('exit', (code) => fail(`The training process ended unexpectedly (exit code ${code}).`));
      const start: ToWorker = {
        type: 'start',
        runId,
        spec,
        outDir,
        ...(continueFrom ? { continueFrom } : {}),
        ...(verdictNote ? { verdictNote } : {}),
      };
      worker.postMessage(start);
    });
  }

  /** Pauses, resumes or cancels a run; false when no such run is in progress. */
  control(runId: string, action: ControlAction): boolean {
    const run = this.runs.get(runId);
    if (!run) return false;
    const message: ToWorker = { type: 'control', action };
    run.worker.postMessage(message);
    return true;
  }

  /** Cancels every run and stops their workers (on app quit). */
  async shutdown(): Promise<void> {
    const runs = [...this.runs.values()];
    await Promise.all(runs.map((r) => r.worker.terminate()));
  }

  private handle(
    runId: string,
    run: ActiveRun,
    message: FromWorker,
    settle: (r: RunResult) => void,
    fail: (reason: string) => void,
  ): void {
    switch (message.type) {
      case 'progress':
        this.emit('progress', message.progress);
        return;
      case 'epoch':
        run.history.push(message.epoch);
        this.emit('epoch', message.epoch);
        return;
      case 'log':
        run.log.push(message.line);
        this.emit('log', { runId, line: message.line });
        return;
      case 'finished':
        settle(message.result);
        return;
      case 'failed':
        fail(message.message);
        return;
      case 'job-log':
      case 'job-done':
      case 'job-failed':
        // Jobs go to job workers (job-client.ts), never to a training run's worker.
        fail('The training process answered a job it was never given.');
        return;
      default:
        unknownMessage(message);
    }
  }

  private emit<K extends keyof TrainingEvents>(event: K, payload: TrainingEvents[K]): void {
    for (const listener of this.listeners[event]) {
      try {
        listener(payload);
      } catch {
        // A listener's bug must not break the run's bookkeeping.
      }
    }
  }
}

function failedResult(runId: string, run: ActiveRun, reason: string): RunResult {
  const started = Date.parse(run.startedAt);
  return {
    runId,
    name: run.spec.name,
    task: run.spec.task,
    status: 'failed',
    startedAt: run.startedAt,
    durationSeconds: (Date.now() - started) / 1000,
    // Unknown once the worker is gone; the log says which engine ran when it got that far.
    backend: run.log.some((l) => l.includes('native TensorFlow')) ? 'tensorflow' : 'cpu',
    headline: {},
    spec: run.spec,
    fused: false,
    history: run.history,
    evaluation: null,
    modelDir: null,
    error: reason,
    log: [...run.log, reason],
  };
}
