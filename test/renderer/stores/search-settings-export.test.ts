// @vitest-environment happy-dom
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { StudioError } from '../../../src-main/shared/contract';
import type { SearchState } from '../../../src-main/shared/types-project';
import { setStudioApi } from '../../../src-renderer/composables/use-studio-api';
import { useExportStore } from '../../../src-renderer/stores/export-store';
import { parseValues, useSearchStore } from '../../../src-renderer/stores/search-store';
import { resolveTheme, useSettingsStore } from '../../../src-renderer/stores/settings-store';
import { FakeStudioApi } from '../fake-studio-api';
import { spec } from '../fixtures';

const SETTINGS = {
  theme: 'system' as const,
  defaultDataFolder: null,
  defaultExportFolder: null,
  trainingThreads: null,
};

describe('search store', () => {
  let api: FakeStudioApi;
  beforeEach(() => {
    api = new FakeStudioApi({ 'search.start': () => ({ searchId: 's-1' }), 'search.cancel': () => ({ ok: true }) });
    setStudioApi(api);
    setActivePinia(createPinia());
  });

  it('reads typed values as numbers, booleans or words', () => {
    expect(parseValues(' 16, 32 ,LSTM, true,, 1e-3')).toEqual([16, 32, 'LSTM', true, 0.001]);
  });

  it('sends a grid plan with the typed values and a random plan with ranges', async () => {
    const store = useSearchStore();
    store.toggleDimension('model.cell');
    store.toggleDimension('training.optimizer.learningRate');
    store.chosen[1]!.values = '0.01, 0.001';
    store.maxRuns = 4;
    expect(store.gridSize).toBe(4);
    expect(await store.start(spec())).toBe(true);
    const grid = api.callsOf('search.start')[0] as { plan: { mode: string; dimensions: unknown[]; maxRuns: number } };
    expect(grid.plan.mode).toBe('grid');
    expect(grid.plan.maxRuns).toBe(4);
    expect(grid.plan.dimensions).toEqual([
      { path: 'model.cell', values: ['LSTM', 'GRU'] },
      { path: 'training.optimizer.learningRate', values: [0.01, 0.001] },
    ]);

    store.mode = 'random';
    store.chosen[1]!.min = 0.0002;
    await store.start(spec());
    const random = api.callsOf('search.start')[1] as { plan: { dimensions: unknown[] } };
    // Words cannot be drawn from a range: the cell type keeps its list in random mode too.
    expect(random.plan.dimensions).toEqual([
      { path: 'model.cell', values: ['LSTM', 'GRU'] },
      { path: 'training.optimizer.learningRate', range: { min: 0.0002, max: 0.01, log: true, integer: false } },
    ]);
  });

  it('varies units and dropout on every recurrent layer', async () => {
    const store = useSearchStore();
    store.toggleDimension('model.layers.*.units');
    store.toggleDimension('model.layers.*.dropout');
    await store.start(spec());
    const sent = api.callsOf('search.start')[0] as { plan: { dimensions: { path: string }[] } };
    expect(sent.plan.dimensions.map((d) => d.path)).toEqual(['model.layers.*.units', 'model.layers.*.dropout']);
  });

  it('refuses to start without a dimension, follows updates of its search and cancels it', async () => {
    const store = useSearchStore();
    expect(await store.start(spec())).toBe(false);
    expect(store.error).toContain('at least one');
    store.toggleDimension('model.layerCount');
    await store.start(spec());
    expect(store.running).toBe(true);
    const update: SearchState = {
      searchId: 's-1',
      status: 'running',
      total: 2,
      done: 1,
      rows: [{ runId: 'r1', values: { 'model.layerCount': 1 }, score: 3.5, status: 'completed' }],
      metric: 'validation RMSE',
      bestRunId: 'r1',
    };
    api.emit('search.updated', { ...update, searchId: 'other' });
    expect(store.state?.rows).toEqual([]);
    api.emit('search.updated', update);
    expect(store.state?.bestRunId).toBe('r1');
    await store.cancel();
    expect(api.callsOf('search.cancel')).toEqual([{ searchId: 's-1' }]);
    api.emit('search.updated', { ...update, status: 'cancelled' });
    expect(store.running).toBe(false);
  });
});

describe('settings store', () => {
  let api: FakeStudioApi;
  beforeEach(() => {
    api = new FakeStudioApi({
      'settings.get': () => SETTINGS,
      'settings.set': (patch) => ({ ...SETTINGS, ...patch }) as typeof SETTINGS,
    });
    setStudioApi(api);
    setActivePinia(createPinia());
  });

  it('resolves the system theme from the preference', () => {
    expect(resolveTheme('system', true)).toBe('dark');
    expect(resolveTheme('system', false)).toBe('light');
    expect(resolveTheme('dark', false)).toBe('dark');
  });

  it('applies a theme change to the page at once and stores it', async () => {
    const store = useSettingsStore();
    await store.load();
    const pending = store.update({ theme: 'dark' });
    expect(document.documentElement.dataset.theme).toBe('dark');
    await pending;
    expect(api.callsOf('settings.set')).toEqual([{ theme: 'dark' }]);
    expect(store.settings?.theme).toBe('dark');
    await store.update({ theme: 'light' });
    expect(document.documentElement.dataset.theme).toBe('light');
  });

  it('goes back to the stored theme when main refuses the change', async () => {
    const store = useSettingsStore();
    await store.load();
    await store.update({ theme: 'light' });
    api.handlers['settings.set'] = () => {
      throw new Error('The settings file is read-only.');
    };
    await store.update({ theme: 'dark' });
    expect(store.error).toBe('The settings file is read-only.');
    expect(document.documentElement.dataset.theme).toBe('light');
  });
});

describe('export store', () => {
  let api: FakeStudioApi;
  beforeEach(() => {
    api = new FakeStudioApi({
      'model.export': ({ target }) => ({ files: [`${target}/model.json`, `${target}/weights.bin`] }),
      'model.exportArchive': ({ format }) => ({ fileName: `nile.${format}.zip`, contentBase64: btoa('zip!') }),
    });
    setStudioApi(api);
    setActivePinia(createPinia());
  });
  afterEach(() => vi.restoreAllMocks());

  it('writes where the user chooses when the host has dialogs', async () => {
    api.handlers['dialog.chooseFolder'] = () => '/exports/nile';
    const store = useExportStore();
    expect(await store.exportRun('run-1', 'Nile LSTM')).toBe(true);
    expect(api.callsOf('model.export')).toEqual([{ runId: 'run-1', format: 'tfjs', target: '/exports/nile' }]);
    expect(store.done).toMatchObject({ where: '/exports/nile', downloaded: false });
    expect(store.done?.files).toHaveLength(2);

    store.format = 'onnx';
    api.handlers['dialog.saveFile'] = (args) => `/exports/${args.defaultName}`;
    await store.exportRun('run-1', 'Nile LSTM');
    expect(api.callsOf('model.export').at(-1)).toEqual({
      runId: 'run-1',
      format: 'onnx',
      target: '/exports/Nile-LSTM.onnx',
    });
  });

  it('downloads the export where the host has no dialogs, and stops when the user cancels', async () => {
    const created: Blob[] = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
      created.push(blob as Blob);
      return 'blob:x';
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    api.handlers['dialog.saveFile'] = () => {
      throw new StudioError({ code: 'unavailable', message: 'No dialogs.' });
    };
    const store = useExportStore();
    store.format = 'keras';
    expect(await store.exportRun('run-1', 'Nile')).toBe(true);
    expect(api.callsOf('model.exportArchive')).toEqual([{ runId: 'run-1', format: 'keras' }]);
    expect(store.done).toMatchObject({ where: 'nile.keras.zip', downloaded: true });
    expect(created).toHaveLength(1);
    expect(await created[0]!.text()).toBe('zip!');

    api.handlers['dialog.saveFile'] = () => null;
    expect(await store.exportRun('run-1', 'Nile')).toBe(false);
    expect(api.callsOf('model.exportArchive')).toHaveLength(1);
  });
});
