/** The summary row of a run, as the runs table and the project list show it. */
import type { ExperimentSpec } from './spec';
import type { Backend, RunResult, RunSummary } from './types';

/** A run that has just started: nothing trained, evaluated or saved yet. */
export function startedRun(runId: string, spec: ExperimentSpec, startedAt: string, backend: Backend): RunResult {
  return {
    runId,
    name: spec.name,
    task: spec.task,
    status: 'running',
    startedAt,
    durationSeconds: null,
    backend,
    headline: {},
    spec,
    fused: false,
    history: [],
    evaluation: null,
    modelDir: null,
    error: null,
    log: [],
  };
}

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
