// @vitest-environment happy-dom
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import type { AppInfo } from '../../../src-main/shared/types';
import { setStudioApi } from '../../../src-renderer/composables/use-studio-api';
import { useAppStore } from '../../../src-renderer/stores/app-store';
import { useRunsStore } from '../../../src-renderer/stores/runs-store';
import { FakeStudioApi } from '../fake-studio-api';
import { runResult } from '../fixtures';

const info = (over: Partial<AppInfo>): AppInfo => ({
  version: '0.1.0',
  backend: 'tensorflow',
  backendNote: null,
  host: 'browser',
  platform: 'linux',
  ...over,
});

describe('useAppStore', () => {
  let api: FakeStudioApi;
  beforeEach(() => {
    api = new FakeStudioApi();
    setStudioApi(api);
    setActivePinia(createPinia());
  });

  it('shows the backend note only on the JavaScript backend', async () => {
    api.handlers['app.info'] = () => info({ backend: 'cpu', backendNote: 'Run npm run provision-tensorflow.' });
    const store = useAppStore();
    await store.load();
    expect(store.backendBanner).toBe('Run npm run provision-tensorflow.');

    api.handlers['app.info'] = () => info({ backend: 'tensorflow' });
    await store.load();
    expect(store.backendBanner).toBeNull();
  });
});

describe('useRunsStore', () => {
  let api: FakeStudioApi;
  beforeEach(() => {
    api = new FakeStudioApi();
    setStudioApi(api);
    setActivePinia(createPinia());
  });

  it('saves the current run’s model and remembers where it went', async () => {
    const store = useRunsStore();
    store.adopt(runResult({ runId: 'run-7' }));
    api.saveDestination = '/home/user/models/nile';
    expect(await store.saveModel()).toBe('/home/user/models/nile');
    expect(api.saveCalls).toEqual(['run-7']);
    expect(store.savedTo).toBe('/home/user/models/nile');

    store.adopt(runResult({ runId: 'run-8' }));
    expect(store.savedTo).toBeNull();
    expect(store.list.map((r) => r.runId)).toEqual(['run-8', 'run-7']);
  });

  it('opens a stored run', async () => {
    api.handlers['runs.get'] = ({ runId }) => runResult({ runId, name: `Run ${runId}` });
    const store = useRunsStore();
    expect(await store.open('abc')).toBe(true);
    expect(store.current?.name).toBe('Run abc');
  });
});
