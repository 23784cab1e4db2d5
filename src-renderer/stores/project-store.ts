/**
 * The open project: what the start screen offers (recent projects, samples), opening, saving
 * and relinking, and the autosave of the form's spec ('project.setSpec', debounced). Main
 * reports every change with 'project.changed'; the store follows it, so the title and the
 * saved / unsaved indicator stay true whichever window or command changed the project.
 */
import { defineStore } from 'pinia';
import { computed, onScopeDispose, ref } from 'vue';
import type { ExperimentSpec } from '../../src-main/shared/spec';
import type { ProjectState, RecentProject, SampleInfo } from '../../src-main/shared/types-project';
import { useAsyncAction } from '../composables/use-async-action';
import { useStudioApi } from '../composables/use-studio-api';
import { debounce } from '../utils/debounce';
import { errorMessage } from '../utils/format';
import { useAppStore } from './app-store';
import { type InspectOptions, useDatasetStore } from './dataset-store';
import { useExperimentStore } from './experiment-store';
import { useProjectOpeningStore } from './project-opening-store';
import { useRunsStore } from './runs-store';
import { useTrainingStore } from './training-store';

/** Delay between the last form edit and sending the spec to the project. */
export const AUTOSAVE_DELAY_MS = 800;

/** The extension of saved projects (main's project format). */
export const PROJECT_EXTENSION = '.rsproj';

export const useProjectStore = defineStore('project', () => {
  const project = ref<ProjectState | null>(null);
  const recent = ref<RecentProject[]>([]);
  const samples = ref<SampleInfo[]>([]);
  const startLoading = ref(false);
  const busy = ref(false);
  const error = ref<string | null>(null);
  /** Why the start screen's lists could not be loaded; shown on the start screen itself. */
  const startError = ref<string | null>(null);
  let pendingSpec: ExperimentSpec | null = null;

  const title = computed(() => project.value?.name ?? 'Untitled project');
  const datasetIssue = computed(() => {
    const status = project.value?.dataset?.status;
    return status === 'changed' || status === 'missing' ? status : null;
  });

  const unsubscribe = useStudioApi().on('project.changed', (state) => {
    project.value = state;
  });
  onScopeDispose(() => {
    unsubscribe();
    sendSpecLater.cancel();
  });

  const runAction = useAsyncAction(error);
  const act = <T>(task: () => Promise<T>): Promise<T | null> => runAction(busy, task, null);

  /** Loads what the start screen lists; each list fails on its own so one outage hides nothing else. */
  async function loadStart(): Promise<void> {
    startLoading.value = true;
    const api = useStudioApi();
    const [r, s, current] = await Promise.allSettled([
      api.request('project.recent', undefined),
      api.request('samples.list', undefined),
      project.value ? Promise.resolve(project.value) : api.request('project.current', undefined),
    ]);
    if (r.status === 'fulfilled') recent.value = r.value;
    if (s.status === 'fulfilled') samples.value = s.value;
    if (current.status === 'fulfilled' && !project.value) project.value = current.value;
    const failed = [r, s].find((x) => x.status === 'rejected');
    startError.value = failed && failed.status === 'rejected' ? errorMessage(failed.reason) : null;
    startLoading.value = false;
  }

  /**
   * Makes `state` the open project and puts its spec, data and runs in the other areas. The
   * dataset is inspected again only when main says the file is still the one the project saw.
   */
  async function adopt(state: ProjectState): Promise<void> {
    project.value = state;
    sendSpecLater.cancel();
    pendingSpec = null;
    const runs = useRunsStore();
    runs.list = state.runs;
    runs.current = null;
    // Another project: the Train view must not show the previous project's run as its own.
    useTrainingStore().reset();
    const dataset = useDatasetStore();
    if (state.dataset?.status === 'ok') await dataset.inspect(state.dataset.path, savedReading(state));
    else dataset.clear();
    await useExperimentStore().load(state.spec);
    useAppStore().go(state.dataset?.status === 'ok' ? (state.spec ? 'model' : 'data') : 'data');
  }

  async function open(path: string): Promise<boolean> {
    const opening = useProjectOpeningStore();
    const state = await act(() =>
      opening.track((importId) => useStudioApi().request('project.open', { path, importId })),
    );
    if (state) await adopt(state);
    return state !== null;
  }

  /** Lets the user choose a project file (a dialog on the desktop, an upload in the browser) and opens it. */
  async function openWithDialog(): Promise<boolean> {
    const opening = useProjectOpeningStore();
    const state = await act(() => opening.track((importId) => useStudioApi().openProject(importId)));
    if (state) await adopt(state);
    return state !== null;
  }

  async function openSample(id: string): Promise<boolean> {
    const state = await act(() => useStudioApi().request('samples.open', { id }));
    if (state) await adopt(state);
    return state !== null;
  }

  async function create(): Promise<boolean> {
    const state = await act(() => useStudioApi().request('project.new', undefined));
    if (state) await adopt(state);
    return state !== null;
  }

  /** Saves where the project lives; a project never saved asks where first. */
  function save(): Promise<boolean> {
    return saveTo(!project.value?.path);
  }

  /** Saves where the user chooses (in the browser: a download of the project file). */
  function saveAs(): Promise<boolean> {
    return saveTo(true);
  }

  async function saveTo(choosePlace: boolean): Promise<boolean> {
    await flushSpec();
    const defaultName = `${title.value}${PROJECT_EXTENSION}`;
    const state = await act(() => useStudioApi().saveProject({ choosePlace, defaultName }));
    if (state) project.value = state;
    return state !== null;
  }

  /** Points the project at the data file's new place (or its new version) and inspects it. */
  async function relink(): Promise<boolean> {
    const state = await act(() => useStudioApi().relinkData());
    if (!state) return false;
    project.value = state;
    if (state.dataset?.status === 'ok') await useDatasetStore().inspect(state.dataset.path, savedReading(state));
    return true;
  }

  /** Records the form's spec in the project after the user pauses typing (autosave). */
  function queueSpec(spec: ExperimentSpec): void {
    pendingSpec = JSON.parse(JSON.stringify(spec)) as ExperimentSpec;
    sendSpecLater();
  }

  async function flushSpec(): Promise<void> {
    sendSpecLater.cancel();
    const spec = pendingSpec;
    pendingSpec = null;
    if (!spec) return;
    try {
      project.value = await useStudioApi().request('project.setSpec', { spec });
    } catch (e) {
      error.value = errorMessage(e);
    }
  }
  const sendSpecLater = debounce(() => void flushSpec(), AUTOSAVE_DELAY_MS);

  return {
    project,
    recent,
    samples,
    startLoading,
    busy,
    error,
    startError,
    title,
    datasetIssue,
    loadStart,
    adopt,
    open,
    openWithDialog,
    openSample,
    create,
    save,
    saveAs,
    relink,
    queueSpec,
    flushSpec,
  };
});

/** The sheet and column types the project's spec recorded for its file, so it is read as before. */
function savedReading(state: ProjectState): InspectOptions {
  const data = state.spec?.data;
  if (!data || data.file !== state.dataset?.path) return {};
  return { sheet: data.sheet, typeOverrides: data.columnTypes };
}
