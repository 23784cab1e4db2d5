/**
 * A global model's series each scored beside the same time one long season before when their own
 * training part shows one (the year of daily data), with the aggregate and the verdict naming it.
 */
import { describe, expect, it } from 'vitest';
import { loadTf } from '../../../../src-main/tensorflow/load-tf';
import { evaluateForecast } from '../../../../src-main/engine/tasks/forecast/forecast-evaluation';
import {
  evaluateGlobal,
  globalScores,
  prepareGlobal,
} from '../../../../src-main/engine/tasks/forecast/global-forecast-task';
import { buildModel } from '../../../../src-main/engine/model/model-builder';
import type { RegressionMetrics } from '../../../../src-main/shared/types';
import { dailySeries, shopsSpec } from './daily-series';

const spec = shopsSpec({ horizon: 2, seasonalPeriod: 7 });

const m = (mae: number): RegressionMetrics => ({ rmse: mae, mae, r2: 0, mape: null, smape: null });

describe('the same time one long season before, for a model of many series', () => {
  it('scores it on each series whose training part shows a year, beside that series’ own baselines', async () => {
    const { tf } = await loadTf();
    const yearly = (id: string, seed: number) => ({
      ...dailySeries(
        [
          [7, 2],
          [365.25, 12],
        ],
        seed,
      ),
      id,
    });
    const series = [yearly('north', 3), { ...dailySeries([[7, 2]], 4), id: 'weekly' }, yearly('south', 5)];
    const { data } = prepareGlobal(series, spec);
    const { model } = buildModel(tf, spec, data[0].dims, { fused: spec.training.fused });
    const ev = evaluateGlobal(tf, model, data);
    const own = data.map((d) => evaluateForecast(tf, model, d));
    model.dispose();

    const [north, weekly, south] = ev.global?.series ?? [];
    expect(north.longSeason).toEqual({ period: 365, label: '1 year' });
    expect(north.longSeasonNaive?.mae).toBeCloseTo(own[0].baselines.longSeasonNaive?.mae ?? NaN, 9);
    expect(south.longSeasonNaive?.mae).toBeCloseTo(own[2].baselines.longSeasonNaive?.mae ?? NaN, 9);
    // The strong year makes last year's value a far better forecast than the last value.
    expect(north.longSeasonNaive?.mae).toBeLessThan(north.naive.mae);
    expect(weekly).not.toHaveProperty('longSeasonNaive');
    const expected = (north.longSeasonNaive!.mae / north.naive.mae + south.longSeasonNaive!.mae / south.naive.mae) / 2;
    expect(ev.global?.aggregate.longSeasonNaiveScaledError).toBeCloseTo(expected, 12);
    expect(ev.verdict).toMatch(
      /^Across 3 series the model's mean scaled error is [\d.]+ \(naive = 1, seasonal naive [\d.]+, the same time 1 year before [\d.]+\);/,
    );
  });

  it('averages over the series that have it, and is null when none does', () => {
    const year = { period: 365, label: '1 year' };
    const g = globalScores([
      {
        id: 'a',
        metrics: m(1),
        naive: m(2),
        seasonalNaive: null,
        longSeason: year,
        longSeasonNaive: m(1),
        scaledError: 0.5,
      },
      {
        id: 'b',
        metrics: m(1),
        naive: m(4),
        seasonalNaive: null,
        longSeason: year,
        longSeasonNaive: m(3),
        scaledError: 0.25,
      },
      { id: 'c', metrics: m(1), naive: m(2), seasonalNaive: null, scaledError: 0.5 },
      // Too few test steps a year in: not a score, left out of the mean.
      {
        id: 'd',
        metrics: m(1),
        naive: m(2),
        seasonalNaive: null,
        longSeason: year,
        longSeasonNaive: m(NaN),
        scaledError: 0.5,
      },
    ]);
    expect(g.aggregate.longSeasonNaiveScaledError).toBe((0.5 + 0.75) / 2);
    const none = globalScores([{ id: 'c', metrics: m(1), naive: m(2), seasonalNaive: null, scaledError: 0.5 }]);
    expect(none.aggregate.longSeasonNaiveScaledError).toBeNull();
  });
});
