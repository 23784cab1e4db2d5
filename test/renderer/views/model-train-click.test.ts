// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import type { SpecProblem } from '../../../src-main/shared/spec';
import { setStudioApi } from '../../../src-renderer/composables/use-studio-api';
import { useAppStore } from '../../../src-renderer/stores/app-store';
import { useDatasetStore } from '../../../src-renderer/stores/dataset-store';
import { useExperimentStore } from '../../../src-renderer/stores/experiment-store';
import ModelView from '../../../src-renderer/views/ModelView.vue';
import { FakeStudioApi } from '../fake-studio-api';
import { datasetSummary, modelSummary, spec } from '../fixtures';

describe('ModelView: a Train click right after an edit', () => {
  let api: FakeStudioApi;
  beforeEach(async () => {
    api = new FakeStudioApi({
      'spec.suggest': () => spec(),
      // Main's rule in this test: more than 100 epochs is refused.
      'spec.validate': ({ spec: s }) => {
        const epochs = (s as { training: { epochs: number } }).training.epochs;
        const problems: SpecProblem[] = epochs > 100 ? [{ path: 'training.epochs', message: 'At most 100.' }] : [];
        return { ok: problems.length === 0, problems };
      },
      'model.summary': () => modelSummary(),
      'train.start': () => ({ runId: 'run-5' }),
    });
    setStudioApi(api);
    setActivePinia(createPinia());
    useDatasetStore().adopt(datasetSummary());
    await useExperimentStore().suggest('ds-1');
  });

  it('is not lost while the debounced check waits: it checks now and starts the fixed spec', async () => {
    const wrapper = mount(ModelView);
    await wrapper.get('[data-testid="epochs-input"]').setValue('500');
    await useExperimentStore().refreshNow();
    await flushPromises();
    expect(useExperimentStore().valid).toBe(false);

    await wrapper.get('[data-testid="epochs-input"]').setValue('20');
    // Before the debounce has fired: the summary is marked as updating and the button is live.
    expect(wrapper.get('[data-testid="architecture-summary"]').text()).toContain('updating…');
    const button = wrapper.get('[data-testid="train-button"]');
    expect((button.element as HTMLButtonElement).disabled).toBe(false);
    await button.trigger('click');
    await flushPromises();
    const sent = api.callsOf('train.start') as { spec: { training: { epochs: number } } }[];
    expect(sent.map((a) => a.spec.training.epochs)).toEqual([20]);
    expect(useAppStore().step).toBe('train');
    expect(wrapper.get('[data-testid="architecture-summary"]').text()).not.toContain('updating…');
  });

  it('starts one run for a double click', async () => {
    const wrapper = mount(ModelView);
    await flushPromises();
    const button = wrapper.get('[data-testid="train-button"]');
    await Promise.all([button.trigger('click'), button.trigger('click')]);
    await flushPromises();
    expect(api.callsOf('train.start')).toHaveLength(1);
  });
});
