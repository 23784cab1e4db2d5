/**
 * The in-memory table an import produces: one typed array per column, never the raw text.
 * Missing numeric / datetime values are NaN; missing strings are null.
 */
import type { TimeParts } from '../shared/spec';
import type { ColumnType, DatasetSummary } from '../shared/types';

export type TableColumn =
  | { name: string; type: 'numeric'; values: Float64Array }
  /** Milliseconds since the Unix epoch (UTC). */
  | { name: string; type: 'datetime'; values: Float64Array }
  | {
      name: string;
      type: 'categorical' | 'text';
      values: (string | null)[];
      /**
       * The text of cells read as missing marks ('-', 'NA', '?'), by row, when the file had any: a
       * column of words holds them as words (tagged-table.ts).
       */
      marks?: Map<number, string>;
    };

export interface Table {
  columns: TableColumn[];
  rowCount: number;
}

export interface LoadOptions {
  sheet?: string | null;
  /** User overrides of detected column types. */
  typeOverrides?: Record<string, ColumnType>;
  /** Time read from several columns (the spec's choice); null or absent detects it. */
  timeParts?: TimeParts | null;
  signal?: AbortSignal;
  /** Fraction of the file read, 0..1, and the bytes read so far; called a few times per second at most. */
  onProgress?: (fraction: number, bytesRead?: number) => void;
}

export interface LoadedTable {
  table: Table;
  summary: DatasetSummary;
}

export function column(table: Table, name: string): TableColumn {
  const c = table.columns.find((col) => col.name === name);
  if (!c) throw new Error(`The column "${name}" is not in this file.`);
  return c;
}

/** A cell as a label: its text, or a number as written; null when missing (null or NaN). */
export function cellLabel(column: TableColumn, row: number): string | null {
  const v = column.values[row];
  return v === null || (typeof v === 'number' && Number.isNaN(v)) ? null : String(v);
}

/**
 * The first and last of `count` positions whose value is present (not NaN), as [first, last]; first
 * is greater than last when none is. Series unfolded from a calendar or a row of times start at their
 * first value and end at their last.
 */
export function presentSpan(count: number, valueAt: (i: number) => number): [number, number] {
  let first = 0;
  let last = count - 1;
  while (first <= last && Number.isNaN(valueAt(first))) first++;
  while (last >= first && Number.isNaN(valueAt(last))) last--;
  return [first, last];
}
