import { describe, expect, it } from 'vitest';
import type * as tfTypes from '@tensorflow/tfjs';
import { loadTf } from '../../../../src-main/tensorflow/load-tf';
import type { Tf } from '../../../../src-main/tensorflow/load-tf';
import {
  FALLBACK_MAX_LENGTH,
  applyBaselineFallback,
  evaluateWithFallback,
} from '../../../../src-main/engine/tasks/forecast/forecast-fallback';
import { prepareForecast } from '../../../../src-main/engine/tasks/forecast/forecast-task';
import { buildModel } from '../../../../src-main/engine/model/model-builder';
import type { TargetTransformPlan } from '../../../../src-main/forecast/target-transform';
import { seededRandom } from '../../../../src-main/engine/training/seeded-random';
import { joinMembers, outputLayers } from '../../../../src-main/engine/training/ensemble-weights';
import { applyValidationGuard } from '../../../../src-main/engine/tasks/forecast/forecast-guard';
import { preparedSeries as prepared, testSpec } from '../../synthetic';

/** A steady climb of 10 per step with small noise: naive misses by about 10 every step. */
function climb(length: number): number[] {
  const random = seededRandom(3);
  return Array.from({ length }, (_, t) => 100 + 10 * t + (random() - 0.5));
}

function spec(transform: 'difference' | 'level') {
  return testSpec({
    data: { file: '/s.csv', targetColumns: ['y'], lookback: 3, horizon: 1, targetTransform: transform },
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

function outputIsZero(model: tfTypes.LayersModel): boolean {
  const output = model.layers.at(-1);
  return (output?.getWeights() ?? []).every((w) => (w.dataSync() as Float32Array).every((v) => v === 0));
}

describe('baseline fallback', () => {
  it('replaces a network that is worse than naive on validation by the naive forecast, and says so', async () => {
    const { tf } = await loadTf();
    const s = spec('difference');
    const data = prepareForecast(prepared(climb(FALLBACK_MAX_LENGTH - 5)), s);
    expect(data.split.validation.length).toBeGreaterThan(0);
    const { model } = buildModel(tf, s, data.dims, { fused: false });
    setOutput(tf, model, 'noise');
    const evaluation = evaluateWithFallback(tf, model, data);
    const zero = outputIsZero(model);
    model.dispose();
    expect(zero).toBe(true);
    expect(evaluation.verdict ?? '').toMatch(/^Baseline fallback: with only 25 values/);
    // Then the guard finds that a fitted model of the climb's trend (ARIMA with drift, or smoothing
    // with a trend) beats naive on validation, and the zero network becomes that forecast, far
    // better than naive on the test steps too.
    expect(evaluation.verdict ?? '').toMatch(
      /Validation guard: (ARIMA\(\d,1,\d\) with drift|exponential smoothing with a smoothed level and a trend \(ETS\(A,A,N\)\)) forecast the validation windows better/,
    );
    expect(evaluation.metrics.rmse).toBeLessThan(evaluation.baselines.naive.rmse * 0.2);
  });

  it('keeps a network that improves on naive on validation', async () => {
    const { tf } = await loadTf();
    const s = spec('difference');
    const data = prepareForecast(prepared(climb(FALLBACK_MAX_LENGTH - 5)), s);
    const { model } = buildModel(tf, s, data.dims, { fused: false });
    // Output "+10 per step" in scaled units: the usual change, which naive misses.
    setOutput(tf, model, { bias: 10 / data.targetScaler.scale });
    const fallback = applyBaselineFallback(tf, model, data);
    const zero = outputIsZero(model);
    const evaluation = evaluateWithFallback(tf, model, data);
    model.dispose();
    expect(fallback?.applied).toBe(false);
    expect(fallback?.modelRmse ?? Infinity).toBeLessThan(fallback?.baselineRmse ?? 0);
    expect(zero).toBe(false);
    expect(evaluation.metrics.rmse).toBeLessThan(evaluation.baselines.naive.rmse * 0.5);
    expect(evaluation.verdict ?? '').not.toMatch(/Baseline fallback/);
  });

  it('leaves longer series and level targets alone', async () => {
    const { tf } = await loadTf();
    const cases: [number, 'difference' | 'level', TargetTransformPlan['kind']][] = [
      [FALLBACK_MAX_LENGTH + 10, 'difference', 'difference'],
      [FALLBACK_MAX_LENGTH - 5, 'level', 'level'],
    ];
    for (const [length, transform, kind] of cases) {
      const s = spec(transform);
      const data = prepareForecast(prepared(climb(length)), s);
      expect(data.plan.kind).toBe(kind);
      const { model } = buildModel(tf, s, data.dims, { fused: false });
      setOutput(tf, model, 'noise');
      const fallback = applyBaselineFallback(tf, model, data);
      const zero = outputIsZero(model);
      model.dispose();
      expect(fallback).toBeNull();
      expect(zero).toBe(false);
    }
  });
});

describe('an ensemble replaced by a simple forecast', () => {
  /** Three noisy networks joined into one median model. */
  function noisyEnsemble(tf: Tf, s: ReturnType<typeof spec>, dims: Parameters<typeof buildModel>[2]) {
    const members = [1, 2, 3].map((k) => {
      const { model } = buildModel(tf, { ...s, training: { ...s.training, seed: k } }, dims, { fused: false });
      setOutput(tf, model, 'noise');
      return model;
    });
    const joined = joinMembers(tf, members);
    members.forEach((m) => m.dispose());
    return joined;
  }
  const allZero = (model: tfTypes.LayersModel) =>
    outputLayers(model).every((l) => l.getWeights().every((w) => (w.dataSync() as Float32Array).every((v) => v === 0)));

  it('has the output layer of every network zeroed by the baseline fallback', async () => {
    const { tf } = await loadTf();
    const s = spec('difference');
    const data = prepareForecast(prepared(climb(FALLBACK_MAX_LENGTH - 5)), s);
    const model = noisyEnsemble(tf, s, data.dims);
    expect(outputLayers(model)).toHaveLength(3);
    expect(allZero(model)).toBe(false);
    const fallback = applyBaselineFallback(tf, model, data);
    const zero = allZero(model);
    model.dispose();
    expect(fallback?.applied).toBe(true);
    expect(zero).toBe(true);
  });

  it('has the output layer of every network zeroed by the validation guard', async () => {
    const { tf } = await loadTf();
    const s = spec('difference');
    const data = prepareForecast(prepared(climb(FALLBACK_MAX_LENGTH + 40)), s);
    const model = noisyEnsemble(tf, s, data.dims);
    const guard = applyValidationGuard(tf, model, data);
    const zero = allZero(model);
    model.dispose();
    expect(guard?.applied).toBe(true);
    expect(zero).toBe(true);
  });
});

describe('a forecast that kept its starting point', () => {
  it('says the model is its baseline, and the short-series fallback has nothing left to decide', async () => {
    const { tf } = await loadTf();
    const s = spec('difference');
    const data = prepareForecast(prepared(climb(FALLBACK_MAX_LENGTH - 5)), s);
    // The untrained model: a zero head, i.e. exactly the naive forecast.
    const { model } = buildModel(tf, s, data.dims, { fused: false });
    const kept = evaluateWithFallback(tf, model, data, { keptStart: true });
    const trained = evaluateWithFallback(tf, model, data, { keptStart: false });
    model.dispose();
    expect(kept.verdict ?? '').toMatch(
      /^No epoch of training improved on the untrained model on the validation windows, so the model is exactly its baseline, the naive forecast \(the last value\)\./,
    );
    expect(kept.verdict ?? '').not.toMatch(/Baseline fallback/);
    // Naive misses the climb's trend; the guard replaces it by a fitted model with a trend.
    expect(kept.verdict ?? '').toMatch(/Validation guard: (ARIMA\(\d,1,\d\) with drift|exponential smoothing)/);
    expect(kept.metrics.rmse).toBeLessThan(kept.baselines.naive.rmse * 0.2);
    expect(trained.verdict ?? '').not.toMatch(/No epoch of training/);
  });
});
