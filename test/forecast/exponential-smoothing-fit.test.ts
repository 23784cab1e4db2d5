import { describe, expect, it } from 'vitest';
import {
  etsDeviance,
  etsForms,
  etsSquaredError,
  fitEts,
  fitEtsForm,
} from '../../src-main/forecast/exponential-smoothing-fit';
import { etsName } from '../../src-main/forecast/exponential-smoothing';
import { seededGaussian } from './helpers/random';
import { nelderMead } from '../../src-main/forecast/nelder-mead';
import { trendSeason } from '../quality/synthetic-series';
import { CO2_72, STATSMODELS_FITTED_SSE } from './fixtures/ets-statsmodels';

describe('Nelder-Mead', () => {
  it('finds the minimum of a shifted quadratic bowl', () => {
    const found = nelderMead((x) => (x[0] - 1) ** 2 + 3 * (x[1] + 2) ** 2, [0, 0], { maxEvaluations: 500 });
    expect(found.x[0]).toBeCloseTo(1, 3);
    expect(found.x[1]).toBeCloseTo(-2, 3);
  });

  it('ranks non-finite values last instead of stopping', () => {
    const found = nelderMead((x) => (x[0] < 0 ? Number.NaN : (x[0] - 2) ** 2), [1], { maxEvaluations: 200 });
    expect(found.x[0]).toBeCloseTo(2, 3);
  });
});

describe('fitting exponential smoothing on the training part', () => {
  for (const s of STATSMODELS_FITTED_SSE) {
    it(`${s.trend} trend, ${s.season} season: one-step error within 2% of statsmodels' fit`, () => {
      const { model, sse } = fitEtsForm(CO2_72, 72, { trend: s.trend, season: s.season, period: 12 });
      expect(sse).toBeCloseTo(etsSquaredError(CO2_72, model, 72), 8);
      expect(sse).toBeLessThan(s.sse * 1.02);
    });
  }

  it('chooses a seasonal form for a series with a strong season and fits only the values given', () => {
    const { values } = trendSeason(240);
    const model = fitEts(values, 180, 12);
    expect(model?.season).not.toBe('none');
    const changed = Float64Array.from(values, (v, i) => (i >= 180 ? v * 3 : v));
    expect(fitEts(changed, 180, 12)).toEqual(model);
  });

  it('leaves the season out when the history holds fewer than four seasons', () => {
    const { values } = trendSeason(240);
    expect(fitEts(values, 40, 12)?.season).toBe('none');
    expect(fitEts(values, 5, 12)).toBeNull();
  });

  it('weighs errors in proportion to the level when they grow with it, and names the fit so', () => {
    // A season and noise that both scale with a level growing tenfold: relative errors fit, absolute ones do not.
    const noise = seededGaussian(3);
    const values = Float64Array.from({ length: 240 }, (_, i) => {
      const level = 10 * Math.exp(i / 104);
      return level * (1 + 0.3 * Math.sin((2 * Math.PI * i) / 12)) * (1 + 0.04 * noise());
    });
    const model = fitEts(values, 200, 12);
    expect(model?.error).toBe('multiplicative');
    expect(model?.season).toBe('multiplicative');
    expect(etsName(model!)).toMatch(/^ETS\(M,/);
    // The same series shifted below zero can only have additive errors.
    const shifted = Float64Array.from(values, (v) => v - 200);
    expect(fitEts(shifted, 200, 12)?.error).toBe('additive');
  });

  it('keeps the weights in the usual region: the season weight below 1 − alpha', () => {
    const { values } = trendSeason(240);
    for (const error of ['additive', 'multiplicative'] as const) {
      const { model, deviance } = fitEtsForm(values, 180, { trend: 'additive', season: 'additive', period: 12 }, error);
      expect(model.gamma).toBeLessThan(1 - model.alpha);
      expect(model.error).toBe(error);
      expect(deviance).toBeCloseTo(etsDeviance(values, model, 180), 8);
    }
  });
});

describe('fitEts progress', () => {
  it('reports once per form tried, rising, and fits the same model as without a listener', () => {
    const shares: number[] = [];
    const model = fitEts(CO2_72, 60, 12, (done) => shares.push(done));
    expect(model).toEqual(fitEts(CO2_72, 60, 12));
    expect(shares).toHaveLength(etsForms(CO2_72, 60, 12).length);
    expect(shares[0]).toBe(0);
    expect(shares.every((d, i) => d < 1 && (i === 0 || d > shares[i - 1]))).toBe(true);
  });
});
