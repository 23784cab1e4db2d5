/**
 * The datasets opened in this session: id → file, summary and loaded table. The table stays
 * in memory so preview pages ('data.rows') need no second read of the file. Imports in
 * progress can be followed (progress callbacks) and cancelled by the id the caller gave them.
 */
import { randomUUID } from 'node:crypto';
import type { ColumnType, DatasetSummary } from '../shared/types';
import { dateLabel } from '../data/summary/date-label';
import type { LoadedTable, LoadOptions, Table, TableColumn } from '../data/table';
import { ServiceError } from '../shared/service-error';

/** At most this many progress reports a second reach the caller (each one re-renders the UI). */
export const IMPORT_PROGRESS_INTERVAL_MS = 200;

/** How far an import has got. */
export interface ImportProgress {
  fraction: number;
  bytesRead: number;
}

/** What an import needs besides the file and sheet. */
export interface OpenOptions {
  /** The user's column type overrides, applied while the file is read. */
  typeOverrides?: Record<string, ColumnType>;
  /** Names the import so that `cancelImport` can stop it. */
  importId?: string;
  /** Throttled to one call per IMPORT_PROGRESS_INTERVAL_MS at most. */
  onProgress?: (progress: ImportProgress) => void;
  /** Clock for the throttle (tests replace it). */
  now?: () => number;
}

/** The answer to a cancelled import: the renderer shows the message as it is. */
export function importCancelled(): ServiceError {
  return new ServiceError('cancelled', 'Import cancelled.');
}

/** Reads a file into a table and summary (data/import/load-table.ts in production). */
export type TableLoader = (path: string, options?: LoadOptions) => Promise<LoadedTable>;

interface Entry {
  summary: DatasetSummary;
  table: Table;
}

/** Keeps the most recently opened datasets; older ones are dropped to bound memory. */
export class DatasetRegistry {
  private readonly entries = new Map<string, Entry>();
  private readonly imports = new Map<string, AbortController>();

  constructor(
    private readonly load: TableLoader,
    private readonly capacity = 8,
  ) {}

  /**
   * Loads a file, registers it under a new id and returns its summary.
   * @throws ServiceError 'cancelled' when `cancelImport(options.importId)` stopped it; nothing is registered then.
   */
  async open(path: string, sheet: string | null = null, options: OpenOptions = {}): Promise<DatasetSummary> {
    const { importId } = options;
    if (importId !== undefined && this.imports.has(importId)) {
      throw new ServiceError('invalid-request', `An import with the id "${importId}" is already running.`);
    }
    const controller = new AbortController();
    if (importId !== undefined) this.imports.set(importId, controller);
    let loaded: LoadedTable;
    try {
      loaded = await this.load(path, {
        sheet,
        typeOverrides: options.typeOverrides,
        signal: controller.signal,
        onProgress: options.onProgress ? throttle(options.onProgress, options.now ?? Date.now) : undefined,
      });
    } catch (err) {
      if (controller.signal.aborted) throw importCancelled();
      throw err;
    } finally {
      if (importId !== undefined) this.imports.delete(importId);
    }
    // A cancel that arrives after the last byte was read still wins: the user asked for nothing.
    if (controller.signal.aborted) throw importCancelled();
    const summary: DatasetSummary = { ...loaded.summary, id: randomUUID() };
    this.entries.set(summary.id, { summary, table: loaded.table });
    while (this.entries.size > this.capacity) {
      const oldest = this.entries.keys().next().value;
      if (oldest === undefined) break;
      this.entries.delete(oldest);
    }
    return summary;
  }

  /** Stops a running import; false when no import has that id (finished already, or never started). */
  cancelImport(importId: string): boolean {
    const controller = this.imports.get(importId);
    if (!controller) return false;
    controller.abort();
    return true;
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

  /** The loaded table of the most recently opened dataset read from `path`, or null. */
  tableByPath(path: string): Table | null {
    let found: Table | null = null;
    for (const { summary, table } of this.entries.values()) if (summary.path === path) found = table;
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

/** Whether a date column holds any time of day, once per column. */
const timesOfDay = new WeakMap<TableColumn, boolean>();

function hasTimeOfDay(column: Extract<TableColumn, { type: 'datetime' }>): boolean {
  let known = timesOfDay.get(column);
  if (known === undefined) {
    known = column.values.some((v) => !Number.isNaN(v) && v % 86_400_000 !== 0);
    timesOfDay.set(column, known);
  }
  return known;
}

/** A cell as the preview shows it: empty for missing, ISO dates (with times in a column that has them), numbers as written. */
export function formatCell(column: TableColumn, row: number): string {
  if (column.type === 'numeric') {
    const v = column.values[row];
    return Number.isNaN(v) ? '' : String(v);
  }
  if (column.type === 'datetime') return dateLabel(column.values[row], hasTimeOfDay(column));
  return column.values[row] ?? '';
}

/** Passes a report on when at least IMPORT_PROGRESS_INTERVAL_MS passed since the last one passed. */
export function throttle(
  report: (progress: ImportProgress) => void,
  now: () => number,
): (fraction: number, bytesRead?: number) => void {
  let last = -Infinity;
  return (fraction, bytesRead) => {
    const t = now();
    if (t - last < IMPORT_PROGRESS_INTERVAL_MS) return;
    last = t;
    report({ fraction, bytesRead: bytesRead ?? 0 });
  };
}
