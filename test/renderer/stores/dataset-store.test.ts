// @vitest-environment happy-dom
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { setStudioApi } from '../../../src-renderer/composables/use-studio-api';
import { PAGE_SIZE, useDatasetStore } from '../../../src-renderer/stores/dataset-store';
import { FakeStudioApi } from '../fake-studio-api';
import { datasetSummary, fileRows } from '../fixtures';

describe('useDatasetStore', () => {
  let api: FakeStudioApi;
  beforeEach(() => {
    api = new FakeStudioApi();
    setStudioApi(api);
    setActivePinia(createPinia());
  });

  it('adopts the picked file and keeps it when the user cancels the next dialog', async () => {
    const store = useDatasetStore();
    api.picked = datasetSummary({ rows: 321 });
    expect(await store.pick()).toBe(true);
    expect(store.summary?.fileName).toBe('nile-yearly.csv');
    expect(store.totalRows).toBe(321);
    expect(store.numericColumns).toEqual(['volume', 'rain']);

    api.picked = null;
    expect(await store.pick()).toBe(false);
    expect(store.summary?.id).toBe('ds-1');
  });

  it('shows main’s message when a dropped file cannot be read, and uploads the file bytes', async () => {
    const store = useDatasetStore();
    api.handlers['data.upload'] = () => {
      throw new Error('Line 3 has 4 fields where the header has 2: check the delimiter.');
    };
    const ok = await store.importFile(new File(['a,b\n1,2\n'], 'bad.csv'));
    expect(ok).toBe(false);
    expect(store.error).toContain('Line 3 has 4 fields');
    const sent = api.callsOf('data.upload')[0] as { fileName: string; contentBase64: string };
    expect(sent.fileName).toBe('bad.csv');
    expect(atob(sent.contentBase64)).toBe('a,b\n1,2\n');
  });

  it('fetches each page of rows once and serves rows from the cache', async () => {
    const total = PAGE_SIZE * 3 + 17;
    api.picked = datasetSummary({ rows: total });
    api.handlers['data.rows'] = ({ offset, limit }) => ({ rows: fileRows(offset, limit, total), total });
    const store = useDatasetStore();
    await store.pick();

    await Promise.all([store.ensureRows(0, 50), store.ensureRows(10, PAGE_SIZE + 5)]);
    await store.ensureRows(0, PAGE_SIZE * 2);
    const offsets = api.callsOf('data.rows').map((a) => (a as { offset: number }).offset);
    expect(offsets.sort((a, b) => a - b)).toEqual([0, PAGE_SIZE]);
    expect(store.rowAt(PAGE_SIZE + 3)).toEqual(fileRows(PAGE_SIZE + 3, 1, total)[0]);
    expect(store.rowAt(PAGE_SIZE * 2 + 1)).toBeNull();
  });

  it('drops a page that arrives after another file was opened', async () => {
    let release: () => void = () => {};
    api.handlers['data.rows'] = ({ offset, limit }) =>
      new Promise((resolve) => {
        release = () => resolve({ rows: fileRows(offset, limit, 100), total: 100 });
      });
    api.picked = datasetSummary({ id: 'old' });
    const store = useDatasetStore();
    await store.pick();
    const pending = store.ensureRows(0, 10);
    api.picked = datasetSummary({ id: 'new' });
    await store.pick();
    release();
    await pending;
    expect(store.summary?.id).toBe('new');
    expect(store.rowAt(0)).toBeNull();
  });
});
