/**
 * What the service needs from the training machinery: start one run, steer it, hear from it.
 * The production launcher runs each run in its own worker thread (worker/training-client.ts);
 * tests pass a scripted one.
 */
import type { ContinueSource } from '../engine/training/continue-source';
import type { ExperimentSpec } from '../shared/spec';
import type { EpochRecord, RunResult, TrainProgress } from '../shared/types';

export interface RunCallbacks {
  onProgress(progress: TrainProgress): void;
  onEpoch(record: EpochRecord): void;
  onLog(line: string): void;
  /** Called once, with the final result (completed, cancelled or failed). */
  onFinished(result: RunResult): void;
}

export interface LaunchRequest {
  runId: string;
  spec: ExperimentSpec;
  /** The run's folder: training writes the model into `model/` there (and may write run.json). */
  outDir: string;
  startedAt: string;
  /** The saved model to continue training from (a finished, interrupted or imported run). */
  continueFrom?: ContinueSource;
  /** Put before the run's verdict: why this spec (an automatic search's winner). */
  verdictNote?: string;
}

/** A run in progress. */
export interface RunHandle {
  control(action: 'pause' | 'resume' | 'cancel'): void;
}

export type RunLauncher = (request: LaunchRequest, callbacks: RunCallbacks) => RunHandle;
