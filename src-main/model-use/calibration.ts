/**
 * Split-conformal intervals for a trained model: its errors on held-out origins, per horizon
 * step, size the band around new forecasts. Steps beyond the model's horizon (recursive
 * forecasts) widen the last step's band by sqrt(step / horizon), the growth of a random walk's
 * spread, since no held-out errors exist for them.
 */
import type { Tf } from '../tensorflow/load-tf';
import { conformalIntervals, minimumResiduals, residualsByStep } from '../forecast/intervals';
import type { IntervalOffsets } from '../forecast/intervals';
import { directForecasts, type ForecastModel } from './model-forecast';
import type { SeriesColumns } from './series-columns';

export interface Calibration {
  /** Offsets per level, one entry per requested step. */
  offsets: IntervalOffsets[];
  /** Plain description of where the bands come from. */
  method: string;
}

/**
 * Calibrates offsets for `steps` steps at each level on `origins` (held-out, with their whole
 * horizon inside the series). @throws RangeError when there is no origin to calibrate on.
 */
export function calibrate(
  tf: Tf,
  fm: ForecastModel,
  c: SeriesColumns,
  origins: number[],
  levels: number[],
  steps: number,
  originsName = 'validation',
): Calibration {
  if (origins.length === 0) {
    throw new RangeError(`There are no ${originsName} windows to size the prediction intervals on.`);
  }
  const h = fm.pre.horizon;
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
      `Steps past the model's horizon of ${h} are forecast from earlier forecasts, so their bands widen with the square root of the step.`,
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
