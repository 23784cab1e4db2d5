/** Chart configuration for a binary classifier's ROC curve, with the chance diagonal. */
import type { ChartConfiguration } from 'chart.js';
import { formatNumber, formatScore } from '../utils/format';
import { withAlpha } from './color';
import type { ChartTheme } from './theme';

export function rocChartConfig(
  roc: { fpr: number[]; tpr: number[] },
  auc: number | null,
  theme: ChartTheme,
): ChartConfiguration<'line'> {
  const accent = theme.series[0] ?? '#3461d1';
  return {
    type: 'line',
    data: {
      datasets: [
        {
          label: auc === null ? 'ROC' : `ROC (AUC ${formatScore(auc)})`,
          data: roc.fpr.map((x, i) => ({ x, y: roc.tpr[i] ?? 0 })),
          borderColor: accent,
          backgroundColor: withAlpha(accent, 0.1),
          fill: 'origin',
          borderWidth: 2,
        },
        {
          label: 'Chance',
          data: [
            { x: 0, y: 0 },
            { x: 1, y: 1 },
          ],
          borderColor: theme.muted,
          borderDash: [4, 3],
          borderWidth: 1,
        },
      ],
    },
    options: {
      animation: false,
      responsive: true,
      maintainAspectRatio: false,
      parsing: false,
      elements: { point: { radius: 0, hoverRadius: 3 }, line: { tension: 0 } },
      scales: {
        x: {
          type: 'linear',
          min: 0,
          max: 1,
          title: { display: true, text: 'False positive rate', color: theme.muted },
          ticks: { color: theme.muted },
          grid: { color: theme.grid },
        },
        y: {
          min: 0,
          max: 1,
          title: { display: true, text: 'True positive rate', color: theme.muted },
          ticks: { color: theme.muted },
          grid: { color: theme.grid },
        },
      },
      plugins: {
        legend: { position: 'bottom', labels: { color: theme.text, boxWidth: 12, boxHeight: 2 } },
        tooltip: {
          callbacks: { label: (c) => `FPR ${formatNumber(c.parsed.x, 3)}, TPR ${formatNumber(c.parsed.y, 3)}` },
        },
      },
    },
  };
}
