/**
 * A future forecast as the chart gets it: up to 10,000 future steps with their bands, after a
 * history of up to twice as many, would send far more points than a chart draws. Past
 * MAX_CHART_POINTS in all, the history and the future are each thinned like a run's chart
 * (shared/chart-series.ts), with the original step of each kept point in `steps`. The first
 * FUTURE_TABLE_ROWS future steps stay, since the results table lists them; the intervals are
 * calibrated on every step before this runs, and the CSV is made from the whole forecast.
 */
import { MAX_CHART_POINTS, thinChartSeries } from './chart-series';
import type { FutureForecast } from './types-model-use';

/** How many future steps the results table lists, all kept by the bounding. */
export const FUTURE_TABLE_ROWS = 12;

/** Positions of `values` to keep (at most `max`), lowest and highest value and `gap` per bucket among them. */
function keptPositions(time: string[], values: number[], gap: number[] | null, max: number): number[] {
  const n = values.length;
  // The chart series' thinning keeps extremes of actual, predicted and their difference: here the
  // values, and the lower band edge, so the widest bands survive too.
  const thin = thinChartSeries(
    { time, actual: values, predicted: gap ?? new Array<null>(n).fill(null), validationStart: n, testStart: n },
    max,
  );
  return thin.steps ?? values.map((_, i) => i);
}

/** The number of future steps a (possibly bounded) forecast covers. */
export function futureStepCount(f: Pick<FutureForecast, 'time' | 'steps'>): number {
  return f.steps?.length ? (f.steps.at(-1) as number) + 1 : f.time.length;
}

/** The forecast with at most MAX_CHART_POINTS history and future points (the same object when it fits). */
export function boundedFuture(f: FutureForecast, max: number = MAX_CHART_POINTS): FutureForecast {
  const h = f.history.values.length;
  const n = f.point.length;
  if (h + n <= max) return f;
  let history = f.history;
  if (h > max / 2) {
    const kept = keptPositions(f.history.time, f.history.values, null, Math.floor(max / 2));
    history = { time: kept.map((i) => f.history.time[i]), values: kept.map((i) => f.history.values[i]), steps: kept };
  }
  const budget = max - history.values.length;
  if (n <= budget) return { ...f, history };
  const widest = f.intervals.reduce<FutureForecast['intervals'][number] | null>(
    (w, b) => (w === null || b.level > w.level ? b : w),
    null,
  );
  const thinned = keptPositions(f.time, f.point, widest?.lower ?? null, budget - FUTURE_TABLE_ROWS);
  const first = Array.from({ length: Math.min(n, FUTURE_TABLE_ROWS) }, (_, i) => i);
  const kept = [...new Set([...first, ...thinned])].sort((a, b) => a - b);
  const pick = <T>(values: T[]): T[] => kept.map((i) => values[i]);
  return {
    ...f,
    history,
    time: pick(f.time),
    point: pick(f.point),
    intervals: f.intervals.map((b) => ({ level: b.level, lower: pick(b.lower), upper: pick(b.upper) })),
    steps: kept,
  };
}
