/** Chart configuration for training and validation loss per epoch. */
import type { ChartConfiguration } from 'chart.js';
import type { EpochRecord } from '../../src-main/shared/types';
import { formatNumber } from '../utils/format';
import type { ChartTheme } from './theme';

/**
 * Line chart of loss and validation loss; the y axis turns logarithmic when losses span decades.
 * An ensemble's networks 2 to N (`networks`, each epoch with its `network`) add one thin line each:
 * their validation loss (their training loss without validation), so every network's training
 * stays in view while the first network's two curves keep their place.
 */
export function lossChartConfig(
  history: readonly EpochRecord[],
  theme: ChartTheme,
  networks: readonly EpochRecord[] = [],
): ChartConfiguration<'line'> {
  const train = history.map((r) => ({ x: r.epoch, y: r.loss }));
  const validation = history.filter((r) => r.valLoss !== null).map((r) => ({ x: r.epoch, y: r.valLoss as number }));
  const others = networkCurves(networks, theme);
  const values = [...train, ...validation, ...others.flatMap((d) => d.data)]
    .map((p) => p.y)
    .filter((v) => Number.isFinite(v) && v > 0);
  const spread = values.length ? Math.max(...values) / Math.min(...values) : 1;
  const [trainName, validationName] =
    others.length > 0 ? ['Network 1 training loss', 'Network 1 validation loss'] : ['Training loss', 'Validation loss'];
  return {
    type: 'line',
    data: {
      datasets: [
        {
          label: trainName,
          data: train,
          borderColor: theme.series[0],
          backgroundColor: theme.series[0],
        },
        {
          label: validationName,
          data: validation,
          borderColor: theme.series[1],
          backgroundColor: theme.series[1],
          borderDash: [5, 3],
        },
        ...others,
      ],
    },
    options: baseLineOptions(theme, {
      xTitle: 'Epoch',
      yTitle: 'Loss',
      logY: spread > 100,
    }),
  };
}

/** One thin line per network of `networks`: its validation loss, or its training loss without validation. */
function networkCurves(networks: readonly EpochRecord[], theme: ChartTheme) {
  const ids = [...new Set(networks.map((r) => r.network ?? 1))].sort((a, b) => a - b);
  return ids.map((k, i) => {
    const own = networks.filter((r) => (r.network ?? 1) === k);
    const validated = own.some((r) => r.valLoss !== null);
    const color = theme.series[(i + 2) % theme.series.length];
    return {
      label: `Network ${k} ${validated ? 'validation' : 'training'} loss`,
      data: own
        .filter((r) => !validated || r.valLoss !== null)
        .map((r) => ({ x: r.epoch, y: validated ? (r.valLoss as number) : r.loss })),
      borderColor: color,
      backgroundColor: color,
      borderWidth: 1.5,
      ...(validated ? { borderDash: [5, 3] } : {}),
    };
  });
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
