/** Residuals of a one-step-ahead forecast and their histogram, for the residual plots. */
import type { ForecastEvaluation, ResidualHistogram } from '../../src-main/shared/types';
import { residualHistogram } from '../../src-main/shared/residual-histogram';
import { stepAt } from './series-steps';

export { histogram, type Histogram } from '../../src-main/shared/residual-histogram';

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

/**
 * The histogram to draw: the one main made from every step when the series carries it,
 * otherwise one from the points (exact for a series that was never thinned). `approximate`
 * says the points were a thinned run's kept ones (a run saved before main made the histogram).
 */
export function shownResidualHistogram(
  series: ForecastEvaluation['series'],
): ResidualHistogram & { approximate: boolean } {
  if (series.residualHistogram) return { ...series.residualHistogram, approximate: false };
  return { ...residualHistogram(series), approximate: series.steps !== undefined };
}
