/**
 * The dataset being modelled: its summary, and preview rows fetched page by page from
 * 'data.rows' so a million-row file never crosses the boundary at once.
 */
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { ColumnType, DatasetSummary } from '../../src-main/shared/types';
import { useStudioApi } from '../composables/use-studio-api';
import { errorMessage } from '../utils/format';

/** Rows fetched per 'data.rows' request. */
export const PAGE_SIZE = 200;

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
   * Column types the user chose over the detected ones, by column name. Kept here and shown in
   * the Data view; the file is read again with them once main accepts overrides.
   */
  const typeOverrides = ref<Record<string, ColumnType>>({});

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

  async function run(task: () => Promise<DatasetSummary | null>): Promise<boolean> {
    loading.value = true;
    error.value = null;
    try {
      const next = await task();
      if (next) adopt(next);
      return next !== null;
    } catch (e) {
      error.value = errorMessage(e);
      return false;
    } finally {
      loading.value = false;
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

  /** Records the user's type for a column; choosing the detected type again removes the override. */
  function setColumnType(name: string, type: ColumnType): void {
    const column = summary.value?.columns.find((c) => c.name === name);
    if (!column) return;
    const next = { ...typeOverrides.value };
    if (type === column.detectedType) delete next[name];
    else next[name] = type;
    typeOverrides.value = next;
  }

  /** The type a column has for modelling: the user's choice, else what main reports. */
  function columnType(name: string): ColumnType | null {
    return typeOverrides.value[name] ?? summary.value?.columns.find((c) => c.name === name)?.type ?? null;
  }

  /** Opens the host's file chooser; resolves false when the user cancels or the file fails. */
  function pick(): Promise<boolean> {
    return run(() => useStudioApi().pickDataFile());
  }

  /** Imports a file the user dropped: its bytes go through 'data.upload', which works on every host. */
  function importFile(file: File): Promise<boolean> {
    return run(async () => {
      const contentBase64 = await fileToBase64(file);
      return useStudioApi().request('data.upload', { fileName: file.name, contentBase64 });
    });
  }

  /** Inspects a file by path (a recent file, or a path typed by the user). */
  function inspect(path: string): Promise<boolean> {
    return run(() => useStudioApi().request('data.inspect', { path }));
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
      next.set(page, result.rows);
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
    adopt,
    clear,
    setColumnType,
    columnType,
    pick,
    importFile,
    inspect,
    ensureRows,
    rowAt,
  };
});

async function fileToBase64(file: File): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  // Chunked so large files do not overflow the argument limit of String.fromCharCode.
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
}
