/**
 * The datasets opened in this session: id → file, summary and loaded table. The table stays
 * in memory so preview pages ('data.rows') need no second read of the file.
 */
import { randomUUID } from 'node:crypto';
import type { DatasetSummary } from '../shared/types';
import type { LoadedTable, LoadOptions, Table, TableColumn } from '../data/table';
import { ServiceError } from './service-error';

/** Reads a file into a table and summary (data/import/load-table.ts in production). */
export type TableLoader = (path: string, options?: LoadOptions) => Promise<LoadedTable>;

interface Entry {
  summary: DatasetSummary;
  table: Table;
}

/** Keeps the most recently opened datasets; older ones are dropped to bound memory. */
export class DatasetRegistry {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly load: TableLoader,
    private readonly capacity = 8,
  ) {}

  /** Loads a file, registers it under a new id and returns its summary. */
  async open(path: string, sheet: string | null = null): Promise<DatasetSummary> {
    const loaded = await this.load(path, { sheet });
    const summary: DatasetSummary = { ...loaded.summary, id: randomUUID() };
    this.entries.set(summary.id, { summary, table: loaded.table });
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    return summary;
  }

  /** The summary of an opened dataset; throws 'not-found' for an unknown id. */
  summary(id: string): DatasetSummary {
    return this.entry(id).summary;
  }

  /** The most recently opened dataset read from `path`, or null. */
  findByPath(path: string): DatasetSummary | null {
    let found: DatasetSummary | null = null;
    for (const { summary } of this.entries.values()) if (summary.path === path) found = summary;
    return found;
  }

  /** One page of rows as display strings, in the file's column order. */
  rows(id: string, offset: number, limit: number): { rows: string[][]; total: number } {
    const { table } = this.entry(id);
    const end = Math.min(table.rowCount, offset + limit);
    const rows: string[][] = [];
    for (let r = offset; r < end; r++) rows.push(table.columns.map((c) => formatCell(c, r)));
    return { rows, total: table.rowCount };
  }

  private entry(id: string): Entry {
    const entry = this.entries.get(id);
    if (!entry) throw new ServiceError('not-found', 'This dataset is no longer open. Import the file again.');
    return entry;
  }
}

/** A cell as the preview shows it: empty for missing, ISO dates, numbers as written. */
export function formatCell(column: TableColumn, row: number): string {
  if (column.type === 'numeric') {
    const v = column.values[row];
    return Number.isNaN(v) ? '' : String(v);
  }
  if (column.type === 'datetime') {
    const v = column.values[row];
    if (Number.isNaN(v)) return '';
    const iso = new Date(v).toISOString();
    // Dates without a time of day read better without "T00:00:00.000Z".
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.replace('.000Z', 'Z');
  }
  return column.values[row] ?? '';
}
