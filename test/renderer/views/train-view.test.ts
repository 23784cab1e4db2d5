// @vitest-environment happy-dom
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import { setStudioApi } from '../../../src-renderer/composables/use-studio-api';
import { useExperimentStore } from '../../../src-renderer/stores/experiment-store';
import TrainView from '../../../src-renderer/views/TrainView.vue';
import { FakeStudioApi } from '../fake-studio-api';
import { epoch, modelSummary, progress, spec } from '../fixtures';

describe('TrainView', () => {
  let api: FakeStudioApi;
  beforeEach(async () => {
    api = new FakeStudioApi({
      'spec.suggest': () => spec({ lookback: 8 }),
      'spec.validate': () => ({ ok: true, problems: [] }),
      'model.summary': () => modelSummary(),
      'train.start': () => ({ runId: 'run-9' }),
      'train.control': () => ({ ok: true }),
    });
    setStudioApi(api);
    setActivePinia(createPinia());
    await useExperimentStore().suggest('ds-1');
  });

  it('starts a run and follows its progress, curves and log', async () => {
    const wrapper = mount(TrainView);
    await wrapper.get('[data-testid="train-button"]').trigger('click');
    await flushPromises();
    expect((api.callsOf('train.start')[0] as { spec: { data: { lookback: number } } }).spec.data.lookback).toBe(8);

    api.emit(
      'train.progress',
      progress('run-9', { epoch: 2, epochs: 4, batch: 1, batchesPerEpoch: 2, etaSeconds: 75 }),
    );
    api.emit('train.epoch', epoch('run-9', 1, { gradientWarning: 'Gradients of lstm_1 are vanishing.' }));
    await flushPromises();
    const bar = wrapper.get('[data-testid="progress-bar"]');
    expect(Number(bar.attributes('aria-valuenow'))).toBeCloseTo(((1 + 1 / 2) / 4) * 100, 0);
    expect(wrapper.text()).toContain('Epoch 2/4');
    expect(wrapper.text()).toContain('1 min 15 s');
    expect(wrapper.get('[data-testid="loss-chart"]').attributes('data-epochs')).toBe('1');
    expect(wrapper.get('[data-testid="gradient-warning"]').text()).toContain('Gradients of lstm_1 are vanishing.');
    expect(wrapper.get('[data-testid="run-log"]').text()).toContain('Epoch 1/4');
  });

  it('pauses, resumes and cancels from the buttons', async () => {
    const wrapper = mount(TrainView);
    await wrapper.get('[data-testid="train-button"]').trigger('click');
    await flushPromises();
    expect(wrapper.find('[data-testid="train-button"]').exists()).toBe(false);

    await wrapper.get('[data-testid="pause-button"]').trigger('click');
    await flushPromises();
    await wrapper.get('[data-testid="resume-button"]').trigger('click');
    await flushPromises();
    await wrapper.get('[data-testid="cancel-button"]').trigger('click');
    await flushPromises();
    expect(api.callsOf('train.control').map((a) => (a as { action: string }).action)).toEqual([
      'pause',
      'resume',
      'cancel',
    ]);
  });
});
