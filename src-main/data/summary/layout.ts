/**
 * What kind of dataset a table is, so the app can suggest a task and a spec:
 * - pairs: texts beside the texts to write from them (two string columns, mostly distinct);
 * - text: a corpus or a single text column; labeled-text: a text column and a label column
 *   (a folder of texts is labeled-text when it has label subfolders);
 * - long: an id column + time + value(s), one series per id (time stamps repeat across ids);
 * - single: one numeric series; wide: several series of the same quantity (months as columns,
 *   one column per store); multivariate: several different variables measured together.
 */
import type { ColumnSummary, DatasetSummary } from '../../shared/types';
import type { Table } from '../table';
import { DISTINCT_CAP } from './column-stats';

export interface LayoutInfo {
  layout: DatasetSummary['layout'];
  timeColumn: string | null;
  idColumn: string | null;
}

const PERIOD_NAME =
  /^(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|january|february|march|april|june|july|august|september|october|november|december|q[1-4]|mon|tue|wed|thu|fri|sat|sun|h?\d{1,4})$/i;

/** Numeric columns read as one quantity when named like periods, or sharing a stem ("store_1", "store_2"). */
function sameQuantity(cols: ColumnSummary[]): boolean {
  const periodNames = cols.filter((c) => PERIOD_NAME.test(c.name.trim())).length;
  if (periodNames >= Math.max(3, cols.length * 0.8)) return true;
  const stems = new Set(cols.map((c) => c.name.toLowerCase().replace(/[\s_\-.]*\d+$/, '')));
  if (stems.size === 1 && cols.every((c) => /\d$/.test(c.name))) return true;
  // Similar magnitudes suggest one unit (sales of several stores); different variables rarely line up.
  const means = cols.map((c) => Math.abs(c.mean ?? NaN)).filter((m) => Number.isFinite(m) && m > 0);
  if (cols.length >= 3 && means.length === cols.length) {
    const ratio = Math.max(...means) / Math.min(...means);
    return ratio <= 3;
  }
  return false;
}

/** Counts (time, id) pairs that repeat, to tell a true id column from an incidental label. */
function pairRepeats(table: Table, time: string, id: string): number {
  const t = table.columns.find((c) => c.name === time);
  const g = table.columns.find((c) => c.name === id);
  if (!t || !g || t.type !== 'datetime' || (g.type !== 'categorical' && g.type !== 'text')) return Infinity;
  const seen = new Set<string>();
  let repeats = 0;
  for (let i = 0; i < table.rowCount; i++) {
    const key = `${t.values[i]}\u0000${g.values[i]}`;
    if (seen.has(key)) repeats++;
    else seen.add(key);
  }
  return repeats;
}

/**
 * Whether any time stamp repeats. The summary counts distinct values only up to DISTINCT_CAP, so
 * a longer column (five years of hours) is checked here, or every large file would look long.
 */
function stampsRepeat(table: Table, time: ColumnSummary): boolean {
  if (time.distinct < DISTINCT_CAP) return time.distinct < table.rowCount - time.missing;
  const values = table.columns.find((c) => c.name === time.name)?.values ?? [];
  const seen = new Set<number>();
  for (const v of values) {
    if (typeof v !== 'number' || Number.isNaN(v)) continue;
    if (seen.has(v)) return true;
    seen.add(v);
  }
  return false;
}

/**
 * Pairs of texts: only string columns, the first two each mostly different from row to row (a
 * sentence beside its translation, a date as written beside its ISO form). A column of few
 * distinct values is a label, and a numeric or date column makes a table of records instead.
 */
function looksLikePairs(columns: ColumnSummary[], rows: number): boolean {
  if (columns.some((c) => c.type === 'numeric' || c.type === 'datetime')) return false;
  const strings = columns.filter((c) => c.type === 'text' || c.type === 'categorical');
  if (strings.length < 2) return false;
  return strings.slice(0, 2).every((c) => {
    const present = rows - c.missing;
    return present >= 2 && c.distinct >= Math.min(present / 2, DISTINCT_CAP * 0.99);
  });
}

/**
 * The time axis among the date columns: the one with the most distinct stamps (a file with a year
 * column and a full date beside it runs on the dates); the first on a tie.
 */
export function mainTimeColumn(columns: ColumnSummary[]): ColumnSummary | null {
  let best: ColumnSummary | null = null;
  for (const c of columns) if (c.type === 'datetime' && (!best || c.distinct > best.distinct)) best = c;
  return best;
}

export function detectLayout(table: Table, columns: ColumnSummary[], format: DatasetSummary['format']): LayoutInfo {
  if (format === 'text') return { layout: 'text', timeColumn: null, idColumn: null };
  // A folder's layout is its structure: label subfolders give the table a 'label' column.
  if (format === 'folder') {
    const labeled = table.columns.some((c) => c.name === 'label');
    return { layout: labeled ? 'labeled-text' : 'text', timeColumn: null, idColumn: null };
  }
  const rows = table.rowCount;
  if (looksLikePairs(columns, rows)) return { layout: 'pairs', timeColumn: null, idColumn: null };
  const time = mainTimeColumn(columns);
  const timeColumn = time?.name ?? null;
  const texts = columns.filter((c) => c.type === 'text');
  if (texts.length > 0) {
    const label = columns.find(
      (c) =>
        (c.type === 'categorical' && c.distinct >= 2 && c.distinct <= Math.max(2, Math.min(100, rows / 2))) ||
        (c.type === 'numeric' && c.distinct >= 2 && c.distinct <= 20 && c.min !== null && Number.isInteger(c.min)),
    );
    return { layout: label ? 'labeled-text' : 'text', timeColumn, idColumn: null };
  }
  const numeric = columns.filter((c) => c.type === 'numeric' && c.missing < rows);
  if (time && stampsRepeat(table, time)) {
    // Time stamps repeat: look for the column that makes (time, id) unique.
    const candidates = columns.filter(
      (c) => (c.type === 'categorical' || c.type === 'text') && c.distinct >= 2 && c.distinct <= rows / 2,
    );
    let best: { name: string; repeats: number } | null = null;
    for (const c of candidates) {
      const repeats = pairRepeats(table, time.name, c.name);
      if (!best || repeats < best.repeats) best = { name: c.name, repeats };
    }
    if (best && best.repeats <= rows * 0.01 && numeric.length >= 1) {
      return { layout: 'long', timeColumn, idColumn: best.name };
    }
  }
  if (numeric.length <= 1) return { layout: 'single', timeColumn, idColumn: null };
  return { layout: sameQuantity(numeric) ? 'wide' : 'multivariate', timeColumn, idColumn: null };
}
