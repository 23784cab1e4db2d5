// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils';
import { type Pinia, createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import type { SpecProblem } from '../../../src-main/shared/spec';
import { setStudioApi } from '../../../src-renderer/composables/use-studio-api';
import { useDatasetStore } from '../../../src-renderer/stores/dataset-store';
import { useExperimentStore } from '../../../src-renderer/stores/experiment-store';
import { COVARIATE_HELP } from '../../../src-renderer/components/settings/form-options';
import { PRESETS } from '../../../src-renderer/components/settings/presets';
import ModelView from '../../../src-renderer/views/ModelView.vue';
import { FakeStudioApi } from '../fake-studio-api';
import { datasetSummary, modelSummary, spec } from '../fixtures';

const has = (w: ReturnType<typeof mount>, id: string) => w.find(`[data-testid="${id}"]`).exists();

describe('Model form across tasks', () => {
  let problems: SpecProblem[];
  // Held from beforeEach: a late action of an earlier test's store can switch Pinia's active
  // instance, so looking the store up again later could find that older one.
  let store: ReturnType<typeof useExperimentStore>;
  // Fields that appear later (after a task or optimizer change) look their store up then: they
  // must find this test's Pinia, not whichever one is active by that time.
  let pinia: Pinia;
  const mountForm = () => mount(ModelView, { global: { plugins: [pinia] } });
  beforeEach(async () => {
    problems = [];
    setStudioApi(
      new FakeStudioApi({
        'spec.suggest': () => spec(),
        'spec.validate': () => ({ ok: problems.length === 0, problems }),
        'model.summary': () => modelSummary(),
      }),
    );
    pinia = createPinia();
    setActivePinia(pinia);
    const summary = datasetSummary();
    summary.columns.push({
      name: 'review',
      type: 'text',
      detectedType: 'text',
      missing: 0,
      distinct: 90,
      min: null,
      max: null,
      mean: null,
      sparkline: [],
    });
    useDatasetStore().adopt(summary);
    store = useExperimentStore();
    await store.suggest('ds-1');
  });

  it('shows the fields each task needs and hides the others', async () => {
    const wrapper = mountForm();
    await flushPromises();
    expect(has(wrapper, 'horizon-input')).toBe(true);
    expect(has(wrapper, 'known-future-input')).toBe(true);
    expect(has(wrapper, 'text-settings')).toBe(false);

    await wrapper.get('[data-testid="task-select"]').setValue('text-classification');
    expect(has(wrapper, 'horizon-input')).toBe(false);
    expect(has(wrapper, 'lookback-input')).toBe(false);
    expect(has(wrapper, 'text-settings')).toBe(true);
    expect(has(wrapper, 'input-select')).toBe(true);
    await wrapper.get('[data-testid="text-column-select"]').setValue('review');
    await wrapper.get('[data-testid="tokens-select"]').setValue('word');
    await wrapper.get('[data-testid="vocab-size-input"]').setValue('5000');
    await wrapper.get('[data-testid="input-select"]').setValue('onehot');
    const s = store.spec!;
    expect(s.data.text).toMatchObject({ column: 'review', tokens: 'word', vocabSize: 5000 });
    expect(s.model.input).toBe('onehot');
    expect(has(wrapper, 'embedding-dim-input')).toBe(false);

    await wrapper.get('[data-testid="task-select"]').setValue('sequence-classification');
    expect(has(wrapper, 'lookback-input')).toBe(true);
    expect(has(wrapper, 'horizon-input')).toBe(false);
    expect(has(wrapper, 'known-future-input')).toBe(false);
    // Labels may be words: the label column offers the text column's neighbours, not only numbers.
    const labels = wrapper
      .get('[data-testid="target-select"]')
      .findAll('option')
      .map((o) => o.text());
    expect(labels).toContain('rain');
    expect(labels).not.toContain('year');
  });

  it('says what sequence to sequence outputs instead of offering a dense head it ignores', async () => {
    const wrapper = mountForm();
    await flushPromises();
    expect(has(wrapper, 'dense-layers-input')).toBe(true);
    await wrapper.get('[data-testid="task-select"]').setValue('sequence-to-sequence');
    await flushPromises();
    expect(has(wrapper, 'dense-layers-input')).toBe(false);
    expect(wrapper.text()).not.toContain('Output activation');
    expect(wrapper.get('[data-testid="seq2seq-output-note"]').text()).toContain('softmax over the target vocabulary');
    await wrapper.get('[data-testid="task-select"]').setValue('forecast');
    await flushPromises();
    expect(has(wrapper, 'dense-layers-input')).toBe(true);
    expect(wrapper.text()).toContain('Output activation');
  });

  it('keeps a covariate in one list only, and explains both kinds', async () => {
    const wrapper = mountForm();
    await flushPromises();
    const past = wrapper.get('[data-testid="features-input"]');
    const known = wrapper.get('[data-testid="known-future-input"]');
    await past.get('input[type="checkbox"]').setValue(true);
    expect(store.spec?.data.featureColumns).toEqual(['rain']);
    await known.get('input[type="checkbox"]').setValue(true);
    expect(store.spec?.data.knownFutureColumns).toEqual(['rain']);
    expect(store.spec?.data.featureColumns).toEqual([]);
    expect(wrapper.text()).toContain(COVARIATE_HELP.past);
    expect(wrapper.text()).toContain(COVARIATE_HELP.known);
  });

  it('fills a preset’s settings and keeps the data columns', async () => {
    const wrapper = mountForm();
    await flushPromises();
    const target = store.spec!.data.targetColumns;
    await wrapper.get('[data-testid="preset-generate"]').trigger('click');
    const s = store.spec!;
    const expected = spec();
    PRESETS.find((p) => p.id === 'generate')!.apply(expected);
    expect(s.task).toBe('text-generation');
    expect(s.model).toEqual(expected.model);
    expect(s.training).toEqual(expected.training);
    expect(s.data.targetColumns).toEqual(target);
  });

  it('offers each optimizer’s own settings, every loss, and automatic choices as null', async () => {
    const wrapper = mountForm();
    await flushPromises();
    const losses = wrapper.get('[data-testid="loss-select"]').findAll('option');
    expect(losses).toHaveLength(7);
    expect(losses[0]!.text()).toContain('Automatic (MSE');
    expect(has(wrapper, 'beta1-input')).toBe(true);
    await wrapper.get('[data-testid="optimizer-select"]').setValue('sgd');
    expect(has(wrapper, 'beta1-input')).toBe(false);
    await wrapper.get('[data-testid="momentum-input"]').setValue('0.8');
    await wrapper.get('[data-testid="nesterov-input"]').setValue(true);
    await wrapper.get('[data-testid="optimizer-select"]').setValue('rmsprop');
    await wrapper.get('[data-testid="rho-input"]').setValue('0.95');
    await wrapper.get('[data-testid="plateau-factor-input"]').setValue('0.3');
    await wrapper.get('[data-testid="restore-best-input"]').setValue(false);
    const t = store.spec!.training;
    expect(t.optimizer).toMatchObject({ name: 'rmsprop', momentum: 0.8, nesterov: true, rho: 0.95 });
    expect(t.reduceLrOnPlateau.factor).toBe(0.3);
    expect(t.earlyStopping.restoreBest).toBe(false);

    await wrapper.get('[data-testid="bidirectional-input"]').setValue(true);
    await wrapper.get('[data-testid="merge-select"]').setValue('sum');
    await wrapper.get('[data-testid="recurrent-dropout-input-1"]').setValue('0.2');
    await wrapper.get('[data-testid="dense-layers-input"]').setValue('64, 32, x');
    const m = store.spec!.model;
    expect(m.layers[0]).toMatchObject({ bidirectional: true, merge: 'sum', recurrentDropout: 0.2 });
    expect(m.denseLayers).toEqual([64, 32]);
  });

  it('shows the spec’s warning about an output activation beside that field', async () => {
    const wrapper = mountForm();
    await flushPromises();
    await wrapper.get('[data-testid="output-activation-select"]').setValue('softmax');
    expect(store.spec?.model.outputActivation).toBe('softmax');
    problems = [{ path: 'model.outputActivation', message: 'A softmax output with the MSE loss trains poorly.' }];
    await store.refreshNow();
    await flushPromises();
    const field = wrapper.get('[data-testid="output-activation-select"]').element.closest('.field');
    expect(field?.textContent).toContain('A softmax output with the MSE loss trains poorly.');
  });
});
