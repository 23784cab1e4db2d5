/**
 * Where an epoch's record belongs in a run: the run's history for its first (or only) network,
 * `ensembleHistory` for an ensemble's networks 2 to N, so the history keeps meaning one network's
 * training (its epochs counted, continued and compared as before) while every network's curve is kept.
 */
import type { EpochRecord, RunResult } from './types';

/** Adds `record` to `run` in place (the training process's own result). */
export function keepEpoch(run: RunResult, record: EpochRecord): void {
  if (record.network === undefined) run.history.push(record);
  else (run.ensembleHistory ??= []).push(record);
}

/** `run` with `record` added (the run store's copy, replaced as a whole). */
export function withEpoch(run: RunResult, record: EpochRecord): RunResult {
  return record.network === undefined
    ? { ...run, history: [...run.history, record] }
    : { ...run, ensembleHistory: [...(run.ensembleHistory ?? []), record] };
}
