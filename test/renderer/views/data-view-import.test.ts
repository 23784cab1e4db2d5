// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { StudioError } from '../../../src-main/shared/contract';
import type { DatasetSummary } from '../../../src-main/shared/types';
import { setStudioApi } from '../../../src-renderer/composables/use-studio-api';
import { useDatasetStore } from '../../../src-renderer/stores/dataset-store';
import { useExperimentStore } from '../../../src-renderer/stores/experiment-store';
import { formatBytes } from '../../../src-renderer/utils/format';
import DataView from '../../../src-renderer/views/DataView.vue';
import { FakeStudioApi } from '../fake-studio-api';
import { datasetSummary, fileRows, modelSummary, spec } from '../fixtures';

describe('Data view: import progress, column types, dates and folders', () => {
  let api: FakeStudioApi;
  beforeEach(() => {
    api = new FakeStudioApi({
      'spec.suggest': () => spec(),
      'spec.validate': () => ({ ok: true, problems: [] }),
      'model.summary': () => modelSummary(),
      'data.rows': ({ offset, limit }) => ({ rows: fileRows(offset, limit, 100), total: 100 }),
    });
    setStudioApi(api);
    setActivePinia(createPinia());
  });

  it('shows bytes read while importing, and Cancel returns to the previous state without an error', async () => {
    useDatasetStore().adopt(datasetSummary({ id: 'before' }));
    let importId = '';
    api.pickDataFile = (options) => {
      importId = options?.importId ?? '';
      return new Promise<DatasetSummary | null>((_, reject) => {
        api.handlers['data.cancelImport'] = () => {
          reject(new StudioError({ code: 'cancelled', message: 'Import cancelled.' }));
          return { ok: true };
        };
      });
    };
    const wrapper = mount(DataView);
    await wrapper.get('[data-testid="import-button"]').trigger('click');
    expect(wrapper.find('[data-testid="import-progress"]').exists()).toBe(true);
    api.emit('data.progress', { importId, fraction: 0.4, bytesRead: 3_500_000 });
    await flushPromises();
    const text = wrapper.get('[data-testid="import-progress-text"]').text();
    expect(text).toContain(formatBytes(3_500_000));
    expect(text).toContain('40%');
    expect(wrapper.get('[role="progressbar"]').attributes('aria-valuenow')).toBe('40');

    await wrapper.get('[data-testid="cancel-import"]').trigger('click');
    await flushPromises();
    expect(api.callsOf('data.cancelImport')).toEqual([{ importId }]);
    expect(wrapper.find('[data-testid="import-progress"]').exists()).toBe(false);
    expect(useDatasetStore().summary?.id).toBe('before');
    expect(useDatasetStore().error).toBeNull();
    expect(api.callsOf('spec.suggest')).toEqual([]);
  });

  it('re-reads the file when a column type changes and records the type in the spec', async () => {
    const first = datasetSummary();
    api.handlers['data.inspect'] = ({ typeOverrides }) => ({
      ...first,
      columns: first.columns.map((c) => ({ ...c, type: typeOverrides?.[c.name] ?? c.detectedType })),
    });
    useDatasetStore().adopt(first);
    await useExperimentStore().suggest(first.id);
    const wrapper = mount(DataView);
    await flushPromises();

    await wrapper.get('[data-testid="column-type-rain"]').setValue('categorical');
    await flushPromises();
    expect(api.callsOf('data.inspect')).toEqual([
      expect.objectContaining({ path: first.path, typeOverrides: { rain: 'categorical' } }),
    ]);
    expect(useExperimentStore().spec?.data.columnTypes).toEqual({ rain: 'categorical' });
    expect((wrapper.get('[data-testid="column-type-rain"]').element as HTMLSelectElement).value).toBe('categorical');
    expect(wrapper.find('[data-testid="type-override-note"]').exists()).toBe(true);
  });

  it('shows a datetime column’s range as dates rather than epoch milliseconds', async () => {
    const base = datasetSummary();
    const min = Date.UTC(1871, 0, 1);
    const max = Date.UTC(1970, 0, 1);
    useDatasetStore().adopt({
      ...base,
      columns: base.columns.map((c) =>
        c.name === 'year' ? { ...c, min, max, minLabel: '1871-01-01', maxLabel: '1970-01-01' } : c,
      ),
    });
    const wrapper = mount(DataView);
    await flushPromises();
    expect(wrapper.get('[data-testid="column-min-year"]').text()).toBe('1871');
    expect(wrapper.get('[data-testid="column-max-year"]').text()).toBe('1970');
    expect(wrapper.get('[data-testid="column-stats"]').text()).not.toContain(String(min));
  });

  it('shows the dates main labels for a daily time column as they are', async () => {
    const base = datasetSummary();
    useDatasetStore().adopt({
      ...base,
      columns: base.columns.map((c) =>
        c.name === 'year'
          ? { ...c, format: 'ISO date', min: 0, max: 1, minLabel: '2020-01-01', maxLabel: '2020-03-31' }
          : c,
      ),
    });
    const wrapper = mount(DataView);
    await flushPromises();
    expect(wrapper.get('[data-testid="column-min-year"]').text()).toBe('2020-01-01');
    expect(wrapper.get('[data-testid="column-max-year"]').text()).toBe('2020-03-31');
  });

  it('opens a folder of labeled texts the browser uploads, and says why an upload was refused', async () => {
    const folder = datasetSummary({
      id: 'texts',
      path: '/data/uploads/a/reviews',
      format: 'folder',
      layout: 'labeled-text',
    });
    api.pickDataFolder = async () => folder;
    const wrapper = mount(DataView);
    await wrapper.get('[data-testid="open-folder-button"]').trigger('click');
    await flushPromises();
    expect(useDatasetStore().error).toBeNull();
    expect(useDatasetStore().summary?.id).toBe('texts');
    expect(api.callsOf('spec.suggest')).toEqual([expect.objectContaining({ datasetId: 'texts' })]);
    expect(wrapper.find('input[type="text"]').exists()).toBe(false);

    api.pickDataFolder = () =>
      Promise.reject(
        new StudioError({ code: 'bad-data', message: '"reviews" is 120 MB; uploads are limited to 100 MB.' }),
      );
    await wrapper.get('[data-testid="open-folder-button"]').trigger('click');
    await flushPromises();
    expect(useDatasetStore().error).toContain('limited to 100 MB');
  });

  it('reads the folder the desktop dialog returns, and does nothing when it is cancelled', async () => {
    let answer: string | null = null;
    api.handlers['dialog.openDataFolder'] = () => answer;
    api.handlers['data.inspect'] = ({ path }) => datasetSummary({ path, format: 'folder' });
    const wrapper = mount(DataView);
    await wrapper.get('[data-testid="open-folder-button"]').trigger('click');
    await flushPromises();
    expect(api.callsOf('data.inspect')).toEqual([]);
    answer = '/home/me/reviews';
    await wrapper.get('[data-testid="open-folder-button"]').trigger('click');
    await flushPromises();
    expect(useDatasetStore().summary?.path).toBe('/home/me/reviews');
  });
});
