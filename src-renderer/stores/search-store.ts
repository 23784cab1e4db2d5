/**
 * Hyperparameter search: the plan the user builds (grid or random, dimensions, run budget),
 * 'search.start', then the live table from 'search.updated' events, and 'search.cancel'. The
 * automatic search ('search.startAutomatic') needs only a time budget and shows in the same state.
 */
import { defineStore } from 'pinia';
import { computed, onScopeDispose, ref } from 'vue';
import type { ExperimentSpec } from '../../src-main/shared/spec';
import type { SearchDimension, SearchState } from '../../src-main/shared/types-project';
import { useAsyncAction } from '../composables/use-async-action';
import { useStudioApi } from '../composables/use-studio-api';

/** A dimension being edited: values as typed text (grid) or a range (random). */
export interface DimensionDraft {
  path: string;
  /** Comma-separated values, e.g. "16, 32, 64" or "LSTM, GRU". */
  values: string;
  min: number;
  max: number;
  log: boolean;
  integer: boolean;
}

/** The dimensions the form offers, with sensible starting values; `*` sets every recurrent layer. */
export const SEARCH_DIMENSIONS: (DimensionDraft & { label: string; numeric: boolean })[] = [
  {
    path: 'model.layers.*.units',
    label: 'Units',
    values: '16, 32, 64',
    min: 8,
    max: 128,
    log: true,
    integer: true,
    numeric: true,
  },
  {
    path: 'model.layerCount',
    label: 'Layers',
    values: '1, 2',
    min: 1,
    max: 3,
    log: false,
    integer: true,
    numeric: true,
  },
  {
    path: 'model.cell',
    label: 'Cell type',
    values: 'LSTM, GRU',
    min: 0,
    max: 0,
    log: false,
    integer: false,
    numeric: false,
  },
  {
    path: 'training.optimizer.learningRate',
    label: 'Learning rate',
    values: '0.0003, 0.001, 0.003',
    min: 0.0001,
    max: 0.01,
    log: true,
    integer: false,
    numeric: true,
  },
  {
    path: 'data.lookback',
    label: 'Window length',
    values: '12, 24, 48',
    min: 6,
    max: 96,
    log: false,
    integer: true,
    numeric: true,
  },
  {
    path: 'model.layers.*.dropout',
    label: 'Dropout',
    values: '0, 0.1, 0.2',
    min: 0,
    max: 0.5,
    log: false,
    integer: false,
    numeric: true,
  },
];

/** Turns typed values into numbers where they read as numbers, booleans where true/false. */
export function parseValues(text: string): (number | string | boolean)[] {
  return text
    .split(',')
    .map((v) => v.trim())
    .filter((v) => v.length > 0)
    .map((v) => (v === 'true' ? true : v === 'false' ? false : Number.isFinite(Number(v)) ? Number(v) : v));
}

/** The dimension as the contract sends it: values in grid mode, a range in random mode for numbers. */
export function toDimension(draft: DimensionDraft, mode: 'grid' | 'random', numeric: boolean): SearchDimension {
  if (mode === 'random' && numeric) {
    return { path: draft.path, range: { min: draft.min, max: draft.max, log: draft.log, integer: draft.integer } };
  }
  return { path: draft.path, values: parseValues(draft.values) };
}

/** The spec as plain JSON (no reactive proxies) for the request. */
function plain(spec: ExperimentSpec): unknown {
  return JSON.parse(JSON.stringify(spec)) as unknown;
}

export const useSearchStore = defineStore('search', () => {
  const mode = ref<'grid' | 'random'>('grid');
  const maxRuns = ref(12);
  const chosen = ref<DimensionDraft[]>([]);
  const state = ref<SearchState | null>(null);
  /** The automatic search's time budget in minutes. */
  const budgetMinutes = ref(2);
  const starting = ref(false);
  const error = ref<string | null>(null);
  const act = useAsyncAction(error);

  const running = computed(() => starting.value || state.value?.status === 'running');
  /** How many runs a grid would hold, before the budget caps it. */
  const gridSize = computed(() => chosen.value.reduce((n, d) => n * Math.max(1, parseValues(d.values).length), 1));

  const unsubscribe = useStudioApi().on('search.updated', (next) => {
    // While a start is pending its id is unknown yet: the newest search is the one to show.
    if (starting.value || !state.value || state.value.searchId === next.searchId) state.value = next;
  });
  onScopeDispose(unsubscribe);

  function toggleDimension(path: string): void {
    if (chosen.value.some((d) => d.path === path)) {
      chosen.value = chosen.value.filter((d) => d.path !== path);
      return;
    }
    const preset = SEARCH_DIMENSIONS.find((d) => d.path === path);
    if (preset) {
      const { path: p, values, min, max, log, integer } = preset;
      chosen.value = [...chosen.value, { path: p, values, min, max, log, integer }];
    }
  }

  async function start(spec: ExperimentSpec): Promise<boolean> {
    if (chosen.value.length === 0) {
      error.value = 'Choose at least one setting to vary.';
      return false;
    }
    const dimensions = chosen.value.map((d) =>
      toDimension(d, mode.value, SEARCH_DIMENSIONS.find((x) => x.path === d.path)?.numeric ?? true),
    );
    return launch(() =>
      useStudioApi().request('search.start', {
        spec: plain(spec),
        plan: { mode: mode.value, dimensions, maxRuns: maxRuns.value, seed: 1 },
      }),
    );
  }

  /** Events may already have arrived for the new search; keep them, else start an empty table. */
  function showStarted(searchId: string): void {
    if (state.value?.searchId !== searchId) {
      state.value = { searchId, status: 'running', total: 0, done: 0, rows: [], metric: '', bestRunId: null };
    }
  }

  /** Starts an automatic search of the spec's forecast within `budgetMinutes`. */
  async function startAutomatic(spec: ExperimentSpec): Promise<boolean> {
    const minutes = budgetMinutes.value;
    if (!(typeof minutes === 'number' && minutes * 60 >= 10 && minutes <= 1440)) {
      error.value = 'Give the automatic search a budget between 0.2 and 1440 minutes.';
      return false;
    }
    return launch(() =>
      useStudioApi().request('search.startAutomatic', { spec: plain(spec), budgetSeconds: Math.round(minutes * 60) }),
    );
  }

  /** Sends a start request; the new search's table shows at once, its rows as events arrive. */
  function launch(request: () => Promise<{ searchId: string }>): Promise<boolean> {
    error.value = null;
    return act(
      starting,
      async () => {
        const { searchId } = await request();
        showStarted(searchId);
        return true;
      },
      false,
    );
  }

  async function cancel(): Promise<void> {
    const id = state.value?.searchId;
    if (!id) return;
    await act(null, () => useStudioApi().request('search.cancel', { searchId: id }), undefined);
  }

  return {
    mode,
    maxRuns,
    chosen,
    state,
    budgetMinutes,
    starting,
    error,
    running,
    gridSize,
    toggleDimension,
    start,
    startAutomatic,
    cancel,
  };
});
