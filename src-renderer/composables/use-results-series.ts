/**
 * The series a global forecast model's results show: the ids it was scored on, the one picked
 * (the first until the user picks another, and again whenever another run opens), and the
 * evaluation as that series sees it — its own test metrics, baselines (the same time last year
 * among them, when that series shows a year) and chart.
 */
import { computed, ref, watch, type Ref } from 'vue';
import type { ForecastEvaluation } from '../../src-main/shared/types';

export function useResultsSeries(forecast: Ref<ForecastEvaluation | null>, runId: Ref<string | null>) {
  const ids = computed(() => forecast.value?.global?.series.map((s) => s.id) ?? []);
  const picked = ref<string | null>(null);
  watch(runId, () => (picked.value = null));

  /** The picked series, or the first of a global model; null for a model of one series. */
  const series = computed(() => picked.value ?? ids.value[0] ?? null);

  /** The evaluation of the picked series; the run's own (its first series) until one is picked. */
  const shown = computed((): ForecastEvaluation | null => {
    const ev = forecast.value;
    const id = picked.value;
    if (!ev?.global || id === null || id === ids.value[0]) return ev;
    const score = ev.global.series.find((s) => s.id === id);
    const chart = ev.global.charts?.[id];
    if (!score) return ev;
    return {
      ...ev,
      metrics: score.metrics,
      baselines: { naive: score.naive, seasonalNaive: score.seasonalNaive, longSeasonNaive: score.longSeasonNaive },
      // Each series has its own longer season, or none.
      longSeason: score.longSeason ?? null,
      // The saved season pattern and chart of a run are its first series'; another series shows its own or none.
      seasonProfile: null,
      baseModel: score.baseModel ?? null,
      series: chart ?? { time: [], actual: [], predicted: [], validationStart: 0, testStart: 0 },
    };
  });
  /** False for runs saved before every series' chart was kept. */
  const hasChart = computed(() => (shown.value?.series.actual.length ?? 0) > 0);
  /** The plain forecast the validation guard gave the shown series instead of the network, or null. */
  const plainForecast = computed(
    () => forecast.value?.global?.series.find((s) => s.id === series.value)?.plainForecast ?? null,
  );
  return { ids, picked, series, shown, hasChart, plainForecast };
}
