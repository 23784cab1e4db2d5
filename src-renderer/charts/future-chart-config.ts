/** Chart configuration for a future forecast: the recent history, the point forecast and its interval bands. */
import type { ChartConfiguration, ChartDataset } from 'chart.js';
import type { FutureForecast } from '../../src-main/shared/types-model-use';
import { formatNumber } from '../utils/format';
import { withAlpha } from './color';
import { stepLineOptions } from './step-line-options';
import type { ChartTheme } from './theme';
import { timeZoom } from './zoom';
import { compactTimeLabels } from '../utils/time-labels';
import { labelAtStep, lastStep, stepAt } from './series-steps';

/**
 * History then future on one step axis; the forecast line starts at the last observed value. A
 * long forecast arrives thinned (shared/bounded-future.ts): points sit at their original steps.
 */
export function futureChartConfig(f: FutureForecast, theme: ChartTheme): ChartConfiguration<'line'> {
  const past = { actual: f.history.values, steps: f.history.steps };
  const ahead = { actual: f.point, steps: f.steps };
  const kept = f.history.values.length;
  // Steps of the history; the future starts right after its last one.
  const h = kept > 0 ? lastStep(past) + 1 : 0;
  const labels = compactTimeLabels([...f.history.time, ...f.time]);
  const pastLabels = labels.slice(0, kept);
  const aheadLabels = labels.slice(kept);
  const label = (x: number): string => {
    const step = Math.round(x);
    return step < h ? labelAtStep(past, pastLabels, step) : labelAtStep(ahead, aheadLabels, step - h);
  };
  const at = (j: number): number => h + stepAt(ahead, j);
  const accent = theme.series[0] ?? '#3461d1';
  const lastHistory = kept > 0 ? [{ x: h - 1, y: f.history.values[kept - 1] as number }] : [];
  const bands: ChartDataset<'line', { x: number; y: number }[]>[] = [];
  // Widest band first, so narrower ones paint over it and read darker.
  const sorted = [...f.intervals].sort((a, b) => b.level - a.level);
  sorted.forEach((band, i) => {
    const alpha = 0.12 + 0.1 * i;
    bands.push(
      {
        label: `${Math.round(band.level * 100)}% interval`,
        data: band.upper.map((y, j) => ({ x: at(j), y })),
        borderWidth: 0,
        backgroundColor: withAlpha(accent, alpha),
        fill: '+1',
      },
      {
        label: `${Math.round(band.level * 100)}% lower`,
        data: band.lower.map((y, j) => ({ x: at(j), y })),
        borderWidth: 0,
        backgroundColor: withAlpha(accent, alpha),
        fill: false,
      },
    );
  });
  const last = Math.max(0, f.point.length > 0 ? at(f.point.length - 1) : h - 1);
  return {
    type: 'line',
    data: {
      datasets: [
        ...bands,
        {
          label: `Observed ${f.target}`,
          data: f.history.values.map((y, i) => ({ x: stepAt(past, i), y })),
          borderColor: theme.actual,
          backgroundColor: theme.actual,
          borderWidth: 1.25,
        },
        {
          label: 'Forecast',
          data: [...lastHistory, ...f.point.map((y, j) => ({ x: at(j), y }))],
          borderColor: accent,
          backgroundColor: accent,
          borderWidth: 2,
        },
      ],
    },
    options: {
      ...stepLineOptions(theme, last, label),
      plugins: {
        legend: {
          position: 'top',
          align: 'end',
          labels: {
            color: theme.text,
            boxWidth: 12,
            boxHeight: 8,
            filter: (item) => !String(item.text).endsWith(' lower'),
          },
        },
        tooltip: {
          filter: (item) => !String(item.dataset.label).endsWith(' lower'),
          callbacks: {
            title: (items) => (items[0] ? label(items[0].parsed.x ?? 0) : ''),
            label: (c) => `${c.dataset.label}: ${formatNumber(c.parsed.y)}`,
          },
        },
        zoom: timeZoom(0, last, accent),
      },
    },
  };
}
