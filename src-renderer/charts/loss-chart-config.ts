/** Chart configuration for training and validation loss per epoch. */
import type { ChartConfiguration } from 'chart.js';
import type { EpochRecord } from '../../src-main/shared/types';
import { formatNumber } from '../utils/format';
import type { ChartTheme } from './theme';

/** Line chart of loss and validation loss; the y axis turns logarithmic when losses span decades. */
export function lossChartConfig(history: readonly EpochRecord[], theme: ChartTheme): ChartConfiguration<'line'> {
  const train = history.map((r) => ({ x: r.epoch, y: r.loss }));
  const validation = history.filter((r) => r.valLoss !== null).map((r) => ({ x: r.epoch, y: r.valLoss as number }));
  const values = [...train, ...validation].map((p) => p.y).filter((v) => Number.isFinite(v) && v > 0);
  const spread = values.length ? Math.max(...values) / Math.min(...values) : 1;
  return {
    type: 'line',
    data: {
      datasets: [
        { label: 'Training loss', data: train, borderColor: theme.series[0], backgroundColor: theme.series[0] },
        {
          label: 'Validation loss',
          data: validation,
          borderColor: theme.series[1],
          backgroundColor: theme.series[1],
          borderDash: [5, 3],
        },
      ],
    },
    options: baseLineOptions(theme, {
      xTitle: 'Epoch',
      yTitle: 'Loss',
      logY: spread > 100,
    }),
  };
}

/** Options shared by the training charts: no animation, compact legend, themed axes. */
export function baseLineOptions(
  theme: ChartTheme,
  opts: { xTitle: string; yTitle: string; logY?: boolean },
): ChartConfiguration<'line'>['options'] {
  return {
    animation: false,
    responsive: true,
    maintainAspectRatio: false,
    parsing: false,
    normalized: true,
    interaction: { mode: 'nearest', axis: 'x', intersect: false },
    elements: { point: { radius: 0, hoverRadius: 3 }, line: { borderWidth: 2, tension: 0 } },
    scales: {
      x: {
        type: 'linear',
        title: { display: true, text: opts.xTitle, color: theme.muted },
        ticks: { color: theme.muted, precision: 0 },
        grid: { color: theme.grid },
      },
      y: {
        type: opts.logY ? 'logarithmic' : 'linear',
        title: { display: true, text: opts.yTitle, color: theme.muted },
        ticks: {
          color: theme.muted,
          callback: (v) => (opts.logY && !isRoundLogTick(Number(v)) ? '' : formatNumber(Number(v), 3)),
        },
        grid: { color: theme.grid },
      },
    },
    plugins: {
      legend: { position: 'top', align: 'end', labels: { color: theme.text, boxWidth: 12, boxHeight: 2 } },
      tooltip: { callbacks: { label: (c) => `${c.dataset.label}: ${formatNumber(c.parsed.y)}` } },
    },
  };
}

/**
 * A log axis gets a tick at every 1…9 × 10ⁿ; labelled all, 0.07 and 0.1 print on top of each
 * other. Only 1, 2 and 5 × 10ⁿ are labelled (the grid lines stay).
 */
export function isRoundLogTick(value: number): boolean {
  if (!(value > 0)) return false;
  const mantissa = value / 10 ** Math.floor(Math.log10(value) + 1e-9);
  return [1, 2, 5, 10].some((m) => Math.abs(mantissa - m) < 1e-6 * m);
}
