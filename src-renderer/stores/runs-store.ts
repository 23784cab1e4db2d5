/** Past and current runs: the list from 'runs.list' and the one opened in Results. */
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { RunResult, RunSummary } from '../../src-main/shared/types';
import { useStudioApi } from '../composables/use-studio-api';
import { errorMessage } from '../utils/format';

export const useRunsStore = defineStore('runs', () => {
  const list = ref<RunSummary[]>([]);
  const current = ref<RunResult | null>(null);
  const loading = ref(false);
  const error = ref<string | null>(null);
  /** Where the current run's model was saved, once the user saved it. */
  const savedTo = ref<string | null>(null);
  const saving = ref(false);

  async function refresh(): Promise<void> {
    loading.value = true;
    try {
      list.value = await useStudioApi().request('runs.list', undefined);
      error.value = null;
    } catch (e) {
      error.value = errorMessage(e);
    } finally {
      loading.value = false;
    }
  }

  /** Opens a stored run in Results. */
  async function open(runId: string): Promise<boolean> {
    loading.value = true;
    try {
      adopt(await useStudioApi().request('runs.get', { runId }));
      return true;
    } catch (e) {
      error.value = errorMessage(e);
      return false;
    } finally {
      loading.value = false;
    }
  }

  /** Makes a finished run the current one and keeps the list in step with it. */
  function adopt(run: RunResult): void {
    if (current.value?.runId !== run.runId) savedTo.value = null;
    current.value = run;
    error.value = null;
    const summary: RunSummary = {
      runId: run.runId,
      name: run.name,
      task: run.task,
      status: run.status,
      startedAt: run.startedAt,
      durationSeconds: run.durationSeconds,
      backend: run.backend,
      headline: run.headline,
    };
    list.value = [summary, ...list.value.filter((r) => r.runId !== run.runId)];
  }

  /** Lets the user save the current run's model; resolves the destination, or null when cancelled. */
  async function saveModel(): Promise<string | null> {
    const run = current.value;
    if (!run) return null;
    saving.value = true;
    try {
      const where = await useStudioApi().saveModel(run.runId);
      if (where) savedTo.value = where;
      error.value = null;
      return where;
    } catch (e) {
      error.value = errorMessage(e);
      return null;
    } finally {
      saving.value = false;
    }
  }

  return { list, current, loading, error, savedTo, saving, refresh, open, adopt, saveModel };
});
