/**
 * A backtest report as the charts get it: a long series would send every actual step and every
 * fold's forecast to the renderer, which draws a few thousand points at most. The actual series
 * is thinned like a run's chart (shared/chart-series.ts, original steps in `steps`) and only
 * evenly spaced folds are kept, first and last among them. Scores are made on every fold before
 * this runs and are left as they are; `origins` still lists every origin.
 */
import { MAX_CHART_POINTS, thinChartSeries } from './chart-series';
import { evenlySpaced } from './evenly-spaced';
import type { BacktestReport } from './types-model-use';

/** The report with at most MAX_CHART_POINTS actual points and fold forecast points (the same object when it fits). */
export function boundedBacktest(report: BacktestReport, max: number = MAX_CHART_POINTS): BacktestReport {
  const { series, folds, horizon } = report;
  const n = series.actual.length;
  const maxFolds = Math.max(2, Math.floor(max / Math.max(1, horizon)));
  if (n <= max && folds.length <= maxFolds) return report;
  let bounded = series;
  if (n > max) {
    // The chart series' thinning keeps the lowest and highest actual per bucket; there is no forecast here.
    const thin = thinChartSeries(
      { ...series, predicted: new Array<null>(n).fill(null), validationStart: n, testStart: n },
      max,
    );
    bounded = { time: thin.time, actual: thin.actual, steps: thin.steps };
  }
  return { ...report, series: bounded, folds: evenlySpaced(folds.length, maxFolds).map((i) => folds[i]) };
}
