/**
 * Options shared by the line charts drawn over a series' steps (forecast, future, residuals,
 * backtest): no animation, pre-parsed data, a linear step axis labelled with the step's time.
 */
import type { ChartOptions } from 'chart.js';
import { formatNumber } from '../utils/format';
import type { ChartTheme } from './theme';

export interface StepLineOptions {
  /** How many x labels at most. */
  maxTicks?: number;
  /** Significant digits of the y labels. */
  digits?: number;
  /** Whether hover picks the nearest point along x only (true) or in both directions. */
  alongX?: boolean;
}

export function stepLineOptions(
  theme: ChartTheme,
  last: number,
  label: (step: number) => string,
  { maxTicks = 10, digits = 4, alongX = true }: StepLineOptions = {},
): ChartOptions<'line'> {
  return {
    animation: false,
    responsive: true,
    maintainAspectRatio: false,
    parsing: false,
    normalized: true,
    interaction: { mode: 'nearest', ...(alongX ? { axis: 'x' as const } : {}), intersect: false },
    elements: { point: { radius: 0, hoverRadius: 3 }, line: { tension: 0 } },
    scales: {
      x: {
        type: 'linear',
        min: 0,
        max: last,
        ticks: { color: theme.muted, maxTicksLimit: maxTicks, callback: (v) => label(Number(v)) },
        afterBuildTicks: (axis) => {
          axis.ticks = withoutCrowdedEnd(axis.ticks);
        },
        grid: { color: theme.grid },
      },
      y: {
        ticks: { color: theme.muted, callback: (v) => formatNumber(Number(v), digits) },
        grid: { color: theme.grid },
      },
    },
  };
}

/**
 * The ticks without the one just before the last when it sits closer to the last than half the
 * usual spacing: the axis always labels its last step, and two dates there print over each other.
 */
export function withoutCrowdedEnd<T extends { value: number }>(ticks: T[]): T[] {
  const n = ticks.length;
  if (n < 3) return ticks;
  const spacing = ticks[n - 2].value - ticks[n - 3].value;
  const end = ticks[n - 1].value - ticks[n - 2].value;
  return end < spacing / 2 ? [...ticks.slice(0, n - 2), ticks[n - 1]] : ticks;
}
