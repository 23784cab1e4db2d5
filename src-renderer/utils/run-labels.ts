/** Names that tell runs apart where several share a name (a sample trained twice, a duplicated run). */
import { formatNumber, formatPercent, formatScore, localDateTime } from './format';

/** The least a run needs to be named in a legend or a column header. */
export interface NamedRun {
  name: string;
  /** ISO date-time the run started. */
  startedAt: string;
}

/**
 * One label per run: its name, followed by its start time where another run in the list has
 * the same name (the time, to the second, as the runs table shows it), and by a number when
 * even those are equal.
 */
export function distinctRunLabels(runs: readonly NamedRun[]): string[] {
  const count = (name: string) => runs.filter((r) => r.name === name).length;
  const labels = runs.map((r) =>
    count(r.name) > 1 ? `${r.name} · ${localDateTime(r.startedAt, true).slice(11)}` : r.name,
  );
  return labels.map((label, i) => {
    const same = labels.filter((l) => l === label).length;
    if (same === 1) return label;
    const rank = labels.slice(0, i).filter((l) => l === label).length + 1;
    return `${label} #${rank}`;
  });
}

/** How each headline metric is named and written for people: scores in [0, 1] with three decimals. */
const HEADLINE: Record<string, { label: string; format: (v: number) => string }> = {
  rmse: { label: 'RMSE', format: (v) => formatNumber(v, 4) },
  mae: { label: 'MAE', format: (v) => formatNumber(v, 4) },
  // Global forecasts: the mean over series of MAE ÷ naive MAE (naive = 1).
  scaledError: { label: 'Scaled error', format: (v) => formatNumber(v, 3) },
  r2: { label: 'R²', format: formatScore },
  // Main reports MAPE and sMAPE in percent already.
  mape: { label: 'MAPE', format: (v) => `${formatNumber(v, 3)}%` },
  smape: { label: 'sMAPE', format: (v) => `${formatNumber(v, 3)}%` },
  accuracy: { label: 'Accuracy', format: formatPercent },
  macroF1: { label: 'Macro F1', format: formatScore },
  auc: { label: 'ROC AUC', format: formatScore },
  perplexity: { label: 'Perplexity', format: (v) => formatNumber(v, 4) },
  bleu: { label: 'BLEU', format: formatScore },
};

/** A headline metric as the runs table shows it, e.g. "Accuracy 95.8%" or "RMSE 123.4". */
export function formatHeadline(key: string, value: number): string {
  const known = HEADLINE[key];
  if (!Number.isFinite(value)) return `${known?.label ?? key} —`;
  return known ? `${known.label} ${known.format(value)}` : `${key} ${formatNumber(value, 4)}`;
}
