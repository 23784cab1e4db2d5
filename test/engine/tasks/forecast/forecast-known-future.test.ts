import { describe, expect, it } from 'vitest';
import type { PreparedSeries } from '../../../../src-main/data/prepare/series';
import { loadTf } from '../../../../src-main/tensorflow/load-tf';
import { evaluateForecast } from '../../../../src-main/engine/tasks/forecast/forecast-evaluation';
import { forecastPreprocessing, prepareForecast } from '../../../../src-main/engine/tasks/forecast/forecast-task';
import { buildModel } from '../../../../src-main/engine/model/model-builder';
import { TrainControl } from '../../../../src-main/engine/training/train-control';
import { trainModel } from '../../../../src-main/engine/training/train-loop';
import type { ExperimentSpec } from '../../../../src-main/shared/spec';
import { seededGaussian, seededUniform } from '../../../forecast/helpers/random';
import { testSpec } from '../../synthetic';

const HORIZON = 6;
const LENGTH = 400;

/**
 * A planned promotion drives the target: y[t] = 3·promo[t] + noise, with promo on at random
 * steps (about one in three). Without the promo's future values no model can foresee the jumps.
 */
function promoSeries(): PreparedSeries {
  const u = seededUniform(21);
  const g = seededGaussian(22);
  const promo = Float64Array.from({ length: LENGTH }, () => (u() < 0.35 ? 1 : 0));
  const target = Float64Array.from(promo, (p) => 10 + 3 * p + 0.3 * g());
  return {
    id: null,
    time: null,
    timeLabels: Array.from({ length: LENGTH }, (_, i) => String(i + 1)),
    target,
    targetName: 'sales',
    targets: [{ name: 'sales', values: target }],
    features: [{ name: 'promo', values: promo, knownFuture: true }],
    frequency: null,
    notes: [],
  };
}

function promoSpec(knownFuture: boolean): ExperimentSpec {
  return testSpec(
    {
      data: {
        file: '/promo.csv',
        targetColumns: ['sales'],
        // The same promo column either way: observed up to the origin, or known for the forecast steps too.
        featureColumns: knownFuture ? [] : ['promo'],
        knownFutureColumns: knownFuture ? ['promo'] : [],
        lookback: 12,
        horizon: HORIZON,
      },
      model: { cell: 'LSTM', layers: [{ units: 16 }] },
    },
    { epochs: 25, batchSize: 32, optimizer: { learningRate: 0.01 }, earlyStopping: { enabled: true, patience: 6 } },
  );
}

/** The series as the spec sees it: promo is known ahead only when the spec says so. */
function seriesFor(knownFuture: boolean): PreparedSeries {
  const s = promoSeries();
  return { ...s, features: s.features.map((f) => ({ ...f, knownFuture })) };
}

async function trainAndScore(knownFuture: boolean) {
  const { tf } = await loadTf();
  const spec = promoSpec(knownFuture);
  const data = prepareForecast(seriesFor(knownFuture), spec);
  const { model } = buildModel(tf, spec, data.dims, { fused: spec.training.fused });
  const noop = () => undefined;
  await trainModel(tf, model, data.source, spec, 'mse', {
    runId: 'promo',
    control: new TrainControl(),
    onEpoch: noop,
    onProgress: noop,
    log: noop,
  });
  const evaluation = evaluateForecast(tf, model, data);
  model.dispose();
  return { evaluation, data, spec };
}

describe('known-future inputs', () => {
  it('window steps of a known-future input hold its values at the forecast steps', () => {
    const spec = promoSpec(true);
    const data = prepareForecast(seriesFor(true), spec);
    const promo = data.series.features[0].values;
    const column = data.inputs.findIndex((i) => i.source === 'promo');
    expect(data.inputs[column].lead).toBe(HORIZON);
    const t = data.split.test[0];
    const { x } = data.sampler.batch([t]);
    const width = data.inputs.length;
    const scaler = data.inputs[column].scaler;
    // The last HORIZON window steps are the forecast steps t .. t + HORIZON − 1.
    for (let k = 0; k < HORIZON; k++) {
      const step = spec.data.lookback - HORIZON + k;
      expect(x[step * width + column] * scaler.scale + scaler.center).toBeCloseTo(promo[t + k], 5);
    }
    const pre = forecastPreprocessing(spec, data);
    expect(pre.inputs[column]).toMatchObject({ source: 'promo', lead: HORIZON });
    // Observed inputs carry no lead.
    expect(pre.inputs[0].lead ?? 0).toBe(0);
    expect(data.notes.join(' ')).toMatch(/Known in advance: 'promo'/);
  });

  it('calendar features enter once, computed from the time stamps and read ahead like known-future inputs', () => {
    const base = promoSeries();
    const time = Float64Array.from({ length: LENGTH }, (_, i) => Date.UTC(2000, i, 1));
    // The data module lists calendar features as columns too (month 1..12).
    const month = Float64Array.from(time, (t) => new Date(t).getUTCMonth() + 1);
    const series: PreparedSeries = {
      ...base,
      time,
      frequency: 'monthly',
      features: [{ name: 'calendar.month', values: month, knownFuture: true }],
    };
    const spec = testSpec({
      data: { file: '/promo.csv', targetColumns: ['sales'], calendarFeatures: ['month'], lookback: 12, horizon: 3 },
    });
    const data = prepareForecast(series, spec);
    expect(data.inputs.map((i) => i.source)).toEqual(['sales', 'month']);
    expect(data.inputs[1]).toMatchObject({ derived: 'calendar', lead: 3 });
    const t = data.split.test[0];
    const { x } = data.sampler.batch([t]);
    // The window's last step holds the month of the last forecast step, t + 2 (month / 11, January 0).
    expect(x[(12 - 1) * 2 + 1]).toBeCloseTo(new Date(time[t + 2]).getUTCMonth() / 11, 5);
  });

  it('a known-future driver improves a 6-step forecast over the same model without its future values', async () => {
    const known = await trainAndScore(true);
    const observed = await trainAndScore(false);
    expect(known.evaluation.horizon).toBe(HORIZON);
    // Only the promo's future values can explain the jumps of 3 (noise 0.3): a clear gain.
    expect(known.evaluation.metrics.rmse).toBeLessThan(0.7 * observed.evaluation.metrics.rmse);
    expect(known.evaluation.metrics.rmse).toBeLessThan(known.evaluation.baselines.naive.rmse);
  });
});
