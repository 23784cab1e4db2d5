/**
 * Split-conformal intervals for a trained model: its errors on held-out origins, per horizon
 * step, size the band around new forecasts. Forecasts longer than the model's horizon (fed back
 * recursively) are backtested as a whole from every held-out origin that leaves room for all
 * their steps, and each step's band is the spread of the errors made that many steps ahead
 * (forecast/intervals.ts `stepQuantileIntervals`). Only when no origin leaves room does the last
 * step's band widen by sqrt(step / horizon), the growth of a random walk's spread.
 */
import type { Tf } from '../tensorflow/load-tf';
import { conformalIntervals, minimumResiduals, residualsByStep, stepQuantileIntervals } from '../forecast/intervals';
import type { IntervalOffsets } from '../forecast/intervals';
import { directForecasts, forecastAheadMany, type ForecastModel } from './model-forecast';
import type { LongBacktest } from './long-range-blend';
import { sliceColumns, type SeriesColumns } from './series-columns';

/** Origins a long forecast is backtested from: enough for steady quantiles, few enough to stay quick. */
const MAX_BACKTEST_ORIGINS = 120;

export interface Calibration {
  /** Offsets per level, one entry per requested step. */
  offsets: IntervalOffsets[];
  /** Plain description of where the bands come from. */
  method: string;
}

/**
 * Calibrates offsets for `steps` steps at each level on `origins` (held-out, with their whole
 * horizon inside the series). A forecast past the horizon is sized on `backtest` when given (the
 * forecast as it will be shown, e.g. blended), else on its own backtest.
 * @throws RangeError when there is no origin to calibrate on.
 */
export function calibrate(
  tf: Tf,
  fm: ForecastModel,
  c: SeriesColumns,
  origins: number[],
  levels: number[],
  steps: number,
  originsName = 'validation',
  frequency: string | null = null,
  backtest?: LongBacktest | null,
): Calibration {
  if (origins.length === 0) {
    throw new RangeError(`There are no ${originsName} windows to size the prediction intervals on.`);
  }
  const h = fm.pre.horizon;
  if (steps > h) {
    const long = backtest === undefined ? backtestLongForecast(tf, fm, c, origins, steps, frequency) : backtest;
    if (long) return calibrateByBacktest(c, long, levels, steps, h, originsName);
  }
  const flat = directForecasts(tf, fm, c, origins);
  const perOrigin = origins.map((_, s) => flat.subarray(s * h, (s + 1) * h));
  const residuals = residualsByStep(c.target, origins, perOrigin, h);
  const base = conformalIntervals(residuals, levels);
  const offsets = base.map(({ level, lower, upper }) => {
    const stretch = (values: number[]) =>
      Array.from({ length: steps }, (_, k) => (k < h ? values[k] : values[h - 1] * Math.sqrt((k + 1) / h)));
    return { level, lower: stretch(lower), upper: stretch(upper) };
  });
  // Plain sentences for the user; the method's name stays in brackets for those who know it.
  const parts = [
    `The bands come from the model's errors on ${origins.length} ${originsName} windows (split-conformal).`,
  ];
  if (steps > h) {
    parts.push(
      `Steps past the model's horizon of ${h} are forecast from earlier forecasts; no ${originsName} window leaves room to backtest all ${steps} steps, so their bands widen with the square root of the step.`,
    );
  }
  const short = levels.filter((l) => origins.length < minimumResiduals(l));
  if (short.length > 0) {
    const names = short.map((l) => `${Math.round(l * 100)}%`).join(' and ');
    parts.push(
      `${origins.length} windows are too few to guarantee the ${names} ${short.length === 1 ? 'band' : 'bands'}: the largest error seen is used, and the band may cover less.`,
    );
  }
  return { offsets, method: parts.join(' ') };
}

/**
 * The backtest of a `steps`-long recursive forecast: from every origin at or after the first
 * held-out one whose `steps` lie inside the series (at most MAX_BACKTEST_ORIGINS, evenly spread,
 * the latest kept), each using only the data before it. Null when no such origin exists.
 */
export function backtestLongForecast(
  tf: Tf,
  fm: ForecastModel,
  c: SeriesColumns,
  heldOut: number[],
  steps: number,
  frequency: string | null,
): LongBacktest | null {
  const n = c.target.length;
  if (heldOut.length === 0) return null;
  const first = Math.min(...heldOut);
  const last = n - steps;
  if (last < first) return null;
  const count = Math.min(MAX_BACKTEST_ORIGINS, last - first + 1);
  const origins = Array.from({ length: count }, (_, i) =>
    count === 1 ? last : Math.round(last - ((count - 1 - i) * (last - first)) / (count - 1)),
  );
  // The whole history before each origin, as a forecast from the end of the data gets it.
  const pasts = origins.map((t) => sliceColumns(c, t));
  return { origins, forecasts: forecastAheadMany(tf, fm, pasts, steps, frequency) };
}

/** Bands for a `steps`-long recursive forecast from the spread of its backtest's errors per step. */
function calibrateByBacktest(
  c: SeriesColumns,
  backtest: LongBacktest,
  levels: number[],
  steps: number,
  horizon: number,
  originsName: string,
): Calibration {
  const { origins, forecasts } = backtest;
  const residuals = residualsByStep(c.target, origins, forecasts, steps);
  const offsets = stepQuantileIntervals(residuals, levels);
  const pooled = origins.length < 60 ? ' Errors of neighbouring steps are pooled where origins are few.' : '';
  return {
    offsets,
    method:
      `Each step's band is the spread of the errors this forecast made that many steps ahead, backtested from ${origins.length} origins in the ${originsName} and later data (each forecast uses only the data before its origin; steps past the model's horizon of ${horizon} are fed back as here).` +
      pooled,
  };
}
