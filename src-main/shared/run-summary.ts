/** The summary row of a run, as the runs table and the project list show it. */
import type { RunResult, RunSummary } from './types';

export function summaryOf(run: RunResult): RunSummary {
  return {
    runId: run.runId,
    name: run.name,
    task: run.task,
    status: run.status,
    startedAt: run.startedAt,
    durationSeconds: run.durationSeconds,
    backend: run.backend,
    headline: run.headline,
    error: run.error,
  };
}
