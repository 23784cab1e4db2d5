/**
 * Where a forecast series' points sit on the time axis. A long series arrives thinned
 * (shared/chart-series.ts) with `steps`, the original step of each kept point; charts put the
 * points at those steps, so the axis, the shaded splits and zoom stay in real time steps.
 */
import type { ForecastEvaluation } from '../../src-main/shared/types';
import { stepAt } from '../../src-main/shared/chart-series';

/** Any series with points and, when thinned, their original steps (a forecast's, a backtest's actuals). */
type Series = Pick<ForecastEvaluation['series'], 'actual' | 'steps'>;

export { stepAt };

/** The step of the series' last point (0 for an empty series). */
export function lastStep(series: Series): number {
  return series.actual.length > 0 ? stepAt(series, series.actual.length - 1) : 0;
}

/** The position of the first point at or after `step` (the length when there is none). */
export function indexAtStep(series: Series, step: number): number {
  let lo = 0;
  let hi = series.actual.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (stepAt(series, mid) < step) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * The label of the point nearest to `step` from `labels` (one per point), so ticks between
 * the kept points of a thinned series still read as times.
 */
export function labelAtStep(series: Series, labels: readonly string[], step: number): string {
  const n = series.actual.length;
  if (n === 0) return String(step);
  const after = Math.min(n - 1, indexAtStep(series, step));
  const before = Math.max(0, after - 1);
  const i = Math.abs(stepAt(series, before) - step) < Math.abs(stepAt(series, after) - step) ? before : after;
  return labels[i] ?? String(step);
}
