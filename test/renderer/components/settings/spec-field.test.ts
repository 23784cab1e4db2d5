// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import type { SpecProblem } from '../../../../src-main/shared/spec';
import SpecField from '../../../../src-renderer/components/settings/SpecField.vue';
import { setStudioApi } from '../../../../src-renderer/composables/use-studio-api';
import { useExperimentStore } from '../../../../src-renderer/stores/experiment-store';
import { FakeStudioApi } from '../../fake-studio-api';
import { modelSummary, spec } from '../../fixtures';

describe('SpecField', () => {
  let problems: SpecProblem[];
  let store: ReturnType<typeof useExperimentStore>;
  beforeEach(async () => {
    problems = [];
    setStudioApi(
      new FakeStudioApi({
        'spec.validate': () => ({ ok: problems.length === 0, problems }),
        'model.summary': () => modelSummary(),
      }),
    );
    setActivePinia(createPinia());
    store = useExperimentStore();
    await store.load(spec());
  });

  it('derives the id and test id from the path and binds the spec value both ways', async () => {
    const wrapper = mount(SpecField, { props: { label: 'Learning rate', path: 'training.optimizer.learningRate' } });
    const input = wrapper.get('[data-testid="learning-rate-input"]');
    expect(input.attributes('id')).toBe('training-optimizer-learningRate');
    expect(wrapper.get('label').attributes('for')).toBe('training-optimizer-learningRate');
    expect((input.element as HTMLInputElement).value).toBe(String(store.spec!.training.optimizer.learningRate));
    await input.setValue('0.05');
    expect(store.spec!.training.optimizer.learningRate).toBe(0.05);
  });

  it('shows the problems main reports at its path and below it', async () => {
    problems = [
      { path: 'training.epochs', message: 'Epochs must be at least 1.' },
      { path: 'training.batchSize', message: 'Not this field.' },
    ];
    await store.refreshNow();
    const wrapper = mount(SpecField, { props: { label: 'Epochs', path: 'training.epochs' } });
    await flushPromises();
    const shown = wrapper.findAll('[role="alert"]').map((a) => a.text());
    expect(shown).toEqual(['Epochs must be at least 1.']);
    expect(wrapper.get('.field').classes()).toContain('invalid');
  });

  it('offers a select of options and writes the chosen value', async () => {
    const wrapper = mount(SpecField, {
      props: {
        label: 'Cell',
        path: 'model.cell',
        control: 'select',
        options: [
          { value: 'LSTM', label: 'LSTM' },
          { value: 'GRU', label: 'GRU' },
        ],
      },
    });
    await wrapper.get('[data-testid="cell-select"]').setValue('GRU');
    expect(store.spec!.model.cell).toBe('GRU');
  });
});
