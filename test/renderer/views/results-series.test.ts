// @vitest-environment happy-dom
/** A global model's results: a searchable series picker drives the evaluation, future and backtest tabs. */
import { flushPromises, mount } from '@vue/test-utils';
import { createPinia, setActivePinia } from 'pinia';
import { beforeEach, describe, expect, it } from 'vitest';
import type { ForecastEvaluation, RegressionMetrics } from '../../../src-main/shared/types';
import { setStudioApi } from '../../../src-renderer/composables/use-studio-api';
import { useRunsStore } from '../../../src-renderer/stores/runs-store';
import ResultsView from '../../../src-renderer/views/ResultsView.vue';
import { FakeStudioApi } from '../fake-studio-api';
import { forecastEvaluation, runResult } from '../fixtures';
import { backtestReport, futureForecast } from '../fixtures-more';

const m = (mae: number): RegressionMetrics => ({ rmse: mae * 1.2, mae, r2: 0.5, mape: null, smape: null });
const IDS = Array.from({ length: 1000 }, (_, i) => `store-${String(i + 1).padStart(4, '0')}`);

function globalRun() {
  const first = forecastEvaluation();
  const evaluation: ForecastEvaluation = {
    ...first,
    global: {
      series: IDS.map((id, i) => ({
        id,
        metrics: m(i + 1),
        naive: m(2 * (i + 1)),
        seasonalNaive: null,
        scaledError: 0.5,
      })),
      charts: Object.fromEntries(IDS.map((id) => [id, first.series])),
      aggregate: {
        seriesCount: 1000,
        meanScaledError: 0.5,
        seasonalNaiveScaledError: null,
        seriesBeatingBaselines: 1000,
      },
    },
  };
  return runResult({ evaluation });
}

describe('Results of a global model', () => {
  let api: FakeStudioApi;
  beforeEach(() => {
    api = new FakeStudioApi();
    setStudioApi(api);
    setActivePinia(createPinia());
  });

  it('picks one of a thousand series by typing, and forecasts and backtests that series', async () => {
    api.handlers['forecast.future'] = () => futureForecast(3);
    api.handlers['backtest.run'] = () => backtestReport();
    useRunsStore().adopt(globalRun());
    const wrapper = mount(ResultsView);
    expect(wrapper.get('[data-testid="series-picked"]').text()).toBe('store-0001');
    const search = wrapper.get('[data-testid="results-series-picker-search"]');
    await search.trigger('focus');
    expect(wrapper.findAll('[data-testid="results-series-picker-option"]').length).toBeLessThanOrEqual(50);
    await search.setValue('0420');
    await search.trigger('keydown', { key: 'Enter' });
    expect(wrapper.get('[data-testid="series-picked"]').text()).toBe('store-0420');
    // The metrics are that series' own (MAE 420 against its naive 840).
    expect(wrapper.text()).toContain('Test metrics · store-0420');
    expect(wrapper.text()).toContain('420');

    await wrapper.get('[data-testid="results-tab-future"]').trigger('click');
    await wrapper.get('[data-testid="future-run-button"]').trigger('submit');
    await flushPromises();
    expect(api.callsOf('forecast.future')[0]).toMatchObject({ runId: 'run-1', series: 'store-0420' });
    expect(wrapper.find('[data-testid="future-table"]').exists()).toBe(true);

    await wrapper.get('[data-testid="results-tab-backtest"]').trigger('click');
    await wrapper.get('[data-testid="backtest-run-button"]').trigger('submit');
    await flushPromises();
    expect(api.callsOf('backtest.run')[0]).toMatchObject({ runId: 'run-1', series: 'store-0420' });
  });

  it('shows no picker for a model of one series', () => {
    useRunsStore().adopt(runResult());
    expect(mount(ResultsView).find('[data-testid="results-series-picker"]').exists()).toBe(false);
  });
});
