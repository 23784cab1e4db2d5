/** Chart configuration for a forecast against the actual series, with validation and test shaded. */
import type { ChartConfiguration } from 'chart.js';
import type { ForecastEvaluation } from '../../src-main/shared/types';
import { formatNumber } from '../utils/format';
import { REGION_SHADING_ID, type RegionShadingOptions } from './region-shading';
import { stepLineOptions } from './step-line-options';
import type { ChartTheme } from './theme';
import { timeZoom } from './zoom';
import { compactTimeLabels } from '../utils/time-labels';
import { labelAtStep, lastStep, stepAt } from './series-steps';

/** Above this many points Chart.js thins the lines (LTTB) so long series stay responsive. */
export const DECIMATION_THRESHOLD = 1500;

type Series = ForecastEvaluation['series'];

/** Regions to shade: validation (from validationStart) and test (from testStart), in time steps. */
export function forecastRegions(series: Series, theme: ChartTheme): RegionShadingOptions['regions'] {
  const last = series.actual.length > 0 ? lastStep(series) : -1;
  const regions: RegionShadingOptions['regions'] = [];
  if (series.validationStart >= 0 && series.validationStart < series.testStart) {
    regions.push({
      from: series.validationStart - 0.5,
      to: series.testStart - 0.5,
      color: theme.validationRegion,
      label: 'Validation',
    });
  }
  if (series.testStart >= 0 && series.testStart <= last) {
    regions.push({ from: series.testStart - 0.5, to: last + 0.5, color: theme.testRegion, label: 'Test' });
  }
  return regions;
}

/** Line chart over the series' time steps; the x ticks show the time labels. */
export function forecastChartConfig(
  series: Series,
  target: string,
  theme: ChartTheme,
): ChartConfiguration<'line'> & { options: { plugins: { [REGION_SHADING_ID]: RegionShadingOptions } } } {
  const actual = series.actual.map((y, i) => ({ x: stepAt(series, i), y }));
  const predicted: { x: number; y: number }[] = [];
  series.predicted.forEach((y, i) => {
    if (y !== null && Number.isFinite(y)) predicted.push({ x: stepAt(series, i), y });
  });
  const times = compactTimeLabels(series.time);
  const label = (x: number): string => labelAtStep(series, times, Math.round(x));
  const last = lastStep(series);
  return {
    type: 'line',
    data: {
      datasets: [
        {
          label: `Actual ${target}`,
          data: actual,
          borderColor: theme.actual,
          backgroundColor: theme.actual,
          borderWidth: 1.25,
        },
        {
          label: 'Model forecast',
          data: predicted,
          borderColor: theme.series[0],
          backgroundColor: theme.series[0],
          borderWidth: 1.75,
        },
      ],
    },
    options: {
      ...stepLineOptions(theme, last, label),
      plugins: {
        decimation: {
          enabled: series.actual.length > DECIMATION_THRESHOLD,
          algorithm: 'lttb',
          samples: DECIMATION_THRESHOLD,
        },
        legend: { position: 'top', align: 'end', labels: { color: theme.text, boxWidth: 12, boxHeight: 2 } },
        tooltip: {
          callbacks: {
            title: (items) => (items[0] ? label(items[0].parsed.x ?? 0) : ''),
            label: (c) => `${c.dataset.label}: ${formatNumber(c.parsed.y)}`,
          },
        },
        zoom: timeZoom(0, last, theme.series[0] ?? '#3461d1'),
        [REGION_SHADING_ID]: { regions: forecastRegions(series, theme), labelColor: theme.muted },
      },
    },
  };
}
