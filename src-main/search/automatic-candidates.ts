/**
 * The candidates the automatic search tries for a forecast: recurrent cell, layer size, window
 * length and target transform around the spec the analyst starts from. The starting spec's own
 * combination comes first (so it is always scored); the rest follow in a seeded shuffle, so a
 * rung that runs out of time has still seen a spread of the grid rather than one corner of it.
 */
import { seededRandom } from '../engine/training/seeded-random';
import type { ExperimentSpec } from '../shared/spec';
import type { SearchPlan } from '../shared/types-project';
import { planRuns } from './expand-plan';
import type { PlanValue } from './spec-paths';

export const CELL_PATH = 'model.cell';
export const UNITS_PATH = 'model.layers.*.units';
export const WINDOW_PATH = 'data.lookback';
export const TRANSFORM_PATH = 'data.targetTransform';

/** Most candidates a search starts with (the grid is 3 × 3 × 3 × up to 6). */
export const MAX_CANDIDATES = 162;

export interface AutomaticCandidate {
  values: Record<string, PlanValue>;
  spec: ExperimentSpec;
}

export interface CandidateContext {
  /** Steps in the series the forecast trains on. */
  seriesLength: number;
  /** The seasonal period in use, or null. */
  period: number | null;
}

/** The windows tried: half, the same and twice the starting window, within what the series allows. */
export function candidateWindows(base: ExperimentSpec, ctx: CandidateContext): number[] {
  const { lookback, horizon } = base.data;
  // A window longer than a quarter of the series leaves the earlier stretches too little to train on.
  const cap = Math.max(lookback, Math.floor(ctx.seriesLength / 4));
  const floor = Math.max(2, horizon);
  const windows = [Math.max(floor, Math.round(lookback / 2)), lookback, Math.min(cap, lookback * 2)];
  if (ctx.period !== null && !windows.includes(ctx.period + 1) && ctx.period + 1 <= cap) windows.push(ctx.period + 1);
  return [...new Set(windows)].sort((a, b) => a - b);
}

/**
 * The target transforms tried: the seasonal ones only when the series has a season. ARIMA as the
 * base is tried on every series: the automatic choice offers it only with a season.
 */
export function candidateTransforms(ctx: CandidateContext): string[] {
  const plain = ['auto', 'difference', 'level', 'arima'];
  return ctx.period === null ? plain : [...plain, 'seasonal-residual', 'exponential-smoothing'];
}

/** Every valid candidate, the starting spec's combination first. */
export function automaticCandidates(base: ExperimentSpec, ctx: CandidateContext, seed = 1): AutomaticCandidate[] {
  const baseUnits = base.model.layers[0].units;
  const plan: SearchPlan = {
    mode: 'grid',
    maxRuns: MAX_CANDIDATES,
    seed,
    dimensions: [
      { path: CELL_PATH, values: ['LSTM', 'GRU', 'SimpleRNN'] },
      { path: UNITS_PATH, values: [...new Set([16, 32, 64, baseUnits])].sort((a, b) => a - b) },
      { path: WINDOW_PATH, values: candidateWindows(base, ctx) },
      { path: TRANSFORM_PATH, values: candidateTransforms(ctx) },
    ],
  };
  const all = planRuns(base, plan).flatMap((r) => (r.spec ? [{ values: r.values, spec: r.spec }] : []));
  const own: Record<string, PlanValue> = {
    [CELL_PATH]: base.model.cell,
    [UNITS_PATH]: baseUnits,
    [WINDOW_PATH]: base.data.lookback,
    [TRANSFORM_PATH]: base.data.targetTransform,
  };
  const isOwn = (c: AutomaticCandidate) => Object.entries(own).every(([path, v]) => c.values[path] === v);
  // A starting transform outside the grid (a seasonal profile) is still tried first, as it is.
  const first = all.some(isOwn) ? all.filter(isOwn) : [{ values: own, spec: base }];
  const rest = all.filter((c) => !isOwn(c));
  const random = seededRandom(seed);
  for (let i = rest.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [rest[i], rest[j]] = [rest[j], rest[i]];
  }
  return [...first, ...rest].slice(0, MAX_CANDIDATES);
}

/** A candidate in words, for the table and the verdict: "GRU, 32 units, window 24, difference target". */
export function describeCandidate(values: Record<string, PlanValue>): string {
  return `${String(values[CELL_PATH])}, ${String(values[UNITS_PATH])} units, window ${String(values[WINDOW_PATH])}, ${String(values[TRANSFORM_PATH])} target`;
}
