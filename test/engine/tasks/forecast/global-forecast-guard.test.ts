/**
 * The validation guard of a model over many series: a series whose plain forecast beats the shared
 * network on its validation windows forecasts that plain forecast (its plan marked `plain`), in the
 * evaluation, in preprocessing.json and wherever a saved model is used; a series where the network
 * holds its own keeps the network.
 */
import { describe, expect, it } from 'vitest';
import type * as tfTypes from '@tensorflow/tfjs';
import { loadTf, type Tf } from '../../../../src-main/tensorflow/load-tf';
import {
  evaluateGlobal,
  globalPreprocessing,
  prepareGlobal,
  savedForSeries,
} from '../../../../src-main/engine/tasks/forecast/global-forecast-task';
import { applyGlobalGuard } from '../../../../src-main/engine/tasks/forecast/global-forecast-guard';
import { buildModel } from '../../../../src-main/engine/model/model-builder';
import { outputLayers } from '../../../../src-main/engine/training/ensemble-weights';
import { savedTargetPlan } from '../../../../src-main/engine/tasks/common/fixed-preprocessing';
import { baselineAt, invertTarget } from '../../../../src-main/forecast/target-transform';
import { readPreprocessing } from '../../../../src-main/shared/preprocessing-schema';
import { seededGaussian } from '../../../forecast/helpers/random';
import { preparedSeries } from '../../synthetic';
import { dailySeries, shopsSpec } from './daily-series';

const spec = shopsSpec();

/** Sets the model's output layer to `bias` everywhere (in the target's scaled units). */
function constantOutput(tf: Tf, model: tfTypes.LayersModel, bias: number): void {
  for (const layer of outputLayers(model)) {
    const weights = layer.getWeights();
    const next = weights.map((w, i) => (i === weights.length - 1 ? tf.fill(w.shape, bias) : tf.zerosLike(w)));
    layer.setWeights(next);
    tf.dispose(next);
  }
}

function randomWalk(seed: number) {
  const g = seededGaussian(seed);
  let v = 100;
  return preparedSeries(
    Float64Array.from({ length: 400 }, () => (v += g())),
    'daily',
  );
}

describe('the validation guard of a model over many series', () => {
  it('makes every series the network loses on forecast its best plain forecast, exactly, and says so', async () => {
    const { tf } = await loadTf();
    const series = [
      { ...dailySeries([[7, 6]], 3), id: 'north' },
      { ...dailySeries([[7, 4]], 4), id: 'south' },
      { ...randomWalk(5), id: 'east' },
    ];
    const { data } = prepareGlobal(series, spec);
    const { model } = buildModel(tf, spec, data[0].dims, { fused: spec.training.fused });
    try {
      // A network far off on every series: 40 scaled units above each base.
      constantOutput(tf, model, 40);
      const outcome = applyGlobalGuard(tf, model, data);
      expect(outcome.judged).toBe(3);
      expect(outcome.replaced.map((r) => r.id)).toEqual(['north', 'south', 'east']);
      // The weekly series are won by a seasonal forecast, the random walk by a level forecast.
      expect(outcome.replaced[0].forecast).not.toBe('naive');
      expect(['naive', 'exponential smoothing']).toContain(outcome.replaced[2].forecast);
      expect(outcome.note).toMatch(/^Validation guard: on 3 of 3 series a plain forecast did better/);
      expect(outcome.note).toContain("'north', 'south', 'east'");

      const ev = evaluateGlobal(tf, model, data);
      data.forEach((d, i) => {
        expect(d.plan.plain).toBe(true);
        const score = ev.global!.series[i];
        expect(score.plainForecast).toBe(outcome.replaced[i].forecast);
        // The test forecasts are the plain forecast's, whatever the network outputs.
        const y = d.series.target;
        const own = { ...d.plan, plain: false };
        let sum = 0;
        for (const t of d.split.test) sum += Math.abs(y[t] - baselineAt(y, t, 0, own));
        expect(score.metrics.mae).toBeCloseTo(sum / d.split.test.length, 9);
      });

      // Saved and read back (as a bundle, a continued run or a forecast would), the mark stays.
      const pre = readPreprocessing(JSON.parse(JSON.stringify(globalPreprocessing(spec, data))), 'preprocessing.json');
      ['north', 'south', 'east'].forEach((id, i) => {
        const plan = savedTargetPlan(savedForSeries(pre, id)!);
        expect(plan.plain).toBe(true);
        // Any network output gives the plain forecast.
        const y = series[i].target;
        expect(invertTarget(y, 300, 0, 123.4, plan)).toBe(baselineAt(y, 300, 0, { ...plan, plain: false }));
      });
    } finally {
      model.dispose();
    }
  });

  it('keeps the network where no plain forecast beats it, and adds nothing to the verdict', async () => {
    const { tf } = await loadTf();
    const series = [
      { ...randomWalk(11), id: 'a' },
      { ...randomWalk(12), id: 'b' },
    ];
    const { data } = prepareGlobal(series, spec);
    const { model } = buildModel(tf, spec, data[0].dims, { fused: spec.training.fused });
    try {
      // A zero output forecasts the base, the last value: naive ties it and does not replace it.
      constantOutput(tf, model, 0);
      const ev = evaluateGlobal(tf, model, data, { guard: true });
      expect(data.map((d) => d.plan.plain ?? false)).toEqual([false, false]);
      expect(ev.global!.series.map((s) => s.plainForecast)).toEqual([undefined, undefined]);
      expect(ev.verdict).toMatch(/^Across 2 series the model's mean scaled error is [\d.]+ \(naive = 1\);/);
      expect(ev.verdict).not.toContain('Validation guard');
      expect(globalPreprocessing(spec, data).series!.every((s) => s.target.plain === undefined)).toBe(true);
    } finally {
      model.dispose();
    }
  });
});
