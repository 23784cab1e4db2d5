/** Chart configuration for the gradient norm of each layer per epoch. */
import type { ChartConfiguration } from 'chart.js';
import type { EpochRecord } from '../../src-main/shared/types';
import { baseLineOptions } from './loss-chart-config';
import type { ChartTheme } from './theme';

/** One line per trainable layer, on a log axis since vanishing and exploding norms differ by decades. */
export function gradNormChartConfig(history: readonly EpochRecord[], theme: ChartTheme): ChartConfiguration<'line'> {
  const layers = [...new Set(history.flatMap((r) => Object.keys(r.gradNorms)))];
  const allPositive = history.every((r) => Object.values(r.gradNorms).every((v) => v > 0));
  return {
    type: 'line',
    data: {
      datasets: layers.map((layer, i) => {
        const color = theme.series[i % theme.series.length];
        return {
          label: layer,
          data: history
            .filter((r) => Number.isFinite(r.gradNorms[layer]))
            .map((r) => ({ x: r.epoch, y: r.gradNorms[layer] as number })),
          borderColor: color,
          backgroundColor: color,
          borderWidth: 1.5,
        };
      }),
    },
    options: baseLineOptions(theme, {
      xTitle: 'Epoch',
      yTitle: 'Gradient norm',
      logY: allPositive && history.length > 0,
    }),
  };
}
