// @vitest-environment happy-dom
/** "Automatic" in the experiment form: the budget request, live progress, cancel and the winner's run. */
import { mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import AutomaticSearchCard from '../../../../src-renderer/components/settings/AutomaticSearchCard.vue';
import { setStudioApi } from '../../../../src-renderer/composables/use-studio-api';
import { useExperimentStore } from '../../../../src-renderer/stores/experiment-store';
import type { SearchState } from '../../../../src-main/shared/types-project';
import { FakeStudioApi } from '../../fake-studio-api';
import { modelSummary, spec } from '../../fixtures';

function progress(over: Partial<NonNullable<SearchState['automatic']>> = {}): SearchState {
  return {
    searchId: 'auto-1',
    status: 'running',
    total: 45,
    done: 7,
    rows: [],
    metric: 'RMSE on rolling origins',
    bestRunId: null,
    automatic: {
      budgetSeconds: 120,
      secondsLeft: 75,
      phase: 'searching',
      rung: 2,
      rungs: 3,
      rungEpochs: 15,
      rungStretches: 2,
      candidates: 45,
      inRung: 4,
      doneInRung: 1,
      best: { label: 'GRU, 32 units, window 24, difference target', rmse: 3.1, naiveRmse: 5.2, seasonalRmse: 4 },
      ...over,
    },
  };
}

describe('AutomaticSearchCard', () => {
  let api: FakeStudioApi;
  beforeEach(async () => {
    api = new FakeStudioApi({
      'spec.validate': () => ({ ok: true, problems: [] }),
      'model.summary': () => modelSummary(),
      'search.startAutomatic': () => ({ searchId: 'auto-1' }),
      'search.cancel': () => ({ ok: true }),
    });
    setStudioApi(api);
    setActivePinia(createPinia());
    await useExperimentStore().load(spec());
  });

  it('starts with the budget in seconds, shows rung, candidates, best so far and time left, and cancels', async () => {
    const wrapper = mount(AutomaticSearchCard);
    await wrapper.get('[data-testid="automatic-budget-input"]').setValue('1.5');
    await wrapper.get('[data-testid="automatic-start-button"]').trigger('click');
    await new Promise((r) => setTimeout(r, 0));
    expect(api.callsOf('search.startAutomatic')).toEqual([{ spec: expect.anything(), budgetSeconds: 90 }]);
    api.emit('search.updated', progress());
    await wrapper.vm.$nextTick();
    expect(wrapper.get('[data-testid="automatic-rung"]').text()).toBe(
      'Rung 2 of 3 (15 epochs on 2 stretches): 1 of 4 candidates scored, 45 in all.',
    );
    const best = wrapper.get('[data-testid="automatic-best"]').text();
    expect(best).toContain('GRU, 32 units, window 24, difference target');
    expect(best).toMatch(/RMSE 3\.1.*naive 5\.2.*seasonal naive 4/);
    expect(best).toContain('1 min 15 s left.');
    await wrapper.get('[data-testid="automatic-cancel-button"]').trigger('click');
    expect(api.callsOf('search.cancel')).toEqual([{ searchId: 'auto-1' }]);
  });

  it('offers the winner’s run and shows the verdict once the search is done', async () => {
    const wrapper = mount(AutomaticSearchCard);
    await wrapper.get('[data-testid="automatic-start-button"]').trigger('click');
    await new Promise((r) => setTimeout(r, 0));
    api.emit('search.updated', {
      ...progress({ phase: 'done', secondsLeft: 12 }),
      status: 'completed',
      bestRunId: 'auto-1-final',
      verdict: 'Automatic search (budget 2 min, 1 min 40 s used): … It chose GRU …',
    });
    await wrapper.vm.$nextTick();
    expect(wrapper.find('[data-testid="automatic-cancel-button"]').exists()).toBe(false);
    expect(wrapper.get('[data-testid="automatic-verdict"]').text()).toContain('It chose GRU');
    await wrapper.get('[data-testid="automatic-open-winner"]').trigger('click');
    expect(wrapper.emitted('open')).toEqual([['auto-1-final']]);
  });

  it('refuses a budget under ten seconds before asking main, and is absent for other tasks', async () => {
    const wrapper = mount(AutomaticSearchCard);
    await wrapper.get('[data-testid="automatic-budget-input"]').setValue('0.1');
    await wrapper.get('[data-testid="automatic-start-button"]').trigger('click');
    expect(wrapper.get('[data-testid="automatic-error"]').text()).toMatch(/between 0\.2 and 1440 minutes/);
    expect(api.callsOf('search.startAutomatic')).toEqual([]);
    await useExperimentStore().load({ ...spec(), task: 'text-classification' });
    await wrapper.vm.$nextTick();
    expect(wrapper.find('[data-testid="automatic-card"]').exists()).toBe(false);
  });

  it('asks for one series before searching a file forecast as a whole', async () => {
    const experiment = useExperimentStore();
    const whole = spec();
    await experiment.load({
      ...whole,
      data: { ...whole.data, idColumn: 'shop', series: { scope: 'all', id: null, wide: false } },
    });
    const wrapper = mount(AutomaticSearchCard);
    expect(wrapper.get('[data-testid="automatic-start-button"]').attributes('disabled')).toBeDefined();
    expect(wrapper.get('[data-testid="automatic-one-series"]').text()).toContain('choose "One series"');
    await wrapper.get('[data-testid="automatic-start-button"]').trigger('click');
    expect(api.callsOf('search.startAutomatic')).toEqual([]);
  });
});
