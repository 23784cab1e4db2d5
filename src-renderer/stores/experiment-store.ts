/**
 * The experiment spec being edited. It starts from main's suggestion for the dataset; every
 * edit is validated by main ('spec.validate') and the architecture summary is rebuilt
 * ('model.summary'), debounced so typing stays smooth.
 */
import { defineStore } from 'pinia';
import { computed, nextTick, onScopeDispose, ref, watch } from 'vue';
import type { ExperimentSpec, RecurrentLayerSpec, SpecProblem, Task } from '../../src-main/shared/spec';
import type { SplitWindows } from '../../src-main/shared/types-checks';
import type { ModelSummary, RunResult } from '../../src-main/shared/types';
import { useAsyncAction } from '../composables/use-async-action';
import { useStudioApi } from '../composables/use-studio-api';
import { debounce } from '../utils/debounce';
import { errorMessage } from '../utils/format';
import { problemInWords } from '../utils/problem-words';

/** Delay between the last edit and the validation / summary requests. */
export const REFRESH_DELAY_MS = 300;

export const useExperimentStore = defineStore('experiment', () => {
  const spec = ref<ExperimentSpec | null>(null);
  const problems = ref<SpecProblem[]>([]);
  const summary = ref<ModelSummary | null>(null);
  const valid = ref(false);
  /** Samples per split the spec leaves on its data (main's count), and cautions about them. */
  const windows = ref<SplitWindows | null>(null);
  const cautions = ref<string[]>([]);
  const checking = ref(false);
  /** An edit is waiting for (or in) its check: the summary and problems may not reflect it yet. */
  const stale = ref(false);
  const loading = ref(false);
  const error = ref<string | null>(null);
  /** The run whose weights the next training continues from; null trains from scratch. */
  const continueFrom = ref<{ runId: string; name: string } | null>(null);
  // Responses can arrive out of order; only the newest request may write its result.
  let generation = 0;
  const act = useAsyncAction(error);

  /**
   * Problems for a field, by dotted path; nested paths count for their parent field unless
   * `exact` (e.g. the layer count field, whose per-layer problems show beside each layer).
   */
  function problemsFor(path: string, exact = false): SpecProblem[] {
    return problems.value.filter((p) => p.path === path || (!exact && p.path.startsWith(`${path}.`)));
  }

  const problemCount = computed(() => problems.value.length);

  async function refreshNow(): Promise<void> {
    refreshLater.cancel();
    const current = spec.value;
    if (!current) return;
    const mine = ++generation;
    // A plain copy: the reactive proxy cannot cross a structured-clone boundary.
    const payload: unknown = JSON.parse(JSON.stringify(current));
    const api = useStudioApi();
    checking.value = true;
    try {
      const [validation, model] = await Promise.all([
        api.request('spec.validate', { spec: payload }),
        api.request('model.summary', { spec: payload }).catch(() => null),
      ]);
      if (mine !== generation) return;
      valid.value = validation.ok;
      windows.value = validation.windows ?? null;
      cautions.value = validation.cautions ?? [];
      problems.value = dedupe([...validation.problems, ...(model?.problems ?? [])]).map((p) => ({
        ...p,
        message: problemInWords(p.message),
      }));
      summary.value = model;
      error.value = null;
      stale.value = false;
    } catch (e) {
      if (mine !== generation) return;
      error.value = errorMessage(e);
      stale.value = false;
    } finally {
      if (mine === generation) checking.value = false;
    }
  }

  const refreshLater = debounce(() => void refreshNow(), REFRESH_DELAY_MS);
  watch(
    spec,
    () => {
      stale.value = spec.value !== null;
      refreshLater();
    },
    { deep: true },
  );
  onScopeDispose(() => refreshLater.cancel());

  /**
   * Replaces the spec with main's suggestion for the dataset (and target and task, when given).
   * Without a task, main proposes the one the file's layout calls for: labelled texts are
   * classified, a text corpus generates text, series are forecast.
   */
  async function suggest(datasetId: string, target?: string, task?: Task): Promise<boolean> {
    const args = { datasetId, ...(task ? { task } : {}), ...(target ? { target } : {}) };
    return act(
      loading,
      async () => {
        await load(await useStudioApi().request('spec.suggest', args));
        return true;
      },
      false,
    );
  }

  /**
   * Puts a whole spec in the form (an opened project, a run to duplicate, a preset) and checks
   * it at once. A deep copy, so later edits never reach the object it came from.
   */
  async function load(next: ExperimentSpec | null): Promise<void> {
    if (!next) {
      reset();
      return;
    }
    continueFrom.value = null;
    spec.value = JSON.parse(JSON.stringify(next)) as ExperimentSpec;
    error.value = null;
    // Let the edit watcher see the new spec first, so refreshNow() cancels its duplicate run.
    await nextTick();
    await refreshNow();
  }

  /**
   * Puts a run's settings in the form to train it further: the next training starts from its
   * saved weights (main checks that the network still matches), typically with more epochs.
   */
  async function continueTraining(run: Pick<RunResult, 'runId' | 'name' | 'spec'>): Promise<void> {
    await load(run.spec);
    continueFrom.value = { runId: run.runId, name: run.name };
  }

  /** Trains the form's settings from scratch instead of continuing a run. */
  function trainFromScratch(): void {
    continueFrom.value = null;
  }

  /** Grows or shrinks the recurrent stack, copying the last layer's settings to new layers. */
  function setLayerCount(count: number): void {
    const current = spec.value;
    if (!current || !Number.isInteger(count) || count < 1) return;
    const layers = current.model.layers;
    while (layers.length > count) layers.pop();
    while (layers.length < count) {
      const last: RecurrentLayerSpec = layers[layers.length - 1] ?? {
        units: 32,
        bidirectional: false,
        merge: 'concat',
        dropout: 0,
        recurrentDropout: 0,
      };
      layers.push({ ...last });
    }
  }

  /** Sets one setting on every recurrent layer (e.g. bidirectional for the whole stack). */
  function setForAllLayers<K extends keyof RecurrentLayerSpec>(key: K, value: RecurrentLayerSpec[K]): void {
    for (const layer of spec.value?.model.layers ?? []) layer[key] = value;
  }

  function reset(): void {
    refreshLater.cancel();
    generation += 1;
    spec.value = null;
    problems.value = [];
    summary.value = null;
    valid.value = false;
    error.value = null;
    stale.value = false;
    continueFrom.value = null;
  }

  return {
    spec,
    problems,
    summary,
    valid,
    windows,
    cautions,
    checking,
    stale,
    continueFrom,
    loading,
    error,
    problemCount,
    problemsFor,
    refreshNow,
    suggest,
    load,
    continueTraining,
    trainFromScratch,
    setLayerCount,
    setForAllLayers,
    reset,
  };
});

function dedupe(list: SpecProblem[]): SpecProblem[] {
  const seen = new Set<string>();
  return list.filter((p) => {
    const key = `${p.path}\u0000${p.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}
