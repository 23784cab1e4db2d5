import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { StudioError } from '../../../src-main/shared/contract';
import { setStudioApi } from '../../../src-renderer/composables/use-studio-api';
import { useAppStore } from '../../../src-renderer/stores/app-store';
import { useDatasetStore } from '../../../src-renderer/stores/dataset-store';
import { useExperimentStore } from '../../../src-renderer/stores/experiment-store';
import { AUTOSAVE_DELAY_MS, useProjectStore } from '../../../src-renderer/stores/project-store';
import { useRunsStore } from '../../../src-renderer/stores/runs-store';
import { useTrainingStore } from '../../../src-renderer/stores/training-store';
import { FakeStudioApi } from '../fake-studio-api';
import { datasetSummary, modelSummary, runResult, spec } from '../fixtures';
import { SAMPLES, projectState, runSummary } from '../fixtures-more';

describe('project store', () => {
  let api: FakeStudioApi;
  beforeEach(() => {
    api = new FakeStudioApi({
      'data.inspect': ({ path }) => datasetSummary({ path }),
      'spec.validate': () => ({ ok: true, problems: [] }),
      'model.summary': () => modelSummary(),
    });
    setStudioApi(api);
    setActivePinia(createPinia());
  });
  afterEach(() => vi.useRealTimers());

  it('lists recent projects and samples; a failing list leaves the other and says why', async () => {
    const recent = [{ path: '/p/a.rsproj', name: 'A', openedAt: '2026-01-01T00:00:00Z', exists: true }];
    api.handlers['project.recent'] = () => recent;
    api.handlers['project.current'] = () => projectState({ path: null, dirty: true });
    const store = useProjectStore();
    await store.loadStart();
    expect(store.recent).toEqual(recent);
    expect(store.samples).toEqual([]);
    expect(store.startError).toContain('samples.list');
    expect(store.project?.dirty).toBe(true);

    api.handlers['samples.list'] = () => SAMPLES;
    await store.loadStart();
    expect(store.samples.map((s) => s.id)).toEqual(SAMPLES.map((s) => s.id));
    expect(store.startError).toBeNull();
  });

  it('opens the project the dialog names and fills the form, the data and the runs from it', async () => {
    const state = projectState({ runs: [runSummary('r1'), runSummary('r2')] });
    api.handlers['dialog.openProject'] = () => '/projects/nile.rsproj';
    api.handlers['project.open'] = () => state;
    const store = useProjectStore();
    expect(await store.openWithDialog()).toBe(true);
    expect(api.callsOf('project.open')).toEqual([{ path: '/projects/nile.rsproj', importId: expect.any(String) }]);
    expect(useExperimentStore().spec?.data.lookback).toBe(state.spec?.data.lookback);
    expect(api.callsOf('data.inspect')).toEqual([expect.objectContaining({ path: state.dataset?.path })]);
    expect(useDatasetStore().summary?.path).toBe(state.dataset?.path);
    expect(useRunsStore().list.map((r) => r.runId)).toEqual(['r1', 'r2']);
    expect(useAppStore().step).toBe('model');
    expect(store.title).toBe(state.name);
  });

  it('shows a new project without the previous project’s finished training', async () => {
    const training = useTrainingStore();
    training.state = 'done';
    training.runId = 'old-run';
    training.result = runResult({ runId: 'old-run' });
    api.handlers['project.new'] = () => projectState({ path: null, spec: null, dataset: null, runs: [] });
    expect(await useProjectStore().create()).toBe(true);
    expect(training.state).toBe('idle');
    expect(training.result).toBeNull();
    expect(training.history).toEqual([]);
  });

  it('opens the project the host hands over, and does nothing when the user cancels', async () => {
    const store = useProjectStore();
    api.handlers['dialog.openProject'] = () => null;
    expect(await store.openWithDialog()).toBe(false);
    expect(api.callsOf('project.open')).toEqual([]);
    expect(store.error).toBeNull();

    // The browser host uploads the chosen file instead of opening a dialog.
    const uploaded = projectState({ name: 'Uploaded', path: '/data/uploads/a/pumps.rsproj' });
    api.openProject = async () => uploaded;
    expect(await store.openWithDialog()).toBe(true);
    expect(store.title).toBe('Uploaded');
  });

  it("shows why a project could not be opened, in main's words", async () => {
    const store = useProjectStore();
    api.openProject = () =>
      Promise.reject(new StudioError({ code: 'bad-data', message: 'This is not a project file.' }));
    expect(await store.openWithDialog()).toBe(false);
    expect(store.error).toBe('This is not a project file.');
  });

  it('does not inspect a data file that is missing, and offers relinking it', async () => {
    const missing = projectState({ dataset: { path: '/gone.csv', sha256: 'x', status: 'missing' } });
    api.handlers['samples.open'] = () => missing;
    const store = useProjectStore();
    await store.openSample('nile');
    expect(api.callsOf('data.inspect')).toEqual([]);
    expect(store.datasetIssue).toBe('missing');

    api.handlers['dialog.openDataFile'] = () => '/found/nile.csv';
    api.handlers['project.relink'] = ({ path }) => projectState({ dataset: { path, sha256: 'y', status: 'ok' } });
    expect(await store.relink()).toBe(true);
    expect(api.callsOf('project.relink')).toEqual([{ path: '/found/nile.csv' }]);
    expect(store.datasetIssue).toBeNull();
    expect(useDatasetStore().summary?.path).toBe('/found/nile.csv');
  });

  it('follows project.changed events', () => {
    const store = useProjectStore();
    api.emit('project.changed', projectState({ name: 'Renamed', dirty: true }));
    expect(store.title).toBe('Renamed');
    expect(store.project?.dirty).toBe(true);
  });

  it('sends the spec once the user pauses, with the latest edit, and before saving', async () => {
    vi.useFakeTimers();
    const sent: unknown[] = [];
    api.handlers['project.setSpec'] = ({ spec: s }) => {
      sent.push(s);
      return projectState({ dirty: true });
    };
    api.handlers['project.save'] = () => projectState({ dirty: false });
    const store = useProjectStore();
    store.project = projectState();
    store.queueSpec(spec({ lookback: 11 }));
    store.queueSpec(spec({ lookback: 12 }));
    vi.advanceTimersByTime(AUTOSAVE_DELAY_MS - 1);
    expect(sent).toHaveLength(0);
    vi.advanceTimersByTime(1);
    await vi.runAllTimersAsync();
    expect(sent).toHaveLength(1);
    expect((sent[0] as { data: { lookback: number } }).data.lookback).toBe(12);
    expect(store.project?.dirty).toBe(true);

    store.queueSpec(spec({ lookback: 13 }));
    await store.save();
    expect(sent).toHaveLength(2);
    expect(api.callsOf('project.save')).toEqual([{}]);
    expect(store.project?.dirty).toBe(false);
  });

  it('saves a new project where the user chooses; Save as always asks', async () => {
    const store = useProjectStore();
    store.project = projectState({ path: null, name: 'Fresh' });
    api.handlers['dialog.saveFile'] = () => '/projects/fresh.rsproj';
    api.handlers['project.save'] = ({ path }) => projectState({ path: path ?? null });
    expect(await store.save()).toBe(true);
    expect(api.callsOf('dialog.saveFile')).toEqual([
      { title: 'Save project', defaultName: 'Fresh.rsproj', extensions: ['rsproj'] },
    ]);
    expect(store.project?.path).toBe('/projects/fresh.rsproj');

    // Save as asks again even though the project now has a place; a cancelled dialog saves nothing.
    api.handlers['dialog.saveFile'] = () => null;
    expect(await store.saveAs()).toBe(false);
    expect(api.callsOf('project.save')).toHaveLength(1);

    // Where the host saves by download (the browser), Save and Save as both hand the file over.
    const asked: boolean[] = [];
    api.saveProject = async ({ choosePlace }) => {
      asked.push(choosePlace);
      return projectState({ path: '/data/projects/x/Fresh.rsproj', dirty: false });
    };
    expect(await store.save()).toBe(true);
    expect(await store.saveAs()).toBe(true);
    expect(asked).toEqual([false, true]);
    expect(store.project?.dirty).toBe(false);
  });
});
