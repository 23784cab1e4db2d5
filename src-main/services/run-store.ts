/**
 * The runs of this installation: kept in memory while the app runs and in
 * `<dataDir>/runs/<runId>/run.json` so they survive a restart.
 */
import { mkdir, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { RunResult, RunSummary } from '../shared/types';
import { summaryOf } from '../shared/run-summary';
import { writeFileAtomic } from '../storage/atomic-write';
import { ServiceError } from '../shared/service-error';

const INTERRUPTED_NOTE = 'The app closed while this run was training. Start it again to get a model.';

/** Runs in memory, mirrored to disk. */
export class RunStore {
  private readonly runs = new Map<string, RunResult>();

  constructor(private readonly runsDir: string) {}

  /** The folder of one run (holds run.json and the model folder). */
  runDir(runId: string): string {
    return join(this.runsDir, runId);
  }

  /**
   * Reads every run.json on disk. A run still marked 'running' belongs to an earlier session
   * that ended mid-training, so it is marked 'interrupted' (and saved that way).
   * Unreadable run files are skipped: one damaged run must not hide the others.
   */
  async load(): Promise<void> {
    await mkdir(this.runsDir, { recursive: true });
    const names = await readdir(this.runsDir, { withFileTypes: true });
    for (const entry of names) {
      if (!entry.isDirectory()) continue;
      let run: RunResult;
      try {
        run = JSON.parse(await readFile(join(this.runsDir, entry.name, 'run.json'), 'utf8')) as RunResult;
      } catch {
        continue;
      }
      if (typeof run?.runId !== 'string' || run.runId !== entry.name) continue;
      if (run.status === 'running') {
        run = { ...run, status: 'interrupted', error: run.error ?? INTERRUPTED_NOTE };
        await this.save(run);
      }
      this.runs.set(run.runId, run);
    }
  }

  /** Stores (or replaces) a run in memory and on disk. */
  async save(run: RunResult): Promise<void> {
    this.runs.set(run.runId, run);
    await mkdir(this.runDir(run.runId), { recursive: true });
    await writeFileAtomic(join(this.runDir(run.runId), 'run.json'), JSON.stringify(run, null, 1));
  }

  /** Replaces a run in memory only (frequent updates during training). */
  put(run: RunResult): void {
    this.runs.set(run.runId, run);
  }

  /** A run by id; throws 'not-found' for an unknown id. */
  get(runId: string): RunResult {
    const run = this.runs.get(runId);
    if (!run) throw new ServiceError('not-found', `There is no run "${runId}". It may have been deleted.`);
    return run;
  }

  /** Removes a run and its folder (model included); throws 'not-found' for an unknown id. */
  async delete(runId: string): Promise<void> {
    this.get(runId);
    this.runs.delete(runId);
    await rm(this.runDir(runId), { recursive: true, force: true });
  }

  /** Every run, newest first. */
  list(): RunSummary[] {
    return [...this.runs.values()].sort((a, b) => b.startedAt.localeCompare(a.startedAt)).map(summaryOf);
  }
}
