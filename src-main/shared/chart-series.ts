/**
 * Bounded chart series: a forecast over millions of steps would store and send every step of
 * actual and forecast (a 1M-step run wrote 79 MB of run.json). The charts need no more points
 * than a screen has pixels, so the series is thinned to at most MAX_CHART_POINTS, keeping per
 * bucket the lowest and highest actual, forecast and error, so peaks and the worst misses stay
 * visible. Metrics are always scored on the full series before this runs, and the residual
 * histogram is made here from every step before the points are dropped.
 */
import { residualHistogram } from './residual-histogram';
import type { Evaluation, ForecastEvaluation, RunResult } from './types';

/** The most points a stored forecast chart series holds. */
export const MAX_CHART_POINTS = 4000;

export type ChartSeries = ForecastEvaluation['series'];

/** Points kept per bucket at most: min and max of actual, forecast and their difference. */
const PER_BUCKET = 6;

/** The original time step of each point of a series (its index unless it was thinned). */
export function stepAt(series: Pick<ChartSeries, 'steps'>, i: number): number {
  return series.steps?.[i] ?? i;
}

/** Positions that must survive thinning: first, last, and the first point of each split part. */
function anchors(series: ChartSeries): number[] {
  const n = series.actual.length;
  const out = new Set<number>([0, n - 1]);
  for (const start of [series.validationStart, series.testStart]) {
    for (let i = 0; i < n; i++) {
      if (stepAt(series, i) >= start) {
        out.add(i);
        break;
      }
    }
  }
  return [...out];
}

/** Adds to `keep` the positions in [from, to) holding the extremes of actual, forecast and error. */
function keepExtremes(series: ChartSeries, from: number, to: number, keep: Set<number>): void {
  const { actual, predicted } = series;
  const lo = [-1, -1, -1];
  const hi = [-1, -1, -1];
  const loV = [Infinity, Infinity, Infinity];
  const hiV = [-Infinity, -Infinity, -Infinity];
  const consider = (k: number, v: number | null | undefined, i: number): void => {
    if (typeof v !== 'number' || !Number.isFinite(v)) return;
    if (v < loV[k]) [loV[k], lo[k]] = [v, i];
    if (v > hiV[k]) [hiV[k], hi[k]] = [v, i];
  };
  for (let i = from; i < to; i++) {
    const a = actual[i];
    const p = predicted[i];
    consider(0, a, i);
    consider(1, p, i);
    if (typeof a === 'number' && typeof p === 'number') consider(2, a - p, i);
  }
  for (const i of [...lo, ...hi]) if (i >= 0) keep.add(i);
  // A bucket with nothing finite (gaps) still shows where it is.
  if (lo.every((i) => i < 0)) keep.add(from);
}

/**
 * The series with at most `max` points (MAX_CHART_POINTS by default). A series already that
 * short comes back unchanged; a thinned one carries `steps`, the original step of each point,
 * ascending. `validationStart` and `testStart` stay in original steps. The thinned series
 * carries the residual histogram of every step (kept from an already thinned one; none for a
 * thinned series that has none, since its points cannot give it exactly).
 */
export function thinChartSeries(series: ChartSeries, max: number = MAX_CHART_POINTS): ChartSeries {
  const n = series.actual.length;
  if (n <= max) return series;
  const keep = new Set<number>(anchors(series));
  const buckets = Math.max(1, Math.floor((max - keep.size) / PER_BUCKET));
  for (let b = 0; b < buckets; b++) {
    keepExtremes(series, Math.floor((b * n) / buckets), Math.floor(((b + 1) * n) / buckets), keep);
  }
  const kept = [...keep].sort((a, b) => a - b);
  const histogram = series.residualHistogram ?? (series.steps ? undefined : residualHistogram(series));
  return {
    time: kept.map((i) => series.time[i] ?? ''),
    actual: kept.map((i) => series.actual[i]),
    predicted: kept.map((i) => series.predicted[i] ?? null),
    validationStart: series.validationStart,
    testStart: series.testStart,
    steps: kept.map((i) => stepAt(series, i)),
    ...(histogram ? { residualHistogram: histogram } : {}),
  };
}

/**
 * A forecast evaluation whose chart series (its own and every series' of a global model) are
 * bounded; any other evaluation, or one already bounded, comes back as it is.
 */
export function boundedEvaluation<E extends Evaluation | null>(evaluation: E): E {
  if (evaluation?.kind !== 'forecast') return evaluation;
  const charts = evaluation.global?.charts;
  const longChart = charts && Object.values(charts).some((c) => c.actual.length > MAX_CHART_POINTS);
  if (evaluation.series.actual.length <= MAX_CHART_POINTS && !longChart) return evaluation;
  const bounded: ForecastEvaluation = { ...evaluation, series: thinChartSeries(evaluation.series) };
  if (evaluation.global && charts && longChart) {
    const thinned = Object.fromEntries(Object.entries(charts).map(([id, c]) => [id, thinChartSeries(c)]));
    bounded.global = { ...evaluation.global, charts: thinned };
  }
  return bounded as E;
}

/** The run with its evaluation's chart series bounded (the same object when nothing was long). */
export function boundedRun<R extends Pick<RunResult, 'evaluation'>>(run: R): R {
  const evaluation = boundedEvaluation(run.evaluation);
  return evaluation === run.evaluation ? run : { ...run, evaluation };
}
