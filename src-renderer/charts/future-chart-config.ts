/** Chart configuration for a future forecast: the recent history, the point forecast and its interval bands. */
import type { ChartConfiguration, ChartDataset } from 'chart.js';
import type { FutureForecast } from '../../src-main/shared/types-model-use';
import { formatNumber } from '../utils/format';
import { withAlpha } from './color';
import { stepLineOptions } from './step-line-options';
import type { ChartTheme } from './theme';
import { timeZoom } from './zoom';
import { compactTimeLabels } from '../utils/time-labels';

/** History then future on one index axis; the forecast line starts at the last observed value. */
export function futureChartConfig(f: FutureForecast, theme: ChartTheme): ChartConfiguration<'line'> {
  const h = f.history.values.length;
  const labels = compactTimeLabels([...f.history.time, ...f.time]);
  const label = (x: number): string => labels[Math.round(x)] ?? String(x);
  const accent = theme.series[0] ?? '#3461d1';
  const lastHistory = h > 0 ? [{ x: h - 1, y: f.history.values[h - 1] as number }] : [];
  const bands: ChartDataset<'line', { x: number; y: number }[]>[] = [];
  // Widest band first, so narrower ones paint over it and read darker.
  const sorted = [...f.intervals].sort((a, b) => b.level - a.level);
  sorted.forEach((band, i) => {
    const alpha = 0.12 + 0.1 * i;
    bands.push(
      {
        label: `${Math.round(band.level * 100)}% interval`,
        data: band.upper.map((y, j) => ({ x: h + j, y })),
        borderWidth: 0,
        backgroundColor: withAlpha(accent, alpha),
        fill: '+1',
      },
      {
        label: `${Math.round(band.level * 100)}% lower`,
        data: band.lower.map((y, j) => ({ x: h + j, y })),
        borderWidth: 0,
        backgroundColor: withAlpha(accent, alpha),
        fill: false,
      },
    );
  });
  const last = Math.max(0, labels.length - 1);
  return {
    type: 'line',
    data: {
      datasets: [
        ...bands,
        {
          label: `Observed ${f.target}`,
          data: f.history.values.map((y, x) => ({ x, y })),
          borderColor: theme.actual,
          backgroundColor: theme.actual,
          borderWidth: 1.25,
        },
        {
          label: 'Forecast',
          data: [...lastHistory, ...f.point.map((y, j) => ({ x: h + j, y }))],
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
