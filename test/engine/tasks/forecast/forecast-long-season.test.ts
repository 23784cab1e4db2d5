import { describe, expect, it } from 'vitest';
import { loadTf } from '../../../../src-main/tensorflow/load-tf';
import { evaluateForecast } from '../../../../src-main/engine/tasks/forecast/forecast-evaluation';
import { evaluateWithFallback } from '../../../../src-main/engine/tasks/forecast/forecast-fallback';
import { forecastPreprocessing, prepareForecast } from '../../../../src-main/engine/tasks/forecast/forecast-task';
import { buildModel } from '../../../../src-main/engine/model/model-builder';
import { regressionMetrics } from '../../../../src-main/forecast/metrics';
import { seededRandom } from '../../../../src-main/engine/training/seeded-random';
import { testSpec } from '../../synthetic';
import { dailySeries } from './daily-series';
import { metricsFile } from '../../../../src-main/cli/commands/train-output';
import { startedRun } from '../../../../src-main/shared/run-summary';

const spec = testSpec({
  data: {
    file: '/s.csv',
    targetColumns: ['y'],
    lookback: 14,
    horizon: 2,
    targetTransform: 'difference',
    seasonalPeriod: 7,
  },
  model: { cell: 'GRU', layers: [{ units: 4 }] },
});

describe('the same time one long season before, in every forecast run', () => {
  it('is scored on the test part of a daily series with a yearly cycle, and named in the verdict', async () => {
    const { tf } = await loadTf();
    const data = prepareForecast(
      dailySeries([
        [7, 2],
        [365.25, 12],
      ]),
      spec,
    );
    expect(data.longSeason).toEqual({ period: 365, label: '1 year' });
    const { model } = buildModel(tf, spec, data.dims, { fused: spec.training.fused });
    const evaluation = evaluateForecast(tf, model, data);
    model.dispose();
    expect(evaluation.longSeason).toEqual({ period: 365, label: '1 year' });

    // The same forecast by hand: the value 365 steps before each test step.
    const y = data.series.target;
    const actual: number[] = [];
    const lastYear: number[] = [];
    for (const t of data.split.test) {
      for (let k = 0; k < 2; k++) {
        actual.push(y[t + k]);
        lastYear.push(y[t + k - 365]);
      }
    }
    const expected = regressionMetrics(Float64Array.from(actual), Float64Array.from(lastYear));
    expect(evaluation.baselines.longSeasonNaive?.rmse).toBeCloseTo(expected.rmse, 9);
    // The untrained network is the naive forecast, which the strong year beats: the verdict says so.
    expect(evaluation.baselines.longSeasonNaive?.rmse).toBeLessThan(evaluation.baselines.naive.rmse);
    expect(evaluation.verdict).toContain('the same time 1 year before, which repeats the value 365 steps earlier');
    // metrics.json (recurrent train) carries it beside the other baselines.
    const file = metricsFile({ ...startedRun('daily', spec, '2026-01-01T00:00:00Z', 'cpu'), evaluation });
    expect(file.longSeason).toEqual({ period: 365, label: '1 year' });
    expect(file.longSeasonNaive).toEqual(evaluation.baselines.longSeasonNaive);
  });

  it('replaces a network that loses to it on validation, as the guard does for the other plain forecasts', async () => {
    const { tf } = await loadTf();
    // A yearly pattern no smooth curve follows (each day of the year its own level), as in sales
    // around holidays, with a weekly ripple: only last year's value knows the day.
    const random = seededRandom(8);
    const day = Array.from({ length: 365 }, () => 10 * (random() - 0.5));
    const series = dailySeries([
      [7, 2],
      [365.25, 12],
    ]);
    const target = series.target.map((v, i) => v + day[i % 365] * 3);
    const data = prepareForecast({ ...series, target }, spec);
    expect(data.longSeason).toEqual({ period: 365, label: '1 year' });
    const { model } = buildModel(tf, spec, data.dims, { fused: spec.training.fused });
    // The untrained network is the naive forecast, which last year's value beats on validation.
    const evaluation = evaluateWithFallback(tf, model, data, { keptStart: true });
    model.dispose();
    expect(data.plan).toMatchObject({ kind: 'seasonal-residual', period: 365 });
    expect(evaluation.plainForecast).toBe(true);
    expect(evaluation.verdict ?? '').toContain(
      'Validation guard: the same time 1 year before forecast the validation windows better than the naive forecast',
    );
    // On the test part the model is that forecast: its errors are the baseline's to the last digit.
    expect(evaluation.metrics.rmse).toBeCloseTo(evaluation.baselines.longSeasonNaive?.rmse ?? NaN, 6);
    expect(forecastPreprocessing(spec, data).target?.period).toBe(365);
  });

  it('is absent when the training part shows no season longer than the network’s', async () => {
    const { tf } = await loadTf();
    const data = prepareForecast(dailySeries([[7, 2]]), spec);
    expect(data.longSeason).toBeNull();
    const { model } = buildModel(tf, spec, data.dims, { fused: spec.training.fused });
    const evaluation = evaluateForecast(tf, model, data);
    model.dispose();
    expect(evaluation.longSeason).toBeUndefined();
    expect(evaluation.baselines.longSeasonNaive).toBeUndefined();
    expect(evaluation.verdict ?? '').not.toContain('year before');
    const file = metricsFile({ ...startedRun('weekly', spec, '2026-01-01T00:00:00Z', 'cpu'), evaluation });
    expect(file).not.toHaveProperty('longSeasonNaive');
  });
});
