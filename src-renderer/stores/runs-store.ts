/**
 * Past and current runs: the list from 'runs.list', the one opened in Results, and the runs
 * picked in the Runs view for comparison (their full results fetched once and kept).
 */
import { defineStore } from 'pinia';
import { computed, ref, shallowRef } from 'vue';
import type { RunResult, RunSummary } from '../../src-main/shared/types';
import { summaryOf } from '../../src-main/shared/run-summary';
import type { RayImport } from '../../src-main/shared/ray-trial-schema';
import { useAsyncAction } from '../composables/use-async-action';
import { useStudioApi } from '../composables/use-studio-api';

export const useRunsStore = defineStore('runs', () => {
  const list = ref<RunSummary[]>([]);
  const current = ref<RunResult | null>(null);
  const loading = ref(false);
  const error = ref<string | null>(null);
  /** Where the current run's model was saved, once the user saved it. */
  const savedTo = ref<string | null>(null);
  const saving = ref(false);
  /** A model folder is being imported as a run. */
  const importing = ref(false);
  /** What the last import of a Keras model or a Ray Tune search brought in (and what it refused); null before any. */
  const importReport = ref<string | null>(null);
  /** Runs ticked in the Runs view, in the order they were ticked. */
  const selected = ref<string[]>([]);
  // Full results of compared runs; a run's result does not change once it has ended.
  const details = shallowRef(new Map<string, RunResult>());
  const detailsLoading = ref(false);

  const act = useAsyncAction(error);

  const selectedDetails = computed(() =>
    selected.value.map((id) => details.value.get(id)).filter((r): r is RunResult => r !== undefined),
  );

  async function refresh(): Promise<void> {
    await act(
      loading,
      async () => {
        list.value = await useStudioApi().request('runs.list', undefined);
      },
      undefined,
    );
  }

  /** Opens a stored run in Results. */
  async function open(runId: string): Promise<boolean> {
    return act(
      loading,
      async () => {
        adopt(await useStudioApi().request('runs.get', { runId }));
        return true;
      },
      false,
    );
  }

  /** Makes a finished run the current one and keeps the list in step with it. */
  function adopt(run: RunResult): void {
    if (current.value?.runId !== run.runId) savedTo.value = null;
    current.value = run;
    error.value = null;
    list.value = [summaryOf(run), ...list.value.filter((r) => r.runId !== run.runId)];
  }

  /** Lets the user save the current run's model; resolves the destination, or null when cancelled. */
  async function saveModel(): Promise<string | null> {
    const run = current.value;
    if (!run) return null;
    return act(
      saving,
      async () => {
        const where = await useStudioApi().saveModel(run.runId);
        if (where) savedTo.value = where;
        return where;
      },
      null,
    );
  }

  /** Ticks or unticks a run for comparison and fetches its result when first needed. */
  async function toggleSelected(runId: string): Promise<void> {
    selected.value = selected.value.includes(runId)
      ? selected.value.filter((id) => id !== runId)
      : [...selected.value, runId];
    await loadDetails(selected.value);
  }

  async function loadDetails(ids: readonly string[]): Promise<void> {
    const missing = ids.filter((id) => !details.value.has(id));
    if (missing.length === 0) return;
    await act(
      detailsLoading,
      async () => {
        const results = await Promise.all(missing.map((runId) => useStudioApi().request('runs.get', { runId })));
        const next = new Map(details.value);
        for (const r of results) next.set(r.runId, r);
        details.value = next;
      },
      undefined,
    );
  }

  /** Deletes a stored run; it leaves the list, the comparison and Results. */
  async function remove(runId: string): Promise<boolean> {
    return act(
      null,
      async () => {
        await useStudioApi().request('runs.delete', { runId });
        list.value = list.value.filter((r) => r.runId !== runId);
        selected.value = selected.value.filter((id) => id !== runId);
        if (current.value?.runId === runId) current.value = null;
        return true;
      },
      false,
    );
  }

  /**
   * Lets the user choose an exported TensorFlow.js model folder (a dialog, or an upload in the
   * browser) and adds it as a run (to predict with or train further); it joins the top of the
   * list. Resolves null when the user cancels, or with `error` set when main refuses.
   */
  async function importModel(): Promise<RunSummary | null> {
    return act(
      importing,
      async () => {
        const run = await useStudioApi().importModel();
        if (run) list.value = [run, ...list.value.filter((r) => r.runId !== run.runId)];
        return run;
      },
      null,
    );
  }

  function addImported(runs: RunSummary[]): void {
    const ids = new Set(runs.map((r) => r.runId));
    list.value = [...runs, ...list.value.filter((r) => !ids.has(r.runId))];
  }

  /**
   * Lets the user choose a Keras 3 .keras model (a training project's output, or any model that
   * fits a run's preparation) and imports it as a scored run. A refused model's reason lands in
   * `error`; null when the user cancels.
   */
  async function importKeras(): Promise<RunSummary | null> {
    return act(
      importing,
      async () => {
        const run = await useStudioApi().importKeras();
        if (run) {
          addImported([run]);
          importReport.value = `Imported the Keras model as the run "${run.name}".`;
        }
        return run;
      },
      null,
    );
  }

  /**
   * Lets the user choose the results folder of a Ray Tune search (a training project's search.py)
   * and imports its trials as runs; `importReport` says how many came in and why others did not.
   */
  async function importRay(): Promise<RayImport | null> {
    return act(
      importing,
      async () => {
        const result = await useStudioApi().importRay();
        if (result) {
          addImported(result.imported);
          importReport.value = rayImportReport(result);
        }
        return result;
      },
      null,
    );
  }

  /** The full result of a run, from the comparison cache or from main. */
  async function fetchRun(runId: string): Promise<RunResult | null> {
    await loadDetails([runId]);
    return details.value.get(runId) ?? null;
  }

  return {
    list,
    current,
    loading,
    error,
    savedTo,
    saving,
    importing,
    importReport,
    selected,
    selectedDetails,
    detailsLoading,
    refresh,
    open,
    adopt,
    saveModel,
    toggleSelected,
    remove,
    fetchRun,
    importModel,
    importKeras,
    importRay,
  };
});

/** "Imported 3 of 4 trials of the search. Not imported: trial_2: the trial failed in Ray: …" */
export function rayImportReport(result: RayImport): string {
  const total = result.imported.length + result.refused.length;
  const head = `Imported ${result.imported.length} of ${total} trial${total === 1 ? '' : 's'} of the Ray Tune search.`;
  if (!result.refused.length) return head;
  return `${head} Not imported: ${result.refused.map((r) => `${r.folder}: ${r.reason}`).join(' ')}`;
}
