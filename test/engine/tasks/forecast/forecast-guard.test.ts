/**
 * The validation guard: a trained forecast that loses on the validation windows to naive, seasonal
 * naive or exponential smoothing becomes that forecast, in the saved preprocessing too; one that
 * wins is left alone.
 */
import { describe, expect, it } from 'vitest';
import type * as tfTypes from '@tensorflow/tfjs';
import { loadTf } from '../../../../src-main/tensorflow/load-tf';
import type { Tf } from '../../../../src-main/tensorflow/load-tf';
import { applyValidationGuard } from '../../../../src-main/engine/tasks/forecast/forecast-guard';
import { evaluateWithFallback } from '../../../../src-main/engine/tasks/forecast/forecast-fallback';
import {
  forecastPreprocessing,
  forecastTask,
  prepareForecast,
} from '../../../../src-main/engine/tasks/forecast/forecast-task';
import { buildModel } from '../../../../src-main/engine/model/model-builder';
import { seededRandom } from '../../../../src-main/engine/training/seeded-random';
import { etsForecast } from '../../../../src-main/forecast/exponential-smoothing';
import { refitEts } from '../../../../src-main/forecast/exponential-smoothing-fit';
import { arimaForecast } from '../../../../src-main/forecast/arima';
import { refitArima } from '../../../../src-main/forecast/arima-fit';
import type { TargetTransform } from '../../../../src-main/shared/spec';
import type { ForecastEvaluation } from '../../../../src-main/shared/types';
import { preparedSeries as prepared, testSpec } from '../../synthetic';
import { seededGaussian } from '../../../forecast/helpers/random';

/** Twelve months whose pattern wanders a little from year to year around a slow rise: 120 values. */
function wanderingSeason(): number[] {
  const random = seededRandom(11);
  const out: number[] = [];
  for (let t = 0; t < 120; t++) {
    out.push(t < 12 ? 50 + 10 * Math.sin((2 * Math.PI * t) / 12) : out[t - 12] + 0.5 + (random() - 0.5));
  }
  return out;
}

/**
 * 120 months drawn from additive Holt-Winters itself (α 0.3, γ 0.2, a small trend): smoothing is
 * the right model here, so no other fitted forecast beats it by the guard's margin.
 */
function smoothedSeason(): number[] {
  const gaussian = seededGaussian(21);
  const season = Array.from({ length: 12 }, (_, i) => 10 * Math.sin((2 * Math.PI * i) / 12));
  let level = 50;
  const out: number[] = [];
  for (let t = 0; t < 120; t++) {
    const e = gaussian();
    out.push(level + season[t % 12] + e);
    level += 0.3 + 0.3 * e;
    season[t % 12] += 0.2 * e;
  }
  return out;
}

function spec(transform: TargetTransform) {
  return testSpec({
    data: {
      file: '/s.csv',
      targetColumns: ['y'],
      lookback: 12,
      horizon: 1,
      targetTransform: transform,
      seasonalPeriod: 12,
    },
    model: { cell: 'LSTM', layers: [{ units: 4 }] },
  });
}

/** Sets the output layer to a constant output `bias` (scaled units), or to large random weights. */
function setOutput(tf: Tf, model: tfTypes.LayersModel, how: { bias: number } | 'noise'): void {
  const output = model.layers.at(-1);
  if (!output) throw new Error('no output layer');
  const [kernel, bias] = output.getWeights();
  const weights =
    how === 'noise'
      ? [tf.randomNormal(kernel.shape, 0, 3, 'float32', 5), tf.fill(bias.shape, 2)]
      : [tf.zerosLike(kernel), tf.fill(bias.shape, how.bias)];
  output.setWeights(weights);
  tf.dispose(weights);
}

describe('validation guard', () => {
  it('replaces a network that loses to a plain forecast by that forecast, in the saved preprocessing too', async () => {
    const { tf } = await loadTf();
    const s = spec('level');
    const data = prepareForecast(prepared(wanderingSeason()), s);
    const { model } = buildModel(tf, s, data.dims, { fused: false });
    setOutput(tf, model, 'noise');
    const evaluation = evaluateWithFallback(tf, model, data);
    model.dispose();
    // Seasonal naive, smoothing with a season or seasonal ARIMA: they follow a season that wanders; naive cannot.
    expect(['seasonal-residual', 'exponential-smoothing', 'arima']).toContain(data.plan.kind);
    expect(evaluation.targetTransform).toBe(data.plan.kind);
    // Results then says the model is that forecast itself, not a network correcting it.
    expect(evaluation.plainForecast).toBe(true);
    expect(evaluation.verdict ?? '').toMatch(
      /^Validation guard: .* forecast the validation windows better than the trained network \(validation RMSE [\d.]+ for the network against [\d.]+\)/,
    );
    const saved = forecastPreprocessing(s, data);
    expect(saved.target?.transform).toBe(data.plan.kind);
    // No offset, so the zero output is exactly the forecast; a scale a network can train with.
    expect(saved.target?.scaler.kind).toBe('standard');
    expect(saved.target?.scaler.center).toBe(0);
    expect(saved.target?.scaler.scale).toBeGreaterThan(0);
    // The inputs stay as the network read them (the level of 'y').
    expect(saved.inputs.map((i) => i.derived)).toEqual(['level']);
    // The model is now exactly that forecast on every test step.
    const y = data.series.target;
    const { smoothing, arima } = data.plan;
    const plain = (t: number) =>
      smoothing ? etsForecast(y, t, 0, smoothing) : arima ? arimaForecast(y, t, 0, arima) : y[t - 12];
    const squares = Array.from(data.split.test, (t) => (y[t] - plain(t)) ** 2);
    const rmse = Math.sqrt(squares.reduce((a, b) => a + b, 0) / squares.length);
    expect(evaluation.metrics.rmse).toBeCloseTo(rmse, 4);
    expect(evaluation.metrics.rmse).toBeLessThan(evaluation.baselines.naive.rmse);
  });

  it('leaves a network alone that is the best forecast on validation', async () => {
    const { tf } = await loadTf();
    const s = spec('exponential-smoothing');
    const data = prepareForecast(prepared(smoothedSeason()), s);
    expect(data.plan.kind).toBe('exponential-smoothing');
    const { model } = buildModel(tf, s, data.dims, { fused: false });
    // The untrained model is exactly the smoothing, which ties with itself and is kept.
    const kept = applyValidationGuard(tf, model, data);
    expect(kept?.applied).toBe(false);
    expect(kept?.note).toMatch(/^The network does at least as well as /);
    expect(data.plan.kind).toBe('exponential-smoothing');
    // Pushed far off, the same network loses and is replaced.
    setOutput(tf, model, { bias: 50 });
    const replaced = applyValidationGuard(tf, model, data);
    model.dispose();
    expect(replaced?.applied).toBe(true);
    expect(replaced?.modelRmse).toBeGreaterThan(replaced?.best.rmse ?? Infinity);
    expect(replaced?.note).toMatch(/ forecast the validation windows better than the trained network \(/);
  });

  it('names what the model forecast when training kept its start, not a trained network', async () => {
    const { tf } = await loadTf();
    const s = spec('exponential-smoothing');
    const data = prepareForecast(prepared(smoothedSeason()), s);
    const { model } = buildModel(tf, s, data.dims, { fused: false });
    setOutput(tf, model, { bias: 50 });
    const evaluation = evaluateWithFallback(tf, model, data, { keptStart: true });
    model.dispose();
    expect(evaluation.verdict ?? '').toMatch(
      /^No epoch of training improved on the untrained model on the validation windows, so the model is exactly its baseline, exponential smoothing .*\. Validation guard: .* forecast the validation windows better than exponential smoothing \(level, trend and season smoothed from the history\) \(/,
    );
    expect(evaluation.verdict ?? '').not.toMatch(/trained network/);
  });

  it('saves a replaced model that continued training reads back with the same plan, scalers and forecasts', async () => {
    const { tf } = await loadTf();
    const s = spec('level');
    const series = prepared(smoothedSeason());
    const data = prepareForecast(series, s);
    const { model } = buildModel(tf, s, data.dims, { fused: false });
    setOutput(tf, model, 'noise');
    const first = evaluateWithFallback(tf, model, data);
    expect(first.verdict ?? '').toMatch(/^Validation guard: /);
    const saved = forecastPreprocessing(s, data);

    // Continuing reads the saved model: the plain forecast's plan, its scaler, the network's inputs.
    const again = prepareForecast(series, s, saved);
    expect(again.plan.kind).toBe(data.plan.kind);
    expect(again.targetScaler).toEqual(data.targetScaler);
    expect(again.inputs).toEqual(saved.inputs);
    // The network's targets are the correction to the plain forecast at about unit scale.
    const batch = again.source.nextBatch(again.split.train);
    const rms = Math.sqrt(batch.y.reduce((a, v) => a + v * v, 0) / batch.y.length);
    expect(rms).toBeGreaterThan(0.5);
    expect(rms).toBeLessThan(2);
    // The continued run starts exactly where the replaced one ended, and no second guard runs.
    const next = forecastTask(series, s, saved).evaluate(tf, model) as ForecastEvaluation;
    model.dispose();
    expect(next.metrics.rmse).toBeCloseTo(first.metrics.rmse, 6);
    expect(next.verdict ?? '').not.toMatch(/Validation guard/);
  });

  it('fits the weights of a model that is exactly smoothing again on the training and validation parts', async () => {
    const { tf } = await loadTf();
    const s = spec('exponential-smoothing');
    const data = prepareForecast(prepared(smoothedSeason()), s);
    const trained = data.plan.smoothing;
    if (!trained) throw new Error('no smoothing plan');
    const { model } = buildModel(tf, s, data.dims, { fused: false });
    // Training that kept its start: the zero-output network is the smoothing itself.
    const evaluation = evaluateWithFallback(tf, model, data, { keptStart: true });
    model.dispose();
    const y = data.series.target;
    const expected = refitEts(y, data.split.testStart, trained);
    expect(expected).not.toEqual(trained);
    expect(data.plan.smoothing).toEqual(expected);
    expect(forecastPreprocessing(s, data).target?.smoothing).toEqual(expected);
    expect(evaluation.verdict ?? '').toContain(
      `Its smoothing weights were then fitted again on the training and validation parts (the first ${data.split.testStart} values)`,
    );
    const squares = Array.from(data.split.test, (t) => (y[t] - etsForecast(y, t, 0, expected)) ** 2);
    expect(evaluation.metrics.rmse).toBeCloseTo(Math.sqrt(squares.reduce((a, b) => a + b, 0) / squares.length), 4);
  });

  it('lets smoothing replace the network only when it wins by the margin it needs to become the base', async () => {
    const { tf } = await loadTf();
    const s = spec('exponential-smoothing');
    const outcomes = [];
    // The untrained network is the smoothing itself; a growing constant output moves it away.
    for (const bias of [0.02, 0.05, 0.1, 0.15, 0.2, 0.3, 0.5, 1]) {
      const data = prepareForecast(prepared(smoothedSeason()), s);
      const { model } = buildModel(tf, s, data.dims, { fused: false });
      setOutput(tf, model, { bias });
      const outcome = applyValidationGuard(tf, model, data);
      model.dispose();
      if (!outcome) throw new Error('the guard could not judge');
      outcomes.push(outcome);
    }
    const smoothingBest = outcomes.filter((o) => o.best.name.startsWith('exponential smoothing'));
    // Slightly worse than smoothing: kept, and the sentence says why.
    const close = smoothingBest.find((o) => o.best.rmse < o.modelRmse && o.best.rmse >= 0.98 * o.modelRmse);
    expect(close?.applied).toBe(false);
    expect(close?.note).toMatch(/slightly better than the network .* but not by the 2% a fitted model needs/);
    // Clearly worse: replaced.
    expect(smoothingBest.some((o) => o.applied && o.best.rmse < 0.98 * o.modelRmse)).toBe(true);
    for (const o of smoothingBest) expect(o.applied).toBe(o.best.rmse < 0.98 * o.modelRmse);
  });

  it('replaces a network by ARIMA where the series swings in a cycle, refits it and saves its coefficients', async () => {
    const { tf } = await loadTf();
    // A stationary pseudo-cycle, AR(2) with φ = (1, −0.6): naive lags every turn and smoothing
    // follows the level; ARIMA(2,0,0) knows the swing.
    const gaussian = seededGaussian(4);
    const y: number[] = [0, 0];
    for (let t = 2; t < 400; t++) y.push(y[t - 1] - 0.6 * y[t - 2] + gaussian());
    const s = testSpec({
      data: { file: '/s.csv', targetColumns: ['y'], lookback: 8, horizon: 1, targetTransform: 'difference' },
      model: { cell: 'LSTM', layers: [{ units: 4 }] },
    });
    const data = prepareForecast(prepared(y), s);
    const { model } = buildModel(tf, s, data.dims, { fused: false });
    setOutput(tf, model, 'noise');
    const evaluation = evaluateWithFallback(tf, model, data);
    model.dispose();
    expect(data.plan.kind).toBe('arima');
    const arima = data.plan.arima;
    if (!arima) throw new Error('no ARIMA model in the plan');
    expect(arima.d).toBe(0);
    expect(arima.ar.length).toBe(2);
    // Results names the fitted model with its coefficients: near the φ = (1, −0.6) it was drawn from.
    expect(evaluation.baseModel).toMatch(/^ARIMA\(2,0,\d\)( with drift)?: φ1 (0\.9|1\.0|1\.1)\d*, φ2 −0\.[567]/);
    expect(evaluation.verdict ?? '').toMatch(
      /^Validation guard: ARIMA\(2,0,\d\)( with drift)? forecast the validation windows better than the trained network/,
    );
    expect(evaluation.verdict ?? '').toContain(
      'Its coefficients were then fitted again on the training and validation parts',
    );
    // The saved file holds the refitted model, and the test figures are its forecasts.
    expect(forecastPreprocessing(s, data).target?.arima).toEqual(arima);
    const series = data.series.target;
    const squares = Array.from(data.split.test, (t) => (series[t] - arimaForecast(series, t, 0, arima)) ** 2);
    expect(evaluation.metrics.rmse).toBeCloseTo(Math.sqrt(squares.reduce((a, b) => a + b, 0) / squares.length), 4);
    expect(evaluation.metrics.rmse).toBeLessThan(0.8 * evaluation.baselines.naive.rmse);
    expect(refitArima(series, data.split.testStart, arima).ar.length).toBe(arima.ar.length);
  });
});
