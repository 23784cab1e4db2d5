// @vitest-environment happy-dom
import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import MetricsTable from '../../../src-renderer/components/MetricsTable.vue';
import { forecastEvaluation } from '../fixtures';

describe('MetricsTable', () => {
  it('shows MAPE for a series far from zero', () => {
    const w = mount(MetricsTable, { props: { evaluation: forecastEvaluation() } });
    expect(w.get('[data-metric="mape"]').text()).toContain('MAPE');
    expect(w.find('[data-testid="mape-caveat"]').exists()).toBe(false);
  });

  it('replaces MAPE with the reason when the test actuals cross zero', () => {
    const e = forecastEvaluation();
    const actual = e.series.actual.map((v, i) => (i >= e.series.testStart ? (i % 2 ? -2 : 3) : v));
    const w = mount(MetricsTable, { props: { evaluation: { ...e, series: { ...e.series, actual } } } });
    expect(w.get('[data-testid="mape-caveat"]').text()).toContain('cross zero (from -2 to 3)');
    expect(w.findAll('[data-metric="mape"] td.num')).toHaveLength(0);
    expect(w.get('[data-metric="rmse"]').text()).toContain('RMSE');
  });

  it('adds a column for the same time one long season before when the run scored it', () => {
    const e = forecastEvaluation();
    const longSeasonNaive = { rmse: 0.5, mae: 0.4, r2: 0.9, mape: 1, smape: 1 };
    const w = mount(MetricsTable, {
      props: {
        evaluation: {
          ...e,
          baselines: { ...e.baselines, longSeasonNaive },
          longSeason: { period: 365, label: '1 year' },
        },
      },
    });
    const headers = w.findAll('thead th').map((th) => th.text());
    expect(headers).toContain('Same time 1 year before');
    expect(w.get('[data-metric="rmse"]').text()).toContain('0.5');
    expect(mount(MetricsTable, { props: { evaluation: e } }).text()).not.toContain('Same time');
  });
});
