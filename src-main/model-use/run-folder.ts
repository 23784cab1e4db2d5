/**
 * Reading a run folder's run.json for the commands that use a trained run (evaluate, forecast,
 * backtest, predict, export): checked against the run schema, and a run that stopped while
 * training (the process was killed, the machine lost power) is reported as interrupted with
 * the checkpoint it left and the command that continues it.
 */
import path from 'node:path';
import { findContinueSource } from '../engine/training/continue-source';
import { ProjectFormatError, readRunFolderRun } from '../projects/project-format';
import type { RunResult } from '../shared/types';
import { readUserFile, UserFileError } from '../storage/user-file';

/** A run folder that cannot be used; the message says why and what to do. */
export class RunFolderError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RunFolderError';
  }
}

/** The largest run.json read: logs and histories of long runs stay far below. */
const MAX_RUN_JSON_BYTES = 64 * 1024 * 1024;

/** Whether the process that wrote a 'running' run.json is still alive (then the run is training, not interrupted). */
function processAlive(pid: number | undefined): boolean {
  if (pid === undefined || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: alive but someone else's.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** The sentence that says how to continue the run in `runDir` from what it left. */
export async function continueAdvice(runDir: string, runId: string, epochs: number | null): Promise<string | null> {
  const source = await findContinueSource(runId, runDir, null, epochs);
  if (!source) return null;
  const trained = source.epochsTrained === null ? '' : ` (epoch ${source.epochsTrained})`;
  return (
    `Its checkpoint ${source.dir}${trained} holds the best weights so far; continue it with ` +
    `recurrent train --spec ${path.join(runDir, 'spec.json')} --out NEW_DIR --continue-from ${runDir}`
  );
}

/**
 * Reads and checks run.json of `runDir`. A run.json that still says 'running' while no process
 * is training it comes back as 'interrupted', its error naming the checkpoint. Throws
 * RunFolderError when there is no usable run.json, pointing at the checkpoint when one exists.
 */
export async function readRunResult(runDir: string): Promise<RunResult> {
  const file = path.join(runDir, 'run.json');
  let text: string;
  try {
    text = (await readUserFile(file, { what: 'run.json', maxBytes: MAX_RUN_JSON_BYTES })).toString('utf8');
  } catch (err) {
    if (err instanceof UserFileError && err.problem !== 'missing') throw new RunFolderError(err.message);
    const advice = await continueAdvice(runDir, path.basename(runDir), null);
    if (advice) {
      throw new RunFolderError(
        `${runDir} holds no run.json: its training was interrupted before it finished. ${advice}.`,
      );
    }
    throw new RunFolderError(
      `${runDir} holds no run.json: point to the folder a training run wrote (recurrent train --out DIR).`,
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    throw new RunFolderError(`${file} is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
  let run;
  try {
    run = readRunFolderRun(raw, file);
  } catch (err) {
    if (err instanceof ProjectFormatError)
      throw new RunFolderError(`${err.message.replace(/\.$/, '')}. The run folder is damaged; train the run again.`);
    throw err;
  }
  const result = run as unknown as RunResult & { pid?: number };
  if (result.status !== 'running' || processAlive(result.pid)) return result;
  const advice = await continueAdvice(runDir, result.runId, result.history.length || null);
  const note = `The run stopped while training (its process ended without finishing).${advice ? ` ${advice}.` : ' It left no checkpoint; train it again.'}`;
  return { ...result, status: 'interrupted', error: note };
}

/** Refuses runs without a trained model with a sentence saying what they left and what to do. */
export async function requireCompleted(runDir: string, run: RunResult): Promise<void> {
  if (run.status === 'completed') return;
  if (run.status === 'running') {
    throw new RunFolderError(`The run ${run.runId} is still training; wait until it finishes.`);
  }
  const advice = await continueAdvice(runDir, run.runId, run.history.length || null);
  const why = run.status === 'interrupted' ? 'was interrupted' : `ended as ${run.status}`;
  throw new RunFolderError(
    `The run ${run.runId} ${why}, so it has no trained model to use.${advice ? ` ${advice}.` : ''}`,
  );
}
