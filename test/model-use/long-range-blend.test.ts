/**
 * Long forecasts lean on a plain reference where their backtest shows the fed-back model
 * drifting. The backtests here are built by hand, so each weight can be checked against what the
 * errors say.
 */
import { describe, expect, it } from 'vitest';
import {
  holdsAcrossHalves,
  longRangeBlend,
  nonIncreasing,
  stepWeights,
} from '../../src-main/model-use/long-range-blend';
import type { LongBacktest } from '../../src-main/model-use/long-range-blend';

const PERIOD = 12;
const STEPS = 24;

/** A seasonal series with a little deterministic wobble: 20 years of months. */
function seasonal(n = 240): Float64Array {
  return Float64Array.from({ length: n }, (_, t) => 10 * Math.sin((2 * Math.PI * t) / PERIOD) + Math.sin(t * 1.7));
}

/** From every origin, a forecast that is right at step 1 and then drifts upward by `drift` per step. */
function drifting(target: Float64Array, origins: number[], drift: number): LongBacktest {
  return {
    origins,
    forecasts: origins.map((t) => Float64Array.from({ length: STEPS }, (_, k) => target[t + k] + drift * k)),
  };
}

const origins = Array.from({ length: 60 }, (_, i) => 150 + i);
const seasons = [{ period: PERIOD, label: '1 year' }];

describe('the long-range blend', () => {
  it('fits a non-increasing sequence by pooling neighbours that rise', () => {
    expect(nonIncreasing([1, 0.5, 0.7, 0.2], [1, 1, 1, 1])).toEqual([1, 0.6, 0.6, 0.2]);
    // One block, at the weighted mean (0.2 + 0.4 + 2 × 0.9) / 4.
    for (const v of nonIncreasing([0.2, 0.4, 0.9], [1, 1, 2])) expect(v).toBeCloseTo(0.6, 12);
    expect(nonIncreasing([1, 0.8, 0.3], [1, 1, 1])).toEqual([1, 0.8, 0.3]);
  });

  it('keeps the model on its own horizon and moves to the season as the drift grows', () => {
    const target = seasonal();
    const backtest = drifting(target, origins, 0.8);
    const point = Float64Array.from({ length: STEPS }, (_, k) => 100 + k);
    const blend = longRangeBlend(target, point, backtest, seasons, { lookback: 12, horizon: 1 });
    expect(blend).not.toBeNull();
    const w = blend!.weights;
    expect(w).toHaveLength(STEPS);
    expect(w[0]).toBe(1);
    for (let k = 1; k < STEPS; k++) expect(w[k]).toBeLessThanOrEqual(w[k - 1]);
    expect(w[STEPS - 1]).toBeLessThan(0.3);
    // The blended backtest is closer to the truth than the drifting one at the far steps.
    const far = STEPS - 1;
    const err = (f: Float64Array[]) => origins.reduce((s, t, i) => s + (target[t + far] - f[i][far]) ** 2, 0);
    expect(err(blend!.backtest.forecasts)).toBeLessThan(err(backtest.forecasts) / 4);
    // From the end of the data the reference is the mean of the same month in the last five years.
    const n = target.length;
    const sameMonth = [1, 2, 3, 4, 5].map((j) => target[n + far - (j + 1) * PERIOD]);
    const reference = sameMonth.reduce((a, b) => a + b, 0) / 5;
    expect(blend!.point[far]).toBeCloseTo(w[far] * point[far] + (1 - w[far]) * reference, 9);
    expect(blend!.point[0]).toBe(point[0]);
    expect(blend!.note).toMatch(/the average of the same point in the last 5 seasons \(a season of 1 year\)/);
    expect(blend!.note).toMatch(/forecast better from step 2 on/);
  });

  it('changes nothing when the fed-back model is right at every step', () => {
    const target = seasonal();
    const backtest = drifting(target, origins, 0);
    const point = new Float64Array(STEPS).fill(3);
    expect(longRangeBlend(target, point, backtest, seasons, { lookback: 12, horizon: 1 })).toBeNull();
  });

  it('changes nothing when weights fitted on one half of the origins do not help on the other', () => {
    const target = seasonal();
    // The model drifts from the earlier origins only; from the later ones it is right.
    const early = drifting(target, origins.slice(0, 30), 0.8);
    const late = drifting(target, origins.slice(30), 0);
    const backtest = { origins, forecasts: [...early.forecasts, ...late.forecasts] };
    const references = origins.map((t) =>
      Float64Array.from({ length: STEPS }, (_, k) => target[t + k - PERIOD] ?? Number.NaN),
    );
    expect(holdsAcrossHalves(target, backtest, references, STEPS, 1)).toBe(false);
    expect(holdsAcrossHalves(target, drifting(target, origins, 0.8), references, STEPS, 1)).toBe(true);
    const point = new Float64Array(STEPS);
    expect(longRangeBlend(target, point, backtest, seasons, { lookback: 12, horizon: 1 })).toBeNull();
  });

  it('changes nothing on too few backtest origins or within the horizon', () => {
    const target = seasonal();
    const few = drifting(target, origins.slice(0, 20), 0.8);
    const point = new Float64Array(STEPS);
    expect(longRangeBlend(target, point, few, seasons, { lookback: 12, horizon: 1 })).toBeNull();
    const backtest = drifting(target, origins, 0.8);
    expect(longRangeBlend(target, point, backtest, seasons, { lookback: 12, horizon: STEPS })).toBeNull();
  });

  it('weighs each step by least squares: half way when the reference errs as much the other way', () => {
    const target = new Float64Array(100).fill(0);
    const o = Array.from({ length: 40 }, (_, i) => 50 + i);
    const backtest = { origins: o, forecasts: o.map(() => Float64Array.of(0, 2, 2)) };
    const refs = o.map(() => Float64Array.of(0, -2, -2));
    const { weights, errors } = stepWeights(target, backtest, refs, 3, 1);
    expect(weights).toEqual([1, 0.5, 0.5]);
    expect(errors[1].model).toBeCloseTo(40 * 4, 9);
    expect(errors[1].blend).toBeCloseTo(0, 9);
  });
});
