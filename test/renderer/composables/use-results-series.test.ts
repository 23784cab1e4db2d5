// @vitest-environment happy-dom
/** The results of a global model follow the series picked: its own metrics, baselines and chart. */
import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { nextTick, ref } from 'vue';
import type { ForecastEvaluation, RegressionMetrics } from '../../../src-main/shared/types';
import { useResultsSeries } from '../../../src-renderer/composables/use-results-series';
import MetricsTable from '../../../src-renderer/components/MetricsTable.vue';
import { forecastEvaluation } from '../fixtures';

const m = (mae: number): RegressionMetrics => ({ rmse: mae, mae, r2: 0.5, mape: null, smape: null });

function globalEvaluation(): ForecastEvaluation {
  const first = forecastEvaluation();
  const chart = { ...first.series, actual: first.series.actual.map((v) => v * 10) };
  return {
    ...first,
    global: {
      series: [
        { id: 'north', metrics: m(1), naive: m(2), seasonalNaive: m(3), scaledError: 0.5 },
        {
          id: 'south',
          metrics: m(7),
          naive: m(8),
          seasonalNaive: null,
          longSeasonNaive: m(6),
          longSeason: { period: 365, label: '1 year' },
          scaledError: 0.875,
          plainForecast: 'seasonal naive',
        },
      ],
      charts: { north: first.series, south: chart },
      aggregate: { seriesCount: 2, meanScaledError: 0.69, seasonalNaiveScaledError: 1.5, seriesBeatingBaselines: 2 },
    },
  };
}

describe('useResultsSeries', () => {
  it("shows the run's own evaluation until another series is picked, then that series'", () => {
    const forecast = ref<ForecastEvaluation | null>(globalEvaluation());
    const s = useResultsSeries(forecast, ref('run-1'));
    expect(s.ids.value).toEqual(['north', 'south']);
    expect(s.series.value).toBe('north');
    expect(s.shown.value).toBe(forecast.value);
    s.picked.value = 'south';
    expect(s.series.value).toBe('south');
    expect(s.shown.value?.metrics.mae).toBe(7);
    expect(s.shown.value?.baselines.seasonalNaive).toBeNull();
    expect(s.shown.value?.series.actual[0]).toBe(forecast.value!.series.actual[0] * 10);
    expect(s.hasChart.value).toBe(true);
  });

  it('names the plain forecast the validation guard gave the shown series, and none for one keeping the network', () => {
    const s = useResultsSeries(ref<ForecastEvaluation | null>(globalEvaluation()), ref('run-1'));
    expect(s.plainForecast.value).toBeNull();
    s.picked.value = 'south';
    expect(s.plainForecast.value).toBe('seasonal naive');
    s.picked.value = 'north';
    expect(s.plainForecast.value).toBeNull();
  });

  it("shows the picked series' same time last year, and none for a series without a longer season", () => {
    const ev = globalEvaluation();
    const s = useResultsSeries(
      ref<ForecastEvaluation | null>({ ...ev, longSeason: { period: 7, label: '1 week' } }),
      ref('run-1'),
    );
    s.picked.value = 'south';
    expect(s.shown.value?.baselines.longSeasonNaive?.mae).toBe(6);
    expect(s.shown.value?.longSeason).toEqual({ period: 365, label: '1 year' });
    const table = mount(MetricsTable, { props: { evaluation: s.shown.value! } });
    expect(table.findAll('thead th').map((th) => th.text())).toContain('Same time 1 year before');
    // 'north' (not the first series here) has none: the first series' longer season must not leak into it.
    const reordered = {
      ...ev,
      longSeason: { period: 365, label: '1 year' },
      baselines: { ...ev.baselines, longSeasonNaive: m(6) },
      global: { ...ev.global!, series: [...ev.global!.series].reverse() },
    };
    const r = useResultsSeries(ref<ForecastEvaluation | null>(reordered), ref('run-1'));
    r.picked.value = 'north';
    expect(r.shown.value?.longSeason).toBeNull();
    expect(mount(MetricsTable, { props: { evaluation: r.shown.value! } }).text()).not.toContain('Same time');
  });

  it('forgets the pick when another run opens, and has no series for a model of one', async () => {
    const forecast = ref<ForecastEvaluation | null>(globalEvaluation());
    const runId = ref('run-1');
    const s = useResultsSeries(forecast, runId);
    s.picked.value = 'south';
    runId.value = 'run-2';
    forecast.value = forecastEvaluation();
    await nextTick();
    expect(s.picked.value).toBeNull();
    expect(s.ids.value).toEqual([]);
    expect(s.series.value).toBeNull();
  });

  it('says when an older run kept no chart for the picked series', () => {
    const ev = globalEvaluation();
    delete ev.global!.charts;
    const s = useResultsSeries(ref(ev), ref('run-1'));
    s.picked.value = 'south';
    expect(s.hasChart.value).toBe(false);
    expect(s.shown.value?.metrics.mae).toBe(7);
  });
});
