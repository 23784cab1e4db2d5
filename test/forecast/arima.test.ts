import { describe, expect, it } from 'vitest';
import {
  arimaForecast,
  arimaHistory,
  arimaName,
  arimaProblem,
  arimaStates,
  arimaSummary,
  differencing,
} from '../../src-main/forecast/arima';
import type { ArimaModel } from '../../src-main/forecast/arima';
import { fitArima, refitArima } from '../../src-main/forecast/arima-fit';
import { seededGaussian } from './helpers/random';

const model = (m: Partial<ArimaModel>): ArimaModel => ({
  d: 0,
  seasonalD: 0,
  period: null,
  ar: [],
  ma: [],
  seasonalMa: [],
  mean: 0,
  ...m,
});

function noisy(length: number, seed: number): number[] {
  const gaussian = seededGaussian(seed);
  return Array.from({ length }, () => gaussian());
}

describe('ARIMA forecasts', () => {
  it('multiplies out the differences: (1 − B)(1 − B⁴) has lags 1, 4 and 5', () => {
    expect(differencing(model({ d: 1, seasonalD: 1, period: 4 }))).toEqual([
      [1, -1],
      [4, -1],
      [5, 1],
    ]);
    expect(arimaHistory(model({ d: 1, seasonalD: 1, period: 4 }))).toBe(6);
  });

  it('an AR(1) around its mean decays towards the mean by φ a step', () => {
    const y = [3, 7, 4, 9, 6];
    const m = model({ ar: [0.5], mean: 5 });
    for (let k = 0; k < 4; k++) expect(arimaForecast(y, 5, k, m)).toBeCloseTo(5 + 0.5 ** (k + 1) * (6 - 5), 12);
  });

  it('ARIMA(0,1,1) is simple exponential smoothing with α = 1 + θ, from the first value', () => {
    const y = noisy(60, 3).map((v, i) => 10 + i * 0.1 + v);
    const theta = -0.6;
    const m = model({ d: 1, ma: [theta] });
    let level = y[0];
    for (let t = 1; t < y.length; t++) {
      if (t >= 2) expect(arimaForecast(y, t, 0, m)).toBeCloseTo(level, 10);
      level += (1 + theta) * (y[t] - level);
    }
  });

  it('a seasonal difference alone is seasonal naive; with drift it adds the mean change per season', () => {
    const y = noisy(30, 5);
    const plain = model({ seasonalD: 1, period: 6 });
    for (let k = 0; k < 6; k++) expect(arimaForecast(y, 20, k, plain)).toBeCloseTo(y[14 + k], 12);
    const walk = model({ d: 1, mean: 0.25 });
    for (let k = 0; k < 5; k++) expect(arimaForecast(y, 20, k, walk)).toBeCloseTo(y[19] + 0.25 * (k + 1), 12);
  });

  it('reads only the values before the origin', () => {
    const y = noisy(80, 7);
    const m = model({ d: 1, seasonalD: 1, period: 12, ar: [0.3, -0.2], ma: [-0.4], seasonalMa: [-0.5] });
    const changed = [...y];
    for (let i = 50; i < changed.length; i++) changed[i] += 100;
    for (let k = 0; k < 15; k++) expect(arimaForecast(changed, 50, k, m)).toBeCloseTo(arimaForecast(y, 50, k, m), 12);
    expect(() => arimaForecast(y, 13, 0, m)).toThrow(RangeError);
  });

  it('gives the same forecasts whatever order the steps and origins are asked in', () => {
    const y = noisy(120, 23).map((v, i) => v + 0.2 * i);
    const m = model({ d: 1, seasonalD: 1, period: 12, ar: [0.4], ma: [-0.3], seasonalMa: [-0.5] });
    const forward = Array.from({ length: 40 }, (_, k) => arimaForecast(y, 60, k, m));
    const other = arimaForecast(y, 61, 3, m);
    const backward = Array.from({ length: 40 }, (_, k) => arimaForecast(y, 60, 39 - k, m)).reverse();
    expect(backward).toEqual(forward);
    expect(arimaForecast(y, 61, 3, m)).toBe(other);
    // Each step is the one-step forecast of a history extended by the forecasts before it.
    const extended = [...y.slice(0, 60), ...forward.slice(0, 10)];
    expect(arimaForecast(extended, 70, 0, m)).toBeCloseTo(forward[10], 9);
  });

  it('its one-step errors are the forecast errors', () => {
    const y = noisy(40, 9).map((v, i) => v + i);
    const m = model({ d: 1, ar: [0.4], ma: [0.3], mean: 1 });
    const { e } = arimaStates(y, m);
    for (let t = 5; t < 40; t++) expect(e[t]).toBeCloseTo(y[t] - arimaForecast(y, t, 0, m), 10);
  });

  it('names the orders in the usual notation', () => {
    expect(arimaName(model({ d: 1, ar: [0.1, 0.2], ma: [0.3] }))).toBe('ARIMA(2,1,1)');
    expect(arimaName(model({ d: 1, seasonalD: 1, period: 12, ma: [-0.4], seasonalMa: [-0.6] }))).toBe(
      'ARIMA(0,1,1)(0,1,1)[12]',
    );
    expect(arimaName(model({ d: 1, mean: 0.2 }))).toBe('ARIMA(0,1,0) with drift');
  });

  it('gives the coefficients beside the name for Results', () => {
    expect(arimaSummary(model({ d: 1, ar: [0.3312, -0.05], ma: [-0.6607], mean: 0.01234 }))).toBe(
      'ARIMA(2,1,1) with drift: φ1 0.331, φ2 −0.05, θ −0.661, drift per step 0.0123',
    );
    expect(arimaSummary(model({ ar: [0.9], mean: 50 }))).toBe('ARIMA(1,0,0): φ 0.9, mean 50');
    expect(arimaSummary(model({ d: 1 }))).toBe('ARIMA(0,1,0)');
    expect(arimaSummary(model({ seasonalD: 1, period: 12, seasonalMa: [-0.6], mean: 21.94 }))).toBe(
      'ARIMA(0,0,0)(0,1,1)[12] with drift: Θ −0.6, change per season 21.9',
    );
  });

  it('refuses a damaged model with a sentence naming the problem', () => {
    expect(arimaProblem(model({ d: 1, ar: [0.5] }), null)).toBeNull();
    expect(arimaProblem(model({ seasonalD: 1, period: 12 }), 12)).toBeNull();
    expect(arimaProblem(null, null)).toMatch(/not an object/);
    expect(arimaProblem(model({ d: 2 }), null)).toMatch(/differences \(d\) must be 0 or 1/);
    expect(arimaProblem(model({ ar: [0.1, 0.2, 0.3] }), null)).toMatch(/autoregressive/);
    expect(arimaProblem(model({ ma: [Number.NaN] }), null)).toMatch(/moving-average/);
    expect(arimaProblem({ ...model({}), mean: 'x' }, null)).toMatch(/mean/);
    expect(arimaProblem(model({ seasonalD: 1, period: 12 }), 4)).toMatch(/period equal to the target period/);
  });
});

describe('fitting ARIMA on the training part', () => {
  it('recovers the coefficients of an AR(2) and does not difference it', () => {
    const e = noisy(1500, 11);
    const y = [0, 0];
    for (let t = 2; t < e.length; t++) y.push(0.6 * y[t - 1] - 0.3 * y[t - 2] + e[t]);
    const m = fitArima(
      y.map((v) => v + 50),
      1500,
      null,
    );
    expect(m?.d).toBe(0);
    expect(m?.ar.length).toBe(2);
    expect(m?.ar[0]).toBeCloseTo(0.6, 1);
    expect(m?.ar[1]).toBeCloseTo(-0.3, 1);
    expect(m?.mean).toBeCloseTo(50, 0);
  });

  it('differences a random walk whose changes are an MA(1), and recovers θ', () => {
    const e = noisy(1200, 13);
    const y = [0];
    for (let t = 1; t < e.length; t++) y.push(y[t - 1] + e[t] - 0.5 * e[t - 1]);
    const m = fitArima(y, 1200, null);
    expect(m?.d).toBe(1);
    // ARIMA(0,1,1) or an AR approximation of it; the one-step errors are what count.
    const sse = (mm: ArimaModel) =>
      arimaStates(y, mm)
        .e.slice(20)
        .reduce((a, v) => a + v * v, 0);
    const truth = sse(model({ d: 1, ma: [-0.5] }));
    expect(sse(m as ArimaModel)).toBeLessThan(truth * 1.01);
    if (m?.ma.length === 1 && m.ar.length === 0) expect(m.ma[0]).toBeCloseTo(-0.5, 1);
  });

  it('takes a seasonal difference for a wandering season and fits only the values given', () => {
    const e = noisy(240, 17);
    const y: number[] = [];
    for (let t = 0; t < 240; t++) y.push(t < 12 ? 10 * Math.sin((2 * Math.PI * t) / 12) : y[t - 12] + 0.5 * e[t]);
    const m = fitArima(y, 180, 12);
    expect(m?.seasonalD).toBe(1);
    expect(m?.period).toBe(12);
    const changed = [...y];
    for (let i = 180; i < 240; i++) changed[i] = 1e6;
    expect(fitArima(changed, 180, 12)).toEqual(m);
  });

  it('gives nothing for a history too short or not finite, and refits keeping the orders', () => {
    expect(fitArima([1, 2, 3, 4, 5, 6, 7, 8], 8, null)).toBeNull();
    const y = noisy(100, 19).map((v, i) => v + 0.1 * i);
    expect(fitArima([...y.slice(0, 50), Number.NaN, ...y.slice(51)], 100, null)).toBeNull();
    const m = fitArima(y, 70, null) as ArimaModel;
    const again = refitArima(y, 100, m);
    expect([again.d, again.seasonalD, again.ar.length, again.ma.length, again.mean !== 0]).toEqual([
      m.d,
      m.seasonalD,
      m.ar.length,
      m.ma.length,
      m.mean !== 0,
    ]);
  });
});
