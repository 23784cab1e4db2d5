/** Reading the columns a classifier needs from a Table, with messages that name the column. */
import { DataError } from '../data/data-error';
import type { Table, TableColumn } from '../data/table';

/** The named column, or a DataError listing the file's columns. */
export function requireColumn(table: Table, name: string, role: string): TableColumn {
  const c = table.columns.find((col) => col.name === name);
  if (!c) {
    const names = table.columns.map((col) => `'${col.name}'`).join(', ');
    throw new DataError(`The ${role} column '${name}' is not in this file. Its columns are ${names}.`, {
      column: name,
    });
  }
  return c;
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
