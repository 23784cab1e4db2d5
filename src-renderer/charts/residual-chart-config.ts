/** Chart configurations for residuals: over time (zoomable, regions shaded) and as a histogram. */
import type { ChartConfiguration } from 'chart.js';
import type { ForecastEvaluation } from '../../src-main/shared/types';
import { formatNumber } from '../utils/format';
import { forecastRegions } from './forecast-chart-config';
import { REGION_SHADING_ID, type RegionShadingOptions } from './region-shading';
import { residuals, shownResidualHistogram } from './residuals';
import { stepLineOptions } from './step-line-options';
import type { ChartTheme } from './theme';
import { timeZoom } from './zoom';
import { compactTimeLabels } from '../utils/time-labels';
import { labelAtStep, lastStep } from './series-steps';

type Series = ForecastEvaluation['series'];

/** Residuals (actual − forecast) over the series' time steps, with the zero line. */
export function residualTimeConfig(
  series: Series,
  theme: ChartTheme,
): ChartConfiguration<'line'> & { options: { plugins: { [REGION_SHADING_ID]: RegionShadingOptions } } } {
  const points = residuals(series);
  const last = lastStep(series);
  const times = compactTimeLabels(series.time);
  const label = (x: number): string => labelAtStep(series, times, Math.round(x));
  return {
    type: 'line',
    data: {
      datasets: [
        {
          label: 'Residual',
          data: points,
          borderColor: theme.series[0],
          backgroundColor: theme.series[0],
          borderWidth: 1.25,
        },
        {
          label: 'Zero',
          data: [
            { x: 0, y: 0 },
            { x: last, y: 0 },
          ],
          borderColor: theme.muted,
          borderWidth: 1,
          borderDash: [4, 3],
        },
      ],
    },
    options: {
      ...stepLineOptions(theme, last, label, { maxTicks: 8, digits: 3 }),
      plugins: {
        legend: { display: false },
        tooltip: {
          filter: (item) => item.datasetIndex === 0,
          callbacks: {
            title: (items) => (items[0] ? label(items[0].parsed.x ?? 0) : ''),
            label: (c) => `Residual: ${formatNumber(c.parsed.y)}`,
          },
        },
        zoom: timeZoom(0, last, theme.series[0] ?? '#3461d1'),
        [REGION_SHADING_ID]: { regions: forecastRegions(series, theme), labelColor: theme.muted },
      },
    },
  };
}

/**
 * Histogram of the test split's residuals (all residuals when the test split has none): the one
 * main binned from every step when the run carries it, else binned from the points.
 */
export function residualHistogramConfig(series: Series, theme: ChartTheme): ChartConfiguration<'bar'> {
  const h = shownResidualHistogram(series);
  return {
    type: 'bar',
    data: {
      labels: h.edges.map((e) => formatNumber(e + h.width / 2, 3)),
      datasets: [
        {
          label: h.split === 'test' ? 'Test residuals' : 'Residuals',
          data: h.counts,
          backgroundColor: theme.series[0],
          borderWidth: 0,
          barPercentage: 1,
          categoryPercentage: 0.92,
        },
      ],
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      scales: {
        x: {
          title: { display: true, text: 'Residual (bin centre)', color: theme.muted },
          ticks: { color: theme.muted, maxTicksLimit: 7, maxRotation: 0 },
          grid: { display: false },
        },
        y: {
          title: { display: true, text: 'Count', color: theme.muted },
          ticks: { color: theme.muted, precision: 0 },
          grid: { color: theme.grid },
        },
      },
      plugins: {
        legend: { display: false },
        tooltip: {
          callbacks: {
            title: (items) => {
              const i = items[0]?.dataIndex ?? 0;
              const from = h.edges[i] ?? 0;
              return `${formatNumber(from, 3)} to ${formatNumber(from + h.width, 3)}`;
            },
          },
        },
      },
    },
  };
}
