/**
 * The runs of this installation: kept in memory while the app runs and in
 * `<dataDir>/runs/<runId>/run.json` so they survive a restart.
 */
import { mkdir, readdir, readFile, rm, stat } from 'node:fs/promises';
import { CHECKPOINT_DIR } from '../engine/training/checkpoint-layout';
import { join } from 'node:path';
import type { RunResult, RunSummary } from '../shared/types';
import { summaryOf } from '../shared/run-summary';
import { boundedRun } from '../shared/chart-series';
import { DamagedRunFileError, parseRunFile } from '../shared/run-file-schema';
import { writeFileAtomic } from '../storage/atomic-write';
import { ServiceError } from '../shared/service-error';

const INTERRUPTED_NOTE = 'The app closed while this run was training. Start it again to get a model.';
const RESUMABLE_NOTE =
  'The app closed while this run was training. Its checkpoint holds the best weights so far: choose Continue in the runs table to resume from it.';

/** Whether an interrupted run left a checkpoint to continue from. */
async function hasCheckpoint(runDir: string): Promise<boolean> {
  return (await stat(join(runDir, CHECKPOINT_DIR, 'model.json')).catch(() => null))?.isFile() ?? false;
}

/** The largest run.json read back; a run's history and log stay far below it. */
const MAX_RUN_FILE_BYTES = 64 * 1024 * 1024;

/** A run folder whose run.json could not be used, and why in a sentence. */
export interface DamagedRun {
  runId: string;
  message: string;
}

/** Runs in memory, mirrored to disk. */
export class RunStore {
  private readonly runs = new Map<string, RunResult>();
  /** Run folders whose run.json is damaged: kept apart, so asking for one says why instead of "no such run". */
  private readonly damagedRuns = new Map<string, string>();

  constructor(private readonly runsDir: string) {}

  /** The folder of one run (holds run.json and the model folder). */
  runDir(runId: string): string {
    return join(this.runsDir, runId);
  }

  /**
   * Reads every run.json on disk. A run still marked 'running' belongs to an earlier session
   * that ended mid-training, so it is marked 'interrupted' (and saved that way).
   * Every run.json is checked against its schema (shared/run-file-schema.ts); a damaged one is
   * listed by `damaged()` with the reason, and one damaged run never hides the others. A folder
   * without run.json (a run deleted half-way, a stray folder) is passed over.
   */
  async load(): Promise<void> {
    await mkdir(this.runsDir, { recursive: true });
    const names = await readdir(this.runsDir, { withFileTypes: true });
    for (const entry of names) {
      if (!entry.isDirectory()) continue;
      let run: RunResult;
      try {
        run = await this.readRunFile(entry.name);
      } catch (err) {
        if (err instanceof DamagedRunFileError) this.damagedRuns.set(entry.name, err.message);
        continue;
      }
      if (run.status === 'running') {
        const note = (await hasCheckpoint(this.runDir(run.runId))) ? RESUMABLE_NOTE : INTERRUPTED_NOTE;
        run = { ...run, status: 'interrupted', error: run.error ?? note };
        await this.save(run);
      }
      this.runs.set(run.runId, run);
    }
  }

  /** Stores (or replaces) a run in memory and on disk, its chart series bounded. */
  async save(full: RunResult): Promise<void> {
    const run = boundedRun(full);
    this.runs.set(run.runId, run);
    await mkdir(this.runDir(run.runId), { recursive: true });
    await writeFileAtomic(join(this.runDir(run.runId), 'run.json'), JSON.stringify(run, null, 1));
  }

  /** Replaces a run in memory only (frequent updates during training), its chart series bounded. */
  put(run: RunResult): void {
    this.runs.set(run.runId, boundedRun(run));
  }

  /** A run by id; throws 'bad-data' naming the damage for a damaged run.json, 'not-found' for an unknown id. */
  get(runId: string): RunResult {
    const run = this.runs.get(runId);
    if (run) return run;
    const damage = this.damagedRuns.get(runId);
    if (damage) {
      throw new ServiceError(
        'bad-data',
        `The run "${runId}" cannot be used: ${damage}. Delete the run, or train it again.`,
      );
    }
    throw new ServiceError('not-found', `There is no run "${runId}". It may have been deleted.`);
  }

  /** The run folders whose run.json could not be used, with the reason. */
  damaged(): DamagedRun[] {
    return [...this.damagedRuns].map(([runId, message]) => ({ runId, message }));
  }

  /** Removes a run (a damaged one too) and its folder, model included; throws 'not-found' for an unknown id. */
  async delete(runId: string): Promise<void> {
    if (!this.damagedRuns.delete(runId)) this.get(runId);
    this.runs.delete(runId);
    await rm(this.runDir(runId), { recursive: true, force: true });
  }

  /** Reads and checks `<runId>/run.json`; throws DamagedRunFileError for damage, any other error for a missing file. */
  private async readRunFile(folder: string): Promise<RunResult> {
    const file = join(this.runsDir, folder, 'run.json');
    const info = await stat(file);
    const where = `runs/${folder}/run.json`;
    if (!info.isFile()) throw new DamagedRunFileError(`${where} is damaged: it is not a file`);
    if (info.size > MAX_RUN_FILE_BYTES) {
      throw new DamagedRunFileError(
        `${where} is damaged: it is ${Math.round(info.size / 1024 ** 2)} MB, far more than a run writes`,
      );
    }
    const run = parseRunFile(await readFile(file, 'utf8'), where);
    if (run.runId !== folder)
      throw new DamagedRunFileError(`${where} is damaged: it belongs to the run "${run.runId}"`);
    // Runs saved before chart series were bounded are thinned as they are read.
    return boundedRun(run);
  }

  /** Every run, newest first. */
  list(): RunSummary[] {
    return [...this.runs.values()].sort((a, b) => b.startedAt.localeCompare(a.startedAt)).map(summaryOf);
  }
}
