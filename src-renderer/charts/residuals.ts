/** Residuals of a one-step-ahead forecast and their histogram, for the residual plots. */
import type { ForecastEvaluation } from '../../src-main/shared/types';
import { stepAt } from './series-steps';

/** actual − predicted at every point with a forecast, x being the point's time step. */
export function residuals(series: ForecastEvaluation['series']): { x: number; y: number }[] {
  const out: { x: number; y: number }[] = [];
  series.predicted.forEach((p, i) => {
    const a = series.actual[i];
    if (p !== null && a !== undefined && Number.isFinite(p) && Number.isFinite(a)) {
      out.push({ x: stepAt(series, i), y: a - p });
    }
  });
  return out;
}

export interface Histogram {
  /** Left edge of each bin; the last bin includes its right edge. */
  edges: number[];
  width: number;
  counts: number[];
}

/** Equal-width bins over the finite values (about √n bins, between 5 and 40). */
export function histogram(values: readonly number[], bins?: number): Histogram {
  const finite = values.filter((v) => Number.isFinite(v));
  if (finite.length === 0) return { edges: [], width: 0, counts: [] };
  const min = Math.min(...finite);
  const max = Math.max(...finite);
  const n = bins ?? Math.min(40, Math.max(5, Math.round(Math.sqrt(finite.length))));
  // All values equal: one bin of width 1 around them.
  const width = max > min ? (max - min) / n : 1;
  const count = max > min ? n : 1;
  const counts = new Array<number>(count).fill(0);
  for (const v of finite) {
    const i = Math.min(count - 1, Math.floor((v - min) / width));
    counts[i] = (counts[i] ?? 0) + 1;
  }
  return { edges: counts.map((_, i) => min + i * width - (max > min ? 0 : 0.5)), width, counts };
}
