/**
 * The backtest's error per step ahead, one line per forecaster: where the fed-back network drifts
 * past its horizon, and how the forecast as shown (blended with a plain reference) and the
 * baselines fare at the same steps.
 */
import type { ChartConfiguration } from 'chart.js';
import type { RegressionMetrics } from '../../../src-main/shared/types';
import { baseLineOptions } from '../../charts/loss-chart-config';
import type { ChartTheme } from '../../charts/theme';

export interface StepColumn {
  label: string;
  perStep: RegressionMetrics[];
  /** The model's own lines (the network, the forecast as shown) are drawn solid and thicker. */
  own?: boolean;
}

export function backtestStepChartConfig(
  columns: readonly StepColumn[],
  metric: 'rmse' | 'mae',
  theme: ChartTheme,
): ChartConfiguration<'line'> {
  return {
    type: 'line',
    data: {
      datasets: columns.map((c, i) => {
        const color = theme.series[i % theme.series.length];
        return {
          label: c.label,
          data: c.perStep.map((s, k) => ({ x: k + 1, y: s[metric] })),
          borderColor: color,
          backgroundColor: color,
          borderWidth: c.own ? 2.25 : 1.25,
          ...(c.own ? {} : { borderDash: [5, 3] }),
        };
      }),
    },
    options: baseLineOptions(theme, { xTitle: 'Steps ahead', yTitle: metric.toUpperCase() }),
  };
}
