/** Reading the columns a classifier needs from a Table, with messages that name the column. */
import { DataError } from '../../../data/data-error';
import { requireColumn } from '../../../data/require-column';
import type { Table, TableColumn } from '../../../data/table';
import type { ExperimentSpec } from '../../../shared/spec';

export { requireColumn };

/** Whether a column is read as a feature when the spec names none: numeric, and not the label, time or id. */
export function readByDefault(column: { name: string; type: string }, data: ExperimentSpec['data']): boolean {
  return column.type === 'numeric' && ![data.targetColumns[0], data.timeColumn, data.idColumn].includes(column.name);
}

/**
 * Numeric feature columns: the spec's, or every numeric column that is not the label, time or id.
 * `noneMessage` is the error when there are none (it says what the task needs instead).
 */
export function numericFeatureColumns(table: Table, data: ExperimentSpec['data'], noneMessage: string): TableColumn[] {
  const names = data.featureColumns.length
    ? data.featureColumns
    : table.columns.filter((c) => readByDefault(c, data)).map((c) => c.name);
  if (names.length === 0) throw new DataError(noneMessage);
  return names.map((n) => {
    const c = requireColumn(table, n, 'feature');
    if (c.type !== 'numeric') throw new DataError(`The feature column '${n}' must hold numbers.`, { column: n });
    return c;
  });
}

/** The text column: the one the spec names, else the first text column that is not excluded. */
export function textColumn(table: Table, named: string | null, exclude: string[]): TableColumn {
  if (named) return requireColumn(table, named, 'text');
  const found =
    table.columns.find((c) => c.type === 'text' && !exclude.includes(c.name)) ??
    table.columns.find((c) => c.type === 'categorical' && !exclude.includes(c.name));
  if (!found) throw new DataError('This file has no text column. Choose the column that holds the text.');
  return found;
}

/** Cell values as strings (null when missing), whatever the column type. */
export function stringValues(c: TableColumn): (string | null)[] {
  if (c.type !== 'numeric' && c.type !== 'datetime') return c.values;
  const out: (string | null)[] = [];
  for (const v of c.values) out.push(Number.isFinite(v) ? String(v) : null);
  return out;
}

/** Label values for the label encoder: strings, or numbers (NaN when missing). */
export function labelValues(c: TableColumn): (string | number | null)[] {
  if (c.type !== 'numeric' && c.type !== 'datetime') return c.values;
  const out: number[] = [];
  for (const v of c.values) out.push(v);
  return out;
}
