/**
 * Long forecasts past a model's horizon are fed back step after step, and a network trained one
 * step ahead can drift on its own output: a 60-day forecast of daily temperatures that climbs
 * week after week. Far enough ahead, the best forecast is what the season (or the recent mean)
 * says. The backtest that sizes the bands already holds the fed-back forecast from up to 120
 * held-out origins; from the same origins this forecasts a plain reference (the average of the
 * same point in the last seasons, or the recent mean) and weighs the two per step by least
 * squares, the network's weight never growing with the step. Where the backtest says the network
 * keeps beating the reference, its weight stays 1 and nothing changes.
 */
import { cycleLabel } from '../forecast/seasons';
import { joinWords } from '../shared/word-list';
import type { LoadedRun } from './load-run';

/** Seasons averaged at most: recent enough to follow slow change, enough to average the noise. */
const SEASONS_AVERAGED = 5;
/** Seasons of at least this many steps average each point with NEIGHBOURS steps either side. */
const LONG_SEASON = 50;
const NEIGHBOURS = 3;
/** Weights this close to 1 at every step leave the forecast as it is. */
const KEEP_ABOVE = 0.98;
/** Backtest origins needed before weights are fitted on them (neighbouring origins overlap). */
export const MIN_ORIGINS = 30;

/** The seasons the data showed: lags in steps, with their names ("1 year", "12 steps"). */
export type Seasons = { period: number; label: string }[];
/** What the blend needs of the model: its window (the recent mean spans five) and horizon. */
export type ModelShape = { lookback: number; horizon: number };

export interface LongBacktest {
  origins: number[];
  /** The model's fed-back forecast from each origin, one value per step. */
  forecasts: Float64Array[];
}

/** A plain long-range forecast from the values before t, `steps` ahead. */
export interface Reference {
  name: string;
  forecast: (past: ArrayLike<number>, t: number, steps: number) => Float64Array;
}

export interface LongRangeBlend {
  /** The network's weight per step (the reference's is 1 − weight). */
  weights: number[];
  /** The blended forecast from the end of the data. */
  point: Float64Array;
  /** The blended backtest, for the bands. */
  backtest: LongBacktest;
  /** One or two plain sentences for the user. */
  note: string;
}

/**
 * The average of the values at the same point of the last seasons before t (NaN when there is
 * none). A long season (days of a year) also averages the neighbouring steps of each point, so one
 * hot day five years ago does not make its date hot.
 */
function seasonalAverage(period: number, label: string): Reference {
  const reach = period >= LONG_SEASON ? NEIGHBOURS : 0;
  return {
    name: `the average of the same point in the last ${SEASONS_AVERAGED} seasons (a season of ${label})`,
    forecast: (past, t, steps) =>
      Float64Array.from({ length: steps }, (_, k) => {
        let sum = 0;
        let count = 0;
        let seasons = 0;
        for (let at = t + k - period; at + reach >= 0 && seasons < SEASONS_AVERAGED; at -= period) {
          if (at >= t) continue;
          seasons++;
          for (let i = Math.max(0, at - reach); i <= Math.min(t - 1, at + reach); i++) {
            if (Number.isFinite(past[i])) {
              sum += past[i];
              count++;
            }
          }
        }
        return count > 0 ? sum / count : Number.NaN;
      }),
  };
}

/** The mean of the last `window` values before t, flat. */
function recentMean(window: number): Reference {
  return {
    name: `the mean of the last ${window} values`,
    forecast: (past, t, steps) => {
      let sum = 0;
      let count = 0;
      for (let i = Math.max(0, t - window); i < t; i++) {
        if (Number.isFinite(past[i])) {
          sum += past[i];
          count++;
        }
      }
      return new Float64Array(steps).fill(count > 0 ? sum / count : Number.NaN);
    },
  };
}

/** Non-increasing least-squares fit to `values` (pool adjacent violators). */
export function nonIncreasing(values: number[], weights: number[]): number[] {
  const blocks: { value: number; weight: number; size: number }[] = [];
  values.forEach((v, i) => {
    blocks.push({ value: v, weight: weights[i], size: 1 });
    while (blocks.length > 1 && blocks[blocks.length - 2].value < blocks[blocks.length - 1].value) {
      const b = blocks.pop()!;
      const a = blocks[blocks.length - 1];
      const w = a.weight + b.weight;
      a.value = w > 0 ? (a.value * a.weight + b.value * b.weight) / w : (a.value + b.value) / 2;
      a.weight = w;
      a.size += b.size;
    }
  });
  return blocks.flatMap((b) => Array<number>(b.size).fill(b.value));
}

/**
 * Per step past `horizon`, the weight w in [0, 1] minimising the backtest's squared error of
 * w · model + (1 − w) · reference, made non-increasing over the steps. The model's own horizon
 * (what it was trained and validated on) keeps weight 1.
 */
export function stepWeights(
  target: ArrayLike<number>,
  backtest: LongBacktest,
  references: Float64Array[],
  steps: number,
  horizon: number,
): { weights: number[]; errors: { model: number; blend: number }[] } {
  const triples = knownTriples(target, backtest, references);
  const raw: number[] = [];
  const spread: number[] = [];
  for (let k = horizon; k < steps; k++) {
    let num = 0;
    let den = 0;
    triples(k, (y, m, r) => {
      num += (y - r) * (m - r);
      den += (m - r) * (m - r);
    });
    raw.push(den > 0 ? Math.min(1, Math.max(0, num / den)) : 1);
    spread.push(den);
  }
  const weights = [...Array<number>(Math.min(horizon, steps)).fill(1), ...nonIncreasing(raw, spread)];
  return { weights, errors: squaredErrors(target, backtest, references, weights) };
}

/** Calls `use` for step k of every origin where the truth, the model and the reference are all known. */
function knownTriples(target: ArrayLike<number>, backtest: LongBacktest, references: Float64Array[]) {
  return (k: number, use: (y: number, m: number, r: number) => void) =>
    backtest.origins.forEach((t, i) => {
      const [y, m, r] = [target[t + k], backtest.forecasts[i][k], references[i][k]];
      if (Number.isFinite(y) && Number.isFinite(m) && Number.isFinite(r)) use(y, m, r);
    });
}

/** Per step, the backtest's squared error of the model alone and of the blend with `weights`. */
function squaredErrors(
  target: ArrayLike<number>,
  backtest: LongBacktest,
  references: Float64Array[],
  weights: number[],
): { model: number; blend: number }[] {
  const triples = knownTriples(target, backtest, references);
  return weights.map((w, k) => {
    let model = 0;
    let blend = 0;
    triples(k, (y, m, r) => {
      model += (y - m) ** 2;
      blend += (y - (w * m + (1 - w) * r)) ** 2;
    });
    return { model, blend };
  });
}

/**
 * Whether weights fitted on either half of the origins (earlier, later) also lower the squared
 * error on the other half: neighbouring origins overlap, so a fit on all of them can find a
 * pattern that is not there (a random walk looks like it returns to its mean over a short stretch).
 */
export function holdsAcrossHalves(
  target: ArrayLike<number>,
  backtest: LongBacktest,
  references: Float64Array[],
  steps: number,
  horizon: number,
): boolean {
  const n = backtest.origins.length;
  const half = Math.floor(n / 2);
  const part = (from: number, to: number) => ({
    backtest: { origins: backtest.origins.slice(from, to), forecasts: backtest.forecasts.slice(from, to) },
    references: references.slice(from, to),
  });
  const helps = (fit: ReturnType<typeof part>, check: ReturnType<typeof part>) => {
    const { weights } = stepWeights(target, fit.backtest, fit.references, steps, horizon);
    const errors = squaredErrors(target, check.backtest, check.references, weights);
    return errors.reduce((s, e) => s + e.blend, 0) < errors.reduce((s, e) => s + e.model, 0);
  };
  const [earlier, later] = [part(0, half), part(half, n)];
  return helps(earlier, later) && helps(later, earlier);
}

/** w · model + (1 − w) · reference per step; the model alone where w is 1 or the reference is unknown. */
export function blend(model: ArrayLike<number>, reference: ArrayLike<number>, weights: number[]): Float64Array {
  return Float64Array.from(weights, (w, k) =>
    w >= 1 || !Number.isFinite(reference[k]) ? model[k] : w * model[k] + (1 - w) * reference[k],
  );
}

/** The plain references a long forecast may lean on: each season's average, then the recent mean. */
export function longRangeReferences(periods: Seasons, lookback: number): Reference[] {
  return [
    ...periods.filter((p) => p.period >= 2).map((p) => seasonalAverage(p.period, p.label)),
    recentMean(Math.max(5 * lookback, 10)),
  ];
}

/** The reference a long forecast leans on, its forecasts from every origin and the weights fitted on all of them. */
export interface ReferenceChoice {
  ref: Reference;
  refs: Float64Array[];
  weights: number[];
  /** The backtest's squared error the blend removes, and the fed-back network's own. */
  gain: number;
  total: number;
}

/**
 * Of the references whose weights, fitted on either half of the origins, help on the other, the one
 * whose blend lowers the backtest's squared error most; null when none holds.
 */
export function chooseReference(
  target: ArrayLike<number>,
  backtest: LongBacktest,
  periods: Seasons,
  model: ModelShape,
  steps: number,
): ReferenceChoice | null {
  let best: ReferenceChoice | null = null;
  for (const ref of longRangeReferences(periods, model.lookback)) {
    const refs = backtest.origins.map((t) => ref.forecast(target, t, steps));
    const { weights, errors } = stepWeights(target, backtest, refs, steps, model.horizon);
    const total = errors.reduce((s, e) => s + e.model, 0);
    const gain = total - errors.reduce((s, e) => s + e.blend, 0);
    if ((!best || gain > best.gain) && holdsAcrossHalves(target, backtest, refs, steps, model.horizon))
      best = { ref, refs, weights, gain, total };
  }
  return best;
}

/** Whether a chosen reference changes the forecast at all (some weight well under 1, and a gain). */
export function changesForecast(choice: ReferenceChoice): boolean {
  return choice.gain > 0 && choice.weights.some((w) => w < KEEP_ABOVE);
}

/**
 * The rule a long forecast follows on its backtest: the reference chosen and its weights, when there
 * are origins enough, steps past the horizon and a choice that changes the forecast; else null.
 */
export function blendRule(
  target: ArrayLike<number>,
  backtest: LongBacktest,
  periods: Seasons,
  model: ModelShape,
  steps: number,
): ReferenceChoice | null {
  if (backtest.origins.length < MIN_ORIGINS || steps <= model.horizon) return null;
  const best = chooseReference(target, backtest, periods, model, steps);
  return best && changesForecast(best) ? best : null;
}

/**
 * The blend of a long forecast with the best plain reference on its backtest, or null when the
 * network's fed-back forecast is at least as good at every step, when weights fitted on one half
 * of the origins do not help on the other, or when nothing can be compared.
 * @param periods the seasons the data showed: lags in steps, with their names ("1 year", "12 steps")
 * @param model the model's window (the recent mean spans five of them) and horizon
 */
export function longRangeBlend(
  target: Float64Array,
  point: Float64Array,
  backtest: LongBacktest,
  periods: Seasons,
  model: ModelShape,
): LongRangeBlend | null {
  const steps = point.length;
  const best = blendRule(target, backtest, periods, model, steps);
  if (!best) return null;
  const { ref, refs, weights } = best;
  const fromEnd = ref.forecast(target, target.length, steps);
  if (fromEnd.some((v) => !Number.isFinite(v))) return null;
  const first = weights.findIndex((w) => w < KEEP_ABOVE);
  const last = weights[steps - 1];
  const share = (w: number) => `${Math.round((1 - w) * 100)}%`;
  const reduction = best.total > 0 ? Math.round((best.gain / best.total) * 100) : 0;
  const note =
    `Past the model's horizon its forecasts are fed back step after step and drift: in the backtest, ${ref.name} ` +
    `forecast better from step ${first + 1} on, so the forecast leans on it more the further ahead it goes ` +
    `(${joinWords([`${share(weights[first])} at step ${first + 1}`, `${share(last)} at step ${steps}`])}). ` +
    `That lowered the backtest's squared error by ${reduction}%.`;
  return {
    weights,
    point: blend(point, fromEnd, weights),
    backtest: {
      origins: backtest.origins,
      forecasts: backtest.forecasts.map((f, i) => blend(f, refs[i], weights)),
    },
    note,
  };
}

/** The seasons a run's data showed, for the long-range reference: its longer season and its own. */
export function longRangeSeasons(run: LoadedRun, frequency: string | null): Seasons {
  const ev = run.run.evaluation;
  const periods = [
    ev?.kind === 'forecast' ? ev.longSeason?.period : null,
    ev?.kind === 'forecast' ? ev.seasonalPeriod : null,
    run.pre.target?.period,
  ];
  const seasons: Seasons = [];
  for (const period of periods) {
    if (period && period >= 2 && !seasons.some((s) => s.period === period))
      seasons.push({ period, label: cycleLabel(frequency, period) });
  }
  return seasons;
}
