/**
 * Runs a search: the planned specs one after another through an injected `runOne` (the app
 * passes its training worker, the CLI runs in-process), with cancel, progress as SearchState
 * updates, and the best run by validation score. Never two trainings at once.
 */
import { randomBytes } from 'node:crypto';
import { effectiveLoss, parseSpec, type ExperimentSpec } from '../shared/spec';
import type { RunResult } from '../shared/types';
import type { SearchPlan, SearchState } from '../shared/types-project';
import { invalidSpec, ServiceError } from '../shared/service-error';
import { PlanError, planRuns } from './expand-plan';
import { planBase } from './search-ensemble';
import { messageOf } from '../shared/error-message';
import { NOT_A_FORECAST, type AutomaticPlan } from './automatic-plan';
import {
  automaticState,
  MAX_BUDGET_SECONDS,
  MIN_BUDGET_SECONDS,
  runAutomatic,
  type AutomaticDeps,
} from './automatic-search';

/** Trains one spec; should stop soon after `signal` aborts and resolve with the outcome. */
export type RunOne = (spec: ExperimentSpec, runId: string, signal: AbortSignal) => Promise<RunResult>;

export interface SearchRunnerOptions {
  runOne: RunOne;
  onUpdate?: (state: SearchState) => void;
  /** Id of a new search; defaults to a time stamp with a random suffix. */
  newSearchId?: () => string;
  /** What automatic searches need: the plan for a spec's series, scoring and the final run. */
  automatic?: AutomaticDeps & { plan(spec: ExperimentSpec): Promise<AutomaticPlan> };
}

/** A started search: its id and a promise of its final state. */
export interface StartedSearch {
  searchId: string;
  done: Promise<SearchState>;
}

const LOSS_NAMES: Record<string, string> = {
  mse: 'MSE',
  mae: 'MAE',
  huber: 'Huber',
  binaryCrossentropy: 'binary cross-entropy',
  categoricalCrossentropy: 'cross-entropy',
  sparseCategoricalCrossentropy: 'cross-entropy',
};

/**
 * The validation score of a run (lower is better): the validation loss of the weights the
 * run kept — the best epoch's when early stopping restores it, else the last epoch's.
 */
export function scoreOf(result: RunResult): number | null {
  if (result.status !== 'completed') return null;
  const losses = result.history.map((h) => h.valLoss).filter((v): v is number => v !== null && Number.isFinite(v));
  if (losses.length === 0) return null;
  const es = result.spec.training.earlyStopping;
  return es.enabled && es.restoreBest ? Math.min(...losses) : losses[losses.length - 1];
}

/** Runs at most one search at a time. */
export class SearchRunner {
  private active: { state: SearchState; controller: AbortController } | null = null;
  private last: SearchState | null = null;

  constructor(private readonly options: SearchRunnerOptions) {}

  /** Whether a search is running. */
  get busy(): boolean {
    return this.active !== null;
  }

  /** The running search, or the last one that ended. */
  state(): SearchState | null {
    return this.active ? copy(this.active.state) : this.last && copy(this.last);
  }

  /** Validates and expands the plan, then runs it in the background. */
  start(rawSpec: unknown, plan: SearchPlan): StartedSearch {
    if (this.active)
      throw new ServiceError('invalid-request', 'A search is already running. Cancel it or wait for it to finish.');
    const parsed = parseSpec(rawSpec);
    if (!parsed.ok) throw invalidSpec(parsed.problems);
    const base = planBase(parsed.spec, plan);
    let planned;
    try {
      planned = planRuns(base.spec, plan);
    } catch (err) {
      if (err instanceof PlanError) throw new ServiceError('invalid-request', err.message);
      throw err;
    }
    const searchId = this.options.newSearchId?.() ?? newSearchId();
    const state: SearchState = {
      searchId,
      status: 'running',
      total: planned.length,
      done: 0,
      rows: planned.map((p) => ({
        runId: null,
        values: p.values,
        score: null,
        status: p.spec ? 'pending' : 'skipped',
        ...(p.skipped ? { note: p.skipped } : {}),
      })),
      metric: `validation loss (${LOSS_NAMES[effectiveLoss(parsed.spec)] ?? effectiveLoss(parsed.spec)})`,
      bestRunId: null,
      ...(base.note ? { verdict: base.note } : {}),
    };
    const controller = new AbortController();
    this.active = { state, controller };
    const done = this.runAll(
      state,
      planned.map((p) => p.spec),
      controller.signal,
    ).finally(() => {
      this.last = state;
      this.active = null;
    });
    return { searchId, done: done.then(() => copy(state)) };
  }

  /**
   * Plans an automatic search on the spec's series (refusing, with the reason, a spec it cannot
   * search), then runs it in the background within `budgetSeconds`.
   */
  async startAutomatic(rawSpec: unknown, budgetSeconds: number): Promise<StartedSearch> {
    const automatic = this.options.automatic;
    if (!automatic) throw new ServiceError('unavailable', 'Automatic searches are not available here.');
    if (this.active)
      throw new ServiceError('invalid-request', 'A search is already running. Cancel it or wait for it to finish.');
    if (!(budgetSeconds >= MIN_BUDGET_SECONDS && budgetSeconds <= MAX_BUDGET_SECONDS)) {
      throw new ServiceError(
        'invalid-request',
        `The time budget must be between ${MIN_BUDGET_SECONDS} seconds and 24 hours, not ${budgetSeconds} seconds.`,
      );
    }
    const parsed = parseSpec(rawSpec);
    if (!parsed.ok) throw invalidSpec(parsed.problems);
    if (parsed.spec.task !== 'forecast') throw new ServiceError('invalid-request', NOT_A_FORECAST);
    const searchId = this.options.newSearchId?.() ?? newSearchId();
    // Claimed before planning reads the data, so a second start cannot slip in meanwhile.
    const controller = new AbortController();
    const placeholder: SearchState = {
      searchId,
      status: 'running',
      total: 0,
      done: 0,
      rows: [],
      metric: 'RMSE on rolling origins',
      bestRunId: null,
    };
    this.active = { state: placeholder, controller };
    let plan: AutomaticPlan;
    try {
      plan = await automatic.plan(parsed.spec);
    } catch (err) {
      this.active = null;
      throw err instanceof ServiceError ? err : new ServiceError('invalid-request', messageOf(err));
    }
    const state = automaticState(searchId, plan, budgetSeconds);
    this.active = { state, controller };
    const done = runAutomatic(plan, state, automatic, controller.signal, (s) => this.emit(s))
      .catch((err: unknown) => {
        state.status = 'failed';
        state.verdict = messageOf(err);
        this.emit(state);
      })
      .finally(() => {
        this.last = state;
        this.active = null;
      });
    return { searchId, done: done.then(() => copy(state)) };
  }

  /** Cancels the running search (the current run stops, the rest are not started). */
  cancel(searchId: string): boolean {
    if (this.active?.state.searchId !== searchId) return false;
    this.active.controller.abort();
    return true;
  }

  private async runAll(state: SearchState, specs: (ExperimentSpec | null)[], signal: AbortSignal): Promise<void> {
    this.emit(state);
    let best = Infinity;
    for (let i = 0; i < specs.length; i++) {
      const row = state.rows[i];
      const spec = specs[i];
      if (!spec) {
        state.done++;
        continue;
      }
      if (signal.aborted) {
        row.status = 'cancelled';
        continue;
      }
      row.runId = `${state.searchId}-${String(i + 1).padStart(3, '0')}`;
      row.status = 'running';
      this.emit(state);
      try {
        const result = await this.options.runOne(spec, row.runId, signal);
        row.status = result.status;
        row.score = scoreOf(result);
        if (result.error) row.note = result.error;
      } catch (err) {
        row.status = 'failed';
        row.note = messageOf(err);
      }
      if (row.score !== null && row.score < best) {
        best = row.score;
        state.bestRunId = row.runId;
      }
      state.done++;
      this.emit(state);
    }
    const anyCompleted = state.rows.some((r) => r.status === 'completed');
    const anyFailed = state.rows.some((r) => r.status === 'failed');
    state.status = signal.aborted ? 'cancelled' : !anyCompleted && anyFailed ? 'failed' : 'completed';
    this.emit(state);
  }

  private emit(state: SearchState): void {
    try {
      this.options.onUpdate?.(copy(state));
    } catch {
      // A listener's failure must not stop the search.
    }
  }
}

function newSearchId(): string {
  const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*$/, '').replace('T', '-');
  return `search-${stamp}-${randomBytes(3).toString('hex')}`;
}

function copy(state: SearchState): SearchState {
  return structuredClone(state);
}
