// @vitest-environment happy-dom
/** The form's choice of all series or one, for long files (ids) and wide files (series columns). */
import { mount } from '@vue/test-utils';
import { beforeEach, describe, expect, it } from 'vitest';
import SeriesScopeSettings from '../../../../src-renderer/components/settings/SeriesScopeSettings.vue';
import { useDatasetStore } from '../../../../src-renderer/stores/dataset-store';
import type { useExperimentStore } from '../../../../src-renderer/stores/experiment-store';
import { freshExperimentStore } from './form-stores';
import { datasetSummary, spec } from '../../fixtures';

const STORES = Array.from({ length: 1000 }, (_, i) => `store-${String(i + 1).padStart(4, '0')}`);

describe('SeriesScopeSettings', () => {
  let experiment: ReturnType<typeof useExperimentStore>;
  beforeEach(() => {
    experiment = freshExperimentStore();
  });

  it('trains all series of a long file or the one picked from a searchable list of a thousand', async () => {
    useDatasetStore().adopt(datasetSummary({ layout: 'long', idColumn: 'store', seriesIds: STORES }));
    await experiment.load(spec({ idColumn: 'store' }));
    const wrapper = mount(SeriesScopeSettings);
    expect(wrapper.text()).toContain('This file holds 1000 series.');
    await wrapper.get('[data-testid="series-scope-all"]').setValue(true);
    expect(experiment.spec!.data.series.scope).toBe('all');
    expect(wrapper.find('[data-testid="settings-series-picker"]').exists()).toBe(false);

    await wrapper.get('[data-testid="series-scope-one"]').setValue(true);
    const search = wrapper.get('[data-testid="settings-series-picker-search"]');
    await search.trigger('focus');
    // A page of options, not a thousand.
    expect(wrapper.findAll('[data-testid="settings-series-picker-option"]')).toHaveLength(50);
    await search.setValue('0777');
    const options = wrapper.findAll('[data-testid="settings-series-picker-option"]');
    expect(options.map((o) => o.text())).toEqual(['store-0777']);
    await options[0].trigger('mousedown');
    expect(experiment.spec!.data.series).toMatchObject({ scope: 'one', id: 'store-0777' });
    expect(wrapper.get('[data-testid="series-picked"]').text()).toBe('store-0777');
  });

  it('lists every series column of a wide file as a target for all series, and one column for one', async () => {
    useDatasetStore().adopt(datasetSummary({ layout: 'wide' }));
    await experiment.load(spec({ targetColumns: ['rain'], featureColumns: ['volume'] }));
    const wrapper = mount(SeriesScopeSettings);
    await wrapper.get('[data-testid="series-scope-all"]').setValue(true);
    expect(experiment.spec!.data.targetColumns).toEqual(['rain', 'volume']);
    expect(experiment.spec!.data.featureColumns).toEqual([]);
    expect(experiment.spec!.data.series).toMatchObject({ scope: 'all', wide: true });

    await wrapper.get('[data-testid="series-scope-one"]').setValue(true);
    expect(experiment.spec!.data.targetColumns).toEqual(['rain']);
    expect(experiment.spec!.data.series).toMatchObject({ scope: 'one', wide: false });
  });

  it('stays out of the way for a file of one series', async () => {
    useDatasetStore().adopt(datasetSummary());
    await experiment.load(spec());
    expect(mount(SeriesScopeSettings).find('[data-testid="series-scope"]').exists()).toBe(false);
  });
});
