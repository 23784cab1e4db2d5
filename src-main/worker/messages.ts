/**
 * Messages between main and the training worker: typed unions keyed on `type`. Errors travel
 * back as messages; a message of unknown type is a programming error and throws.
 */
import type { StudioErrorInfo } from '../shared/contract';
import type { ExperimentSpec } from '../shared/spec';
import type { EpochRecord, RunResult, TrainProgress } from '../shared/types';
import type { ContinueSource } from '../engine/training/continue-source';
import type { ControlAction } from '../engine/training/train-control';
import type { Job, JobName, JobResults } from './jobs';

/** main → worker */
export type ToWorker =
  | {
      type: 'start';
      runId: string;
      spec: ExperimentSpec;
      outDir: string;
      continueFrom?: ContinueSource;
      /** Put before the run's verdict (an automatic search's winner says why it was chosen). */
      verdictNote?: string;
    }
  | { type: 'control'; action: ControlAction }
  /** A job with a trained model (jobs.ts); a worker that runs jobs runs them one after another. */
  | { type: 'job'; jobId: number; job: Job };

/** worker → main */
export type FromWorker =
  | { type: 'progress'; progress: TrainProgress }
  | { type: 'epoch'; epoch: EpochRecord }
  | { type: 'log'; line: string }
  | { type: 'finished'; result: RunResult }
  | { type: 'failed'; message: string }
  | { type: 'job-log'; jobId: number; line: string }
  | { type: 'job-done'; jobId: number; result: JobResults[JobName] }
  | { type: 'job-failed'; jobId: number; error: { code: StudioErrorInfo['code']; message: string } };

/** Throws for a message no handler knows: both sides are built together, so this is a bug. */
export function unknownMessage(message: never): never {
  const type = (message as { type?: unknown } | null)?.type;
  throw new Error(`Unknown training worker message type: ${String(type)}`);
}
