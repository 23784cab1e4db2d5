/** Chart configuration for a backtest: every historical forecast drawn over the actual series. */
import type { ChartConfiguration, ChartDataset } from 'chart.js';
import type { BacktestReport } from '../../src-main/shared/types-model-use';
import { formatNumber } from '../utils/format';
import { withAlpha } from './color';
import { stepLineOptions } from './step-line-options';
import type { ChartTheme } from './theme';
import { timeZoom } from './zoom';
import { compactTimeLabels } from '../utils/time-labels';
import { labelAtStep, lastStep, stepAt } from './series-steps';

/** Above this many folds only an evenly spaced subset is drawn, so the chart stays readable and fast. */
export const MAX_DRAWN_FOLDS = 80;

/** Step of each fold's forecast steps on the series axis (by time label, else from its origin). */
export function foldPoints(report: BacktestReport): { x: number; y: number }[][] {
  const index = new Map(report.series.time.map((t, i) => [t, stepAt(report.series, i)]));
  return report.folds.map((fold) =>
    fold.forecast.map((y, j) => ({ x: index.get(fold.time[j] ?? '') ?? fold.origin + j, y })),
  );
}

export function backtestChartConfig(report: BacktestReport, theme: ChartTheme): ChartConfiguration<'line'> {
  const all = foldPoints(report);
  const stride = Math.max(1, Math.ceil(all.length / MAX_DRAWN_FOLDS));
  const drawn = all.filter((_, i) => i % stride === 0);
  const accent = theme.series[1] ?? '#e07b1f';
  // A long series arrives thinned, with the original step of each point (shared/bounded-backtest.ts).
  const { series } = report;
  const last = lastStep(series);
  const times = compactTimeLabels(series.time);
  const label = (x: number): string => labelAtStep(series, times, Math.round(x));
  const origins = report.origins.length;
  // One step ahead, each fold is a single point, which a line without point markers never shows:
  // those forecasts are drawn as one line through every origin's forecast instead.
  const oneStep = drawn.length > 0 && drawn.every((d) => d.length <= 1);
  const title = `${oneStep ? 'One-step forecasts' : 'Forecasts'} (${origins} origins${drawn.length < origins ? `, ${drawn.length} drawn` : ''})`;
  const folds: ChartDataset<'line', { x: number; y: number }[]>[] = oneStep
    ? [
        {
          label: title,
          data: drawn.flat().sort((a, b) => a.x - b.x),
          borderColor: accent,
          backgroundColor: accent,
          borderWidth: 1.5,
          pointRadius: 2,
        },
      ]
    : drawn.map((data, i) => ({
        label: i === 0 ? title : '',
        data,
        borderColor: withAlpha(accent, 0.75),
        backgroundColor: accent,
        borderWidth: 1.25,
        // A fold cut to one step by the end of the series still shows.
        pointRadius: data.length === 1 ? 2 : 0,
      }));
  return {
    type: 'line',
    data: {
      datasets: [
        {
          label: `Actual ${report.target}`,
          data: series.actual.map((y, i) => ({ x: stepAt(series, i), y })),
          borderColor: theme.actual,
          backgroundColor: theme.actual,
          borderWidth: 1.25,
        },
        ...folds,
      ],
    },
    options: {
      ...stepLineOptions(theme, last, label, { alongX: false }),
      plugins: {
        legend: {
          position: 'top',
          align: 'end',
          labels: { color: theme.text, boxWidth: 12, boxHeight: 2, filter: (item) => item.text !== '' },
        },
        tooltip: {
          callbacks: {
            title: (items) => (items[0] ? label(items[0].parsed.x ?? 0) : ''),
            label: (c) => `${c.datasetIndex === 0 ? 'Actual' : 'Forecast'}: ${formatNumber(c.parsed.y)}`,
          },
        },
        zoom: timeZoom(0, last, accent),
      },
    },
  };
}
