/**
 * The residual histogram of a forecast series, one binning for main and the renderer. Main
 * bins every test residual before a long series is thinned for its chart (shared/chart-series.ts),
 * because the kept points over-represent extremes; the renderer bins the points itself only
 * for series that were never thinned.
 */
import type { ForecastEvaluation, ResidualHistogram } from './types';

type Series = ForecastEvaluation['series'];

export interface Histogram {
  /** Left edge of each bin; the last bin includes its right edge. */
  edges: number[];
  width: number;
  counts: number[];
}

/** Equal-width bins over the finite values (about √n bins, between 5 and 40). */
export function histogram(values: ArrayLike<number>, bins?: number): Histogram {
  // Loops, not Math.min(...values): a million residuals would overflow the call stack.
  let min = Infinity;
  let max = -Infinity;
  let finite = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i] as number;
    if (!Number.isFinite(v)) continue;
    finite++;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  if (finite === 0) return { edges: [], width: 0, counts: [] };
  const n = bins ?? Math.min(40, Math.max(5, Math.round(Math.sqrt(finite))));
  // All values equal: one bin of width 1 around them.
  const width = max > min ? (max - min) / n : 1;
  const count = max > min ? n : 1;
  const counts = new Array<number>(count).fill(0);
  for (let j = 0; j < values.length; j++) {
    const v = values[j] as number;
    if (!Number.isFinite(v)) continue;
    const i = Math.min(count - 1, Math.floor((v - min) / width));
    counts[i] = (counts[i] ?? 0) + 1;
  }
  return { edges: counts.map((_, i) => min + i * width - (max > min ? 0 : 0.5)), width, counts };
}

/**
 * The residuals (actual − predicted, finite ones) of the test split, or of every step when the
 * test split has no forecast; `steps` gives each point's original step (its index when absent).
 */
export function splitResiduals(series: Series): { values: number[]; split: 'test' | 'all' } {
  const test: number[] = [];
  const all: number[] = [];
  const { actual, predicted, steps, testStart } = series;
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i];
    const p = predicted[i];
    if (typeof a !== 'number' || typeof p !== 'number') continue;
    const r = a - p;
    if (!Number.isFinite(r)) continue;
    all.push(r);
    if ((steps?.[i] ?? i) >= testStart) test.push(r);
  }
  return test.length > 0 ? { values: test, split: 'test' } : { values: all, split: 'all' };
}

/** The histogram of the series' test residuals (all residuals when the test split has none). */
export function residualHistogram(series: Series): ResidualHistogram {
  const { values, split } = splitResiduals(series);
  return { ...histogram(values), total: values.length, split };
}
