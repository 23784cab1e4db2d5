/**
 * The life of a training run: recorded before it starts, fed by its worker's events,
 * forwarded to subscribers (progress throttled) and written to disk as it goes.
 */
import { randomBytes } from 'node:crypto';
import { stat } from 'node:fs/promises';
import type { ContinueSource } from '../engine/training/continue-source';
import { startedRun } from '../shared/run-summary';
import type { ExperimentSpec } from '../shared/spec';
import type { Backend, EpochRecord, RunResult } from '../shared/types';
import { ProgressThrottle } from './progress-throttle';
import type { RunHandle, RunLauncher } from './run-launcher';
import type { RunStore } from './run-store';
import { ServiceError } from '../shared/service-error';
import type { StudioEvent } from './service-types';
import { messageOf } from '../shared/error-message';
import { withEpoch } from '../shared/run-epochs';

/** Runs write their file at most this often while training; the final state is always written. */
const PERSIST_INTERVAL_MS = 2000;

interface ActiveRun {
  handle: RunHandle | null;
  throttle: ProgressThrottle;
  lastPersist: number;
  /** Callers waiting for the final result (searches). */
  waiters: ((result: RunResult) => void)[];
}

export interface RunManagerDeps {
  store: RunStore;
  launch: RunLauncher;
  backend: () => Promise<Backend>;
  emit: (event: StudioEvent) => void;
  progressIntervalMs: number;
}

export class RunManager {
  private readonly active = new Map<string, ActiveRun>();
  private persistChain: Promise<void> = Promise.resolve();

  constructor(private readonly deps: RunManagerDeps) {}

  /**
   * Starts training a validated spec; resolves with the run id once the run is recorded.
   * `chosenId` names the run (searches number their runs); by default a time-stamped id.
   * `continueFrom` starts from saved weights instead of from scratch; `verdictNote` goes before
   * the run's verdict (an automatic search's winner).
   */
  async start(
    spec: ExperimentSpec,
    chosenId?: string,
    continueFrom?: ContinueSource,
    verdictNote?: string,
  ): Promise<{ runId: string }> {
    // A folder of labelled texts is data too: the importer reads it as one row per text.
    const file = await stat(spec.data.file).catch(() => null);
    if (!file?.isFile() && !file?.isDirectory()) {
      throw new ServiceError('bad-data', `The data file "${spec.data.file}" cannot be found. Import it again.`);
    }
    const { store } = this.deps;
    const startedAt = new Date().toISOString();
    // Sortable by time and readable in a file browser; the suffix keeps two runs in one second apart.
    const stamp = startedAt.replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
    const runId = chosenId ?? `${stamp}-${randomBytes(3).toString('hex')}`;
    if (this.active.has(runId)) throw new ServiceError('invalid-request', `The run "${runId}" is already training.`);
    const run: RunResult = {
      ...startedRun(runId, spec, startedAt, await this.deps.backend()),
      ...(continueFrom ? { continuedFrom: continueFrom.runId } : {}),
    };
    await store.save(run);
    const active: ActiveRun = {
      handle: null,
      throttle: new ProgressThrottle(
        (payload) => this.deps.emit({ event: 'train.progress', payload }),
        this.deps.progressIntervalMs,
      ),
      lastPersist: Date.now(),
      waiters: [],
    };
    this.active.set(runId, active);
    try {
      active.handle = this.deps.launch(
        {
          runId,
          spec,
          outDir: store.runDir(runId),
          startedAt,
          ...(continueFrom ? { continueFrom } : {}),
          ...(verdictNote ? { verdictNote } : {}),
        },
        {
          onProgress: (progress) => {
            if (this.active.has(runId)) active.throttle.push({ ...progress, runId });
          },
          onEpoch: (record) => this.recordEpoch(runId, active, { ...record, runId }),
          onLog: (line) => {
            const current = store.get(runId);
            store.put({ ...current, log: [...current.log, line] });
          },
          onFinished: (result) => this.finish(runId, active, result),
        },
      );
    } catch (err) {
      const message = messageOf(err);
      this.finish(runId, active, { ...run, status: 'failed', error: `Training could not start: ${message}` });
    }
    return { runId };
  }

  /** Pauses, resumes or cancels a run in progress. */
  control(runId: string, action: 'pause' | 'resume' | 'cancel'): void {
    const active = this.active.get(runId);
    if (!active) {
      const run = this.deps.store.get(runId);
      throw new ServiceError('invalid-request', `The run "${run.name}" is not training (it is ${run.status}).`);
    }
    active.handle?.control(action);
  }

  /** True while the run trains. */
  isActive(runId: string): boolean {
    return this.active.has(runId);
  }

  /** How many runs are training now. */
  get activeCount(): number {
    return this.active.size;
  }

  /** Resolves with the run's final result (at once for a run that is not training). */
  finished(runId: string): Promise<RunResult> {
    const active = this.active.get(runId);
    if (!active) return Promise.resolve(this.deps.store.get(runId));
    return new Promise((resolve) => active.waiters.push(resolve));
  }

  /** Resolves once every run file queued so far is on disk (readers of run.json wait for it). */
  flushed(): Promise<void> {
    return this.persistChain;
  }

  /** Cancels every run in progress and waits for run files to be written. */
  async dispose(): Promise<void> {
    for (const run of this.active.values()) {
      run.throttle.cancel();
      run.handle?.control('cancel');
    }
    await this.persistChain;
  }

  private recordEpoch(runId: string, active: ActiveRun, record: EpochRecord): void {
    if (!this.active.has(runId)) return;
    const updated = withEpoch(this.deps.store.get(runId), record);
    this.deps.store.put(updated);
    // Progress held back by the throttle belongs before this epoch's record.
    active.throttle.flush();
    this.deps.emit({ event: 'train.epoch', payload: record });
    if (Date.now() - active.lastPersist >= PERSIST_INTERVAL_MS) {
      active.lastPersist = Date.now();
      this.persist(updated);
    }
  }

  private finish(runId: string, active: ActiveRun, result: RunResult): void {
    if (!this.active.has(runId)) return;
    this.active.delete(runId);
    active.throttle.cancel();
    const current = this.deps.store.get(runId);
    const final: RunResult = {
      ...result,
      runId,
      startedAt: current.startedAt,
      status: result.status === 'running' ? 'failed' : result.status,
      history: result.history.length ? result.history : current.history,
      log: result.log.length ? result.log : current.log,
    };
    this.deps.store.put(final);
    this.persist(final);
    this.deps.emit({ event: 'train.finished', payload: final });
    for (const resolve of active.waiters) resolve(final);
  }

  /** Writes run files one after another so an older state never lands after a newer one. */
  private persist(run: RunResult): void {
    // A failed write must not block later ones; the in-memory run stays authoritative.
    this.persistChain = this.persistChain.then(() => this.deps.store.save(run)).catch(() => undefined);
  }
}
