/**
 * Projects, experiments comparison, hyperparameter search, samples and settings: JSON-only
 * shapes that cross the renderer ↔ main boundary.
 */
import type { ExperimentSpec } from './spec';
import type { RunSummary } from './types';

export interface ProjectState {
  /** Where the project is saved; null for a project not saved yet. */
  path: string | null;
  name: string;
  /** The data file and whether it still matches what the project saw (content hash). */
  dataset: { path: string; sha256: string; status: 'ok' | 'changed' | 'missing' } | null;
  /** The spec being edited in the forms. */
  spec: ExperimentSpec | null;
  runs: RunSummary[];
  dirty: boolean;
  savedAt: string | null;
  /** Explanation shown for sample projects. */
  description: string | null;
}

export interface RecentProject {
  path: string;
  name: string;
  openedAt: string;
  exists: boolean;
}

export interface SampleInfo {
  id: string;
  title: string;
  task: ExperimentSpec['task'];
  description: string;
}

/** A search dimension: a dotted spec path and the values to try (grid) or range (random). */
export interface SearchDimension {
  path: string;
  values?: (number | string | boolean)[];
  range?: { min: number; max: number; log: boolean; integer: boolean };
}

export interface SearchPlan {
  mode: 'grid' | 'random';
  dimensions: SearchDimension[];
  /** Random mode: how many runs; grid mode: a cap on the grid size. */
  maxRuns: number;
  seed: number;
}

export interface SearchState {
  searchId: string;
  status: 'running' | 'completed' | 'cancelled' | 'failed';
  total: number;
  done: number;
  /** One row per run, in order, with the values tried and the validation score. */
  rows: {
    runId: string | null;
    values: Record<string, number | string | boolean>;
    score: number | null;
    /** 'pending' | 'running' | 'completed' | 'failed' | 'cancelled' | 'skipped'. */
    status: string;
    /** Why a row was skipped or failed, in plain words. */
    note?: string;
  }[];
  /** The metric compared (lower is better): e.g. "validation RMSE". */
  metric: string;
  bestRunId: string | null;
  /** Automatic searches only: the budget and where the successive halving stands. */
  automatic?: AutomaticProgress;
  /**
   * Automatic searches: what was searched and why the winner won, once it is known. Searches of a
   * plan: why each run trains one network when the spec asks for an ensemble.
   */
  verdict?: string;
}

/** Live progress of an automatic search (successive halving under a time budget). */
export interface AutomaticProgress {
  budgetSeconds: number;
  secondsLeft: number;
  /** 'searching' while candidates are scored, 'final run' while the winner trains on all the data. */
  phase: 'searching' | 'final run' | 'done';
  /** The rung being run (1-based) and how many there are at most. */
  rung: number;
  rungs: number;
  /** Epochs and stretches of rolling origins per candidate in this rung. */
  rungEpochs: number;
  rungStretches: number;
  candidates: number;
  /** Candidates in this rung, and how many of them are scored. */
  inRung: number;
  doneInRung: number;
  /** The best candidate so far (highest rung reached), with its RMSE and the baselines' on the same origins. */
  best: {
    label: string;
    rmse: number;
    naiveRmse: number;
    seasonalRmse: number | null;
  } | null;
}

export interface Settings {
  theme: 'system' | 'light' | 'dark';
  defaultDataFolder: string | null;
  defaultExportFolder: string | null;
  /** Threads for TensorFlow's intra-op pool; null lets TensorFlow decide. */
  trainingThreads: number | null;
}
