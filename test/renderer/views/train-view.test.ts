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

  it("counts an ensemble's networks in the bar, names the one training, and shows its figures", async () => {
    const wrapper = mount(TrainView);
    await wrapper.get('[data-testid="train-button"]').trigger('click');
    await flushPromises();
    api.emit('train.epoch', epoch('run-9', 4, { loss: 0.5 }));
    api.emit('train.epoch', epoch('run-9', 1, { network: 2, loss: 0.9 }));
    api.emit(
      'train.progress',
      progress('run-9', { epoch: 2, epochs: 4, batch: 1, batchesPerEpoch: 2, network: { index: 2, count: 3 } }),
    );
    await flushPromises();
    // Network 1 done, network 2 at 1.5 of 4 epochs: (1 + 1.5 / 4) / 3 of the whole run.
    const bar = wrapper.get('[data-testid="progress-bar"]');
    expect(Number(bar.attributes('aria-valuenow'))).toBeCloseTo(((1 + 1.5 / 4) / 3) * 100, 0);
    expect(wrapper.text()).toContain('Network 2 of 3 · Epoch 2/4');
    // The loss figure is the network training now, not network 1's last epoch.
    expect(wrapper.get('.stats').text()).toContain('0.9');
    expect(wrapper.get('.stats').text()).not.toContain('0.5');
    expect(wrapper.get('[data-testid="loss-chart"]').attributes('data-networks')).toBe('1');
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
