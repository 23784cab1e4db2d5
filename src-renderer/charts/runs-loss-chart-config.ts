/** Chart configuration for the loss curves of several runs, overlaid for comparison. */
import type { ChartConfiguration } from 'chart.js';
import type { RunResult } from '../../src-main/shared/types';
import { distinctRunLabels } from '../utils/run-labels';
import { baseLineOptions } from './loss-chart-config';
import type { ChartTheme } from './theme';

/** One solid validation-loss line per run (training loss when a run has no validation), one colour per run. */
export function runsLossChartConfig(runs: readonly RunResult[], theme: ChartTheme): ChartConfiguration<'line'> {
  const values: number[] = [];
  // Runs of the same name would share a legend entry's text otherwise.
  const names = distinctRunLabels(runs);
  const datasets = runs.map((run, i) => {
    const color = theme.series[i % theme.series.length] ?? '#3461d1';
    const hasVal = run.history.some((r) => r.valLoss !== null);
    const data = run.history
      .map((r) => ({ x: r.epoch, y: hasVal ? r.valLoss : r.loss }))
      .filter((p): p is { x: number; y: number } => p.y !== null && Number.isFinite(p.y));
    values.push(...data.map((p) => p.y).filter((v) => v > 0));
    return {
      label: `${names[i]} · ${hasVal ? 'validation' : 'training'}`,
      data,
      borderColor: color,
      backgroundColor: color,
    };
  });
  const spread = values.length ? Math.max(...values) / Math.min(...values) : 1;
  return {
    type: 'line',
    data: { datasets },
    options: baseLineOptions(theme, { xTitle: 'Epoch', yTitle: 'Loss', logY: spread > 100 }),
  };
}
