// @vitest-environment happy-dom
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { StudioError, type RequestArgs } from '../../../src-main/shared/contract';
import type { DatasetSummary } from '../../../src-main/shared/types';
import { setStudioApi } from '../../../src-renderer/composables/use-studio-api';
import { useDatasetStore } from '../../../src-renderer/stores/dataset-store';
import { FakeStudioApi } from '../fake-studio-api';
import { datasetSummary } from '../fixtures';

/** An inspect that stays open until the test settles it, like a large file being read. */
function deferred(): {
  handler: (args: RequestArgs<'data.inspect'>) => Promise<DatasetSummary>;
  resolve: (s: DatasetSummary) => void;
  reject: (e: unknown) => void;
} {
  let resolve: (s: DatasetSummary) => void = () => {};
  let reject: (e: unknown) => void = () => {};
  return {
    handler: () =>
      new Promise<DatasetSummary>((res, rej) => {
        resolve = res;
        reject = rej;
      }),
    resolve: (s) => resolve(s),
    reject: (e) => reject(e),
  };
}

describe('dataset imports: progress, cancel and column types', () => {
  let api: FakeStudioApi;
  beforeEach(() => {
    api = new FakeStudioApi();
    setStudioApi(api);
    setActivePinia(createPinia());
  });

  it('follows the progress events of its own import only, and ends them with the import', async () => {
    const pending = deferred();
    api.handlers['data.inspect'] = pending.handler;
    const store = useDatasetStore();
    const done = store.inspect('/data/big.csv');
    const importId = (api.callsOf('data.inspect')[0] as { importId: string }).importId;
    expect(importId).toBeTruthy();
    expect(store.importing).toMatchObject({ importId, fraction: null, bytesRead: null });

    api.emit('data.progress', { importId: 'someone-else', fraction: 0.9, bytesRead: 9000 });
    api.emit('data.progress', { importId, fraction: 0.25, bytesRead: 2500 });
    expect(store.importing).toMatchObject({ fraction: 0.25, bytesRead: 2500 });

    pending.resolve(datasetSummary({ path: '/data/big.csv' }));
    expect(await done).toBe(true);
    expect(store.importing).toBeNull();
    expect(api.listenerCount('data.progress')).toBe(0);
  });

  it('cancels through main and keeps the previous dataset without an error', async () => {
    const store = useDatasetStore();
    store.adopt(datasetSummary({ id: 'before', path: '/data/nile-yearly.csv' }));
    const pending = deferred();
    api.handlers['data.inspect'] = pending.handler;
    api.handlers['data.cancelImport'] = () => {
      pending.reject(new StudioError({ code: 'cancelled', message: 'Import cancelled.' }));
      return { ok: true };
    };
    const done = store.inspect('/data/huge.csv');
    const importId = (api.callsOf('data.inspect')[0] as { importId: string }).importId;
    await store.cancelImport();
    expect(api.callsOf('data.cancelImport')).toEqual([{ importId }]);
    expect(await done).toBe(false);
    expect(store.summary?.id).toBe('before');
    expect(store.error).toBeNull();
    expect(store.importing).toBeNull();
  });

  it('drops an answer that arrives after the user cancelled (a host that cannot stop its transfer)', async () => {
    const store = useDatasetStore();
    api.handlers['data.cancelImport'] = () => ({ ok: true });
    let finish: (s: DatasetSummary | null) => void = () => {};
    api.pickDataFile = () => new Promise((resolve) => (finish = resolve));
    const done = store.pick();
    await store.cancelImport();
    finish(datasetSummary({ id: 'late' }));
    expect(await done).toBe(false);
    expect(store.summary).toBeNull();
  });

  it('forgets the earlier file when another one fails to import, so its card does not stay under the error', async () => {
    const store = useDatasetStore();
    store.adopt(datasetSummary());
    api.handlers['data.upload'] = () => {
      throw new StudioError({ code: 'bad-data', message: 'photo.csv holds binary data.' });
    };
    const ok = await store.importFile(new File(['\u0000\u0001'], 'photo.csv'));
    expect(ok).toBe(false);
    expect(store.error).toBe('photo.csv holds binary data.');
    expect(store.summary).toBeNull();
  });

  it('passes an import id to the host file chooser', async () => {
    const seen: unknown[] = [];
    api.pickDataFile = async (options) => {
      seen.push(options);
      return datasetSummary();
    };
    await useDatasetStore().pick();
    expect(seen).toEqual([{ importId: expect.stringMatching(/\S/) }]);
  });

  it('reads the file again with a changed column type, and keeps the old types when main refuses', async () => {
    const store = useDatasetStore();
    const first = datasetSummary({ sheet: null });
    store.adopt(first);
    api.handlers['data.inspect'] = ({ typeOverrides }) => {
      const types = typeOverrides ?? {};
      if (types.volume === 'datetime') throw new StudioError({ code: 'bad-data', message: 'volume holds no dates.' });
      return { ...first, columns: first.columns.map((c) => ({ ...c, type: types[c.name] ?? c.detectedType })) };
    };

    expect(await store.setColumnType('rain', 'categorical')).toBe(true);
    const sent = api.callsOf('data.inspect')[0] as RequestArgs<'data.inspect'>;
    expect(sent).toMatchObject({ path: first.path, typeOverrides: { rain: 'categorical' } });
    expect(store.typeOverrides).toEqual({ rain: 'categorical' });
    expect(store.columns.find((c) => c.name === 'rain')?.type).toBe('categorical');

    expect(await store.setColumnType('volume', 'datetime')).toBe(false);
    expect(store.error).toContain('volume holds no dates');
    expect(store.typeOverrides).toEqual({ rain: 'categorical' });

    // Choosing the detected type again removes the override.
    expect(await store.setColumnType('rain', 'numeric')).toBe(true);
    expect(store.typeOverrides).toEqual({});
    expect(api.callsOf('data.inspect').at(-1)).not.toHaveProperty('typeOverrides');
  });

  it('shows a yearly time column as years in the preview rows', async () => {
    const store = useDatasetStore();
    store.adopt(datasetSummary({ rows: 2 }));
    api.handlers['data.rows'] = () => ({
      rows: [
        ['1871-01-01', '1120', '3'],
        ['1872-01-01', '1160', '4'],
      ],
      total: 2,
    });
    await store.ensureRows(0, 2);
    expect(store.rowAt(0)).toEqual(['1871', '1120', '3']);
    expect(store.rowAt(1)?.[0]).toBe('1872');
  });
});
