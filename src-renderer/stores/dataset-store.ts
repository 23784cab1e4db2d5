/**
 * The dataset being modelled: its summary, and preview rows fetched page by page from
 * 'data.rows' so a million-row file never crosses the boundary at once.
 */
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import { StudioError } from '../../src-main/shared/contract';
import type { ColumnType, DatasetSummary } from '../../src-main/shared/types';
import { useStudioApi } from '../composables/use-studio-api';
import { uploadBase64 } from '../host/upload-bytes';
import { errorMessage } from '../utils/format';
import { yearLabel } from '../utils/time-labels';

/** Rows fetched per 'data.rows' request. */
export const PAGE_SIZE = 200;

/** An import under way, as the progress bar shows it. */
export interface ImportProgress {
  importId: string;
  /** 0..1 once main has reported; null before (or on hosts that send one message, like uploads). */
  fraction: number | null;
  bytesRead: number | null;
  /** The user pressed Cancel; the request is winding down. */
  cancelling: boolean;
}

/** How to read a file again: its sheet and the user's column types. */
export interface InspectOptions {
  sheet?: string | null;
  typeOverrides?: Record<string, ColumnType>;
}

let importSeq = 0;
/** An id unique within this window, so progress events of an older import are never mistaken for this one. */
export function newImportId(): string {
  importSeq += 1;
  return `import-${Date.now().toString(36)}-${importSeq}`;
}

export const useDatasetStore = defineStore('dataset', () => {
  const summary = ref<DatasetSummary | null>(null);
  const loading = ref(false);
  const error = ref<string | null>(null);
  const totalRows = ref(0);
  // Pages are replaced wholesale, never mutated: a shallow ref with a version counter is
  // enough for the table to re-render, without deep reactivity over thousands of cells.
  const pages = shallowRef(new Map<number, string[][]>());
  const pagesVersion = ref(0);
  const inFlight = new Map<number, Promise<void>>();
  /**
   * Column types the user chose over the detected ones, by column name: the file was read with
   * them, and the spec records them (`data.columnTypes`) so training reads it the same way.
   */
  const typeOverrides = ref<Record<string, ColumnType>>({});
  /** The import in progress, with main's progress reports; null when none runs. */
  const importing = ref<ImportProgress | null>(null);
  const cancelledIds = new Set<string>();

  const columns = computed(() => summary.value?.columns ?? []);
  const numericColumns = computed(() => columns.value.filter((c) => c.type === 'numeric').map((c) => c.name));
  const errorCount = computed(() => summary.value?.problems.filter((p) => p.severity === 'error').length ?? 0);

  function adopt(next: DatasetSummary): void {
    if (summary.value?.path !== next.path) typeOverrides.value = {};
    summary.value = next;
    totalRows.value = next.rows;
    pages.value = new Map();
    inFlight.clear();
    pagesVersion.value += 1;
    error.value = null;
  }

  /**
   * Runs one import: it gets a fresh import id, follows main's 'data.progress' events for it and
   * can be cancelled. A cancelled import leaves the current dataset (and any earlier message) as
   * it was: stopping is the user's choice, not a failure.
   */
  async function run(
    task: (importId: string) => Promise<DatasetSummary | null>,
    /** Another file was asked for: if it fails, the earlier file's card must not stay under the error. */
    replacing = true,
  ): Promise<boolean> {
    const api = useStudioApi();
    const importId = newImportId();
    const previousError = error.value;
    importing.value = { importId, fraction: null, bytesRead: null, cancelling: false };
    const stop = api.on('data.progress', (p) => {
      const current = importing.value;
      if (current?.importId !== p.importId || current.cancelling) return;
      importing.value = { ...current, fraction: p.fraction, bytesRead: p.bytesRead };
    });
    loading.value = true;
    error.value = null;
    const wasCancelled = () => cancelledIds.has(importId);
    try {
      const next = await task(importId);
      // A host that cannot stop its transfer (a browser upload) still answers: drop the answer.
      if (wasCancelled()) {
        error.value = previousError;
        return false;
      }
      if (next) adopt(next);
      return next !== null;
    } catch (e) {
      if (wasCancelled() || (e instanceof StudioError && e.code === 'cancelled')) error.value = previousError;
      else {
        error.value = errorMessage(e);
        if (replacing) clear();
      }
      return false;
    } finally {
      stop();
      cancelledIds.delete(importId);
      if (importing.value?.importId === importId) importing.value = null;
      loading.value = false;
    }
  }

  /** Stops the import in progress; its request then ends without changing the dataset. */
  async function cancelImport(): Promise<void> {
    const current = importing.value;
    if (!current || current.cancelling) return;
    cancelledIds.add(current.importId);
    importing.value = { ...current, cancelling: true };
    try {
      await useStudioApi().request('data.cancelImport', { importId: current.importId });
    } catch {
      // The import is being dropped here either way; main's answer changes nothing for the user.
    }
  }

  /** Forgets the dataset (a new project without data, or one whose file is missing). */
  function clear(): void {
    summary.value = null;
    totalRows.value = 0;
    pages.value = new Map();
    inFlight.clear();
    pagesVersion.value += 1;
    typeOverrides.value = {};
  }

  /**
   * Records the user's type for a column (choosing the detected type again removes the override)
   * and reads the file again with it, so the summary and preview show the column as chosen.
   * Resolves false, keeping the earlier types, when main cannot read the column that way.
   */
  async function setColumnType(name: string, type: ColumnType): Promise<boolean> {
    const current = summary.value;
    const column = current?.columns.find((c) => c.name === name);
    if (!current || !column) return false;
    const next = { ...typeOverrides.value };
    if (type === column.detectedType) delete next[name];
    else next[name] = type;
    return inspect(current.path, { sheet: current.sheet, typeOverrides: next });
  }

  /** The type a column has for modelling: the user's choice, else what main reports. */
  function columnType(name: string): ColumnType | null {
    return typeOverrides.value[name] ?? summary.value?.columns.find((c) => c.name === name)?.type ?? null;
  }

  /** Opens the host's file chooser; resolves false when the user cancels or the file fails. */
  function pick(): Promise<boolean> {
    return run((importId) => useStudioApi().pickDataFile({ importId }));
  }

  /** Lets the user choose a folder of labeled texts (a dialog, or an upload in the browser) and imports it. */
  function pickFolder(): Promise<boolean> {
    return run((importId) => useStudioApi().pickDataFolder({ importId }));
  }

  /** Imports a file the user dropped: its bytes go through 'data.upload', which works on every host. */
  function importFile(file: File): Promise<boolean> {
    return run(async () => {
      const contentBase64 = await uploadBase64(file);
      return useStudioApi().request('data.upload', { fileName: file.name, contentBase64 });
    });
  }

  /**
   * Inspects a file by path (a recent file, a project's file, or a path typed by the user), with
   * the column types the user chose for it, if any.
   */
  async function inspect(path: string, options: InspectOptions = {}): Promise<boolean> {
    const overrides = options.typeOverrides ?? {};
    const ok = await run(
      (importId) =>
        useStudioApi().request('data.inspect', {
          path,
          sheet: options.sheet ?? null,
          importId,
          ...(Object.keys(overrides).length ? { typeOverrides: overrides } : {}),
        }),
      path !== summary.value?.path,
    );
    if (ok) typeOverrides.value = { ...overrides };
    return ok;
  }

  /** Fetches the pages covering rows [start, end) that are not cached yet. */
  async function ensureRows(start: number, end: number): Promise<void> {
    const current = summary.value;
    if (!current) return;
    const first = Math.max(0, Math.floor(start / PAGE_SIZE));
    const last = Math.floor(Math.max(start, end - 1) / PAGE_SIZE);
    const waits: Promise<void>[] = [];
    for (let page = first; page <= last; page += 1) {
      if (page * PAGE_SIZE >= Math.max(totalRows.value, 1) && page > 0) break;
      if (pages.value.has(page)) continue;
      let pending = inFlight.get(page);
      if (!pending) {
        pending = fetchPage(current.id, page);
        inFlight.set(page, pending);
      }
      waits.push(pending);
    }
    await Promise.all(waits);
  }

  async function fetchPage(datasetId: string, page: number): Promise<void> {
    try {
      const result = await useStudioApi().request('data.rows', {
        datasetId,
        offset: page * PAGE_SIZE,
        limit: PAGE_SIZE,
      });
      // A different file may have been opened while this page was on its way.
      if (summary.value?.id !== datasetId) return;
      const next = new Map(pages.value);
      next.set(page, showYears(result.rows, summary.value));
      pages.value = next;
      totalRows.value = result.total;
      pagesVersion.value += 1;
    } catch (e) {
      error.value = errorMessage(e);
    } finally {
      inFlight.delete(page);
    }
  }

  /** The cells of row `index`, or null while its page is still loading. */
  function rowAt(index: number): string[] | null {
    const page = pages.value.get(Math.floor(index / PAGE_SIZE));
    return page?.[index % PAGE_SIZE] ?? null;
  }

  return {
    summary,
    loading,
    error,
    totalRows,
    pagesVersion,
    columns,
    numericColumns,
    errorCount,
    typeOverrides,
    importing,
    adopt,
    cancelImport,
    clear,
    setColumnType,
    columnType,
    pick,
    pickFolder,
    importFile,
    inspect,
    ensureRows,
    rowAt,
  };
});

/** Yearly time columns show "1871", not the "1871-01-01" main may store for them. */
function showYears(rows: string[][], summary: DatasetSummary): string[][] {
  const years = summary.columns.flatMap((c, i) => (c.type === 'datetime' && c.format === 'year' ? [i] : []));
  if (years.length === 0) return rows;
  return rows.map((row) => {
    const copy = row.slice();
    for (const i of years) if (copy[i] !== undefined) copy[i] = yearLabel(copy[i]);
    return copy;
  });
}
