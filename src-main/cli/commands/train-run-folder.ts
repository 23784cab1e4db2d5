/**
 * The run folder `recurrent train` writes: made only if needed and removed again when a run
 * fails before training anything; marked 'running' (with this process's id) from the start,
 * so a run killed mid-training is recognised as interrupted; and the echo of its log that
 * leaves the final error for the one message the CLI prints.
 */
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { startedRun } from '../../shared/run-summary';
import type { ExperimentSpec } from '../../shared/spec';
import type { RunResult } from '../../shared/types';
import type { CliIo } from '../io';

/** Makes `outDir`; true when it did not exist before (so a failure may remove it again). */
export async function prepareOutDir(outDir: string): Promise<boolean> {
  const existed = (await stat(outDir).catch(() => null)) !== null;
  await mkdir(outDir, { recursive: true });
  return !existed;
}

/** Removes a run folder this command made when the run left nothing worth keeping (no checkpoint, no model). */
export async function removeEmptyRun(outDir: string): Promise<void> {
  const entries = await readdir(outDir).catch(() => []);
  if (entries.every((e) => e === 'spec.json' || e === 'run.json' || e.endsWith('.tmp'))) {
    await rm(outDir, { recursive: true, force: true });
  }
}

/** run.json while training: status 'running' and the process that trains. */
export function runningMarker(spec: ExperimentSpec, outDir: string): RunResult & { pid: number } {
  return { ...startedRun(path.basename(outDir), spec, new Date().toISOString(), 'cpu'), pid: process.pid };
}

/**
 * Echoes the run's log and progress to stderr, one line behind: the engine logs a failure's
 * message as its last line, and the CLI prints that message itself, once.
 */
export class LogEcho {
  private held: string | null = null;
  private lastProgress = '';
  constructor(private readonly io: CliIo) {}

  line(text: string): void {
    if (this.held !== null) this.io.err(this.held);
    this.held = text;
  }

  /** Progress lines repeat while nothing changes (a percentage that did not move); those are skipped. */
  progress(text: string): void {
    if (text === this.lastProgress) return;
    this.lastProgress = text;
    this.io.err(text);
  }

  /** Prints the held line unless it is `error`, which the caller reports. */
  finish(error: string | null): void {
    if (this.held !== null && this.held !== error) this.io.err(this.held);
    this.held = null;
  }
}
