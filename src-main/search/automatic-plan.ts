/**
 * What an automatic search over one forecast series will do, decided before anything trains:
 * the seasonal period, the stretches of rolling origins (the validation stretch and the ones
 * before it, as the automatic target choice uses them), the candidates and the rungs.
 */
import type { PreparedSeries } from '../data/prepare/series';
import { splitOrigins } from '../data/prepare/split';
import { rollingStretches } from '../forecast/rolling-origins';
import { detectSeasonalPeriod } from '../forecast/seasonality';
import type { ExperimentSpec } from '../shared/spec';
import { automaticCandidates, candidateWindows, type AutomaticCandidate } from './automatic-candidates';
import type { Rung } from './successive-halving';

/** Epochs of the first rung; each later rung trains ETA times longer (capped at the spec's epochs). */
export const FIRST_RUNG_EPOCHS = 5;
/** Each rung keeps the best 1/ETA of the candidates it scored. */
export const ETA = 3;
/** Rungs at most: 5, 15 and 45 epochs. */
export const MAX_RUNGS = 3;
/** Training windows each earlier stretch must leave before it, beyond the longest window. */
const MIN_TRAINING_WINDOWS = 12;

/** Why a spec for another task cannot be searched automatically. */
export const NOT_A_FORECAST = 'The automatic search tunes forecasts; for other tasks, use a search plan.';

export interface AutomaticPlan {
  /** The starting spec with the seasonal period fixed, so every candidate and stretch uses the same one. */
  base: ExperimentSpec;
  period: number | null;
  /** Origins of each stretch, the validation stretch first. */
  stretches: number[][];
  candidates: AutomaticCandidate[];
  rungs: Rung[];
}

/** Plans the search for `series`; throws a sentence for the user when the spec cannot be searched. */
export function planAutomatic(series: PreparedSeries, spec: ExperimentSpec, seed = 1): AutomaticPlan {
  if (spec.task !== 'forecast') {
    throw new Error(NOT_A_FORECAST);
  }
  const y = series.target;
  const { lookback, horizon, stride, split } = spec.data;
  const raw = splitOrigins(y.length, { lookback, horizon, stride, ...split });
  let period = spec.data.seasonalPeriod;
  if (period === null) period = detectSeasonalPeriod(y.subarray(0, raw.validationStart), series.frequency).period;
  const base: ExperimentSpec = { ...spec, data: { ...spec.data, seasonalPeriod: period } };
  const ctx = { seriesLength: y.length, period };
  const longest = Math.max(...candidateWindows(base, ctx));
  // An earlier stretch is kept only when the longest window, two seasons (the seasonal targets
  // need them) and a few training windows fit before it, with the prefix's own validation part.
  const history = longest + 2 * (period ?? 0) + horizon + MIN_TRAINING_WINDOWS;
  const minHistory = Math.ceil(history / (1 - split.validation));
  const stretches = rollingStretches(Array.from(raw.validation), minHistory);
  if (stretches.length === 0) {
    throw new Error('The automatic search needs validation windows: give the validation part a share above 0.');
  }
  const rungs: Rung[] = [];
  for (let r = 0; r < MAX_RUNGS; r++) {
    const epochs = Math.min(spec.training.epochs, FIRST_RUNG_EPOCHS * ETA ** r);
    rungs.push({ epochs, stretches: Math.min(stretches.length, r === 0 ? 1 : r === 1 ? 2 : stretches.length) });
    if (epochs === spec.training.epochs) break;
  }
  return { base, period, stretches, candidates: automaticCandidates(base, ctx, seed), rungs };
}
