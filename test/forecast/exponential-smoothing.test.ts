import { describe, expect, it } from 'vitest';
import {
  etsDescription,
  etsForecast,
  etsHistory,
  etsName,
  etsSummary,
  etsProblem,
  etsStates,
  forgetSmoothing,
  smoothSeries,
} from '../../src-main/forecast/exponential-smoothing';
import type { EtsModel } from '../../src-main/forecast/exponential-smoothing';
import { CO2_72, STATSMODELS_FIXED } from './fixtures/ets-statsmodels';

const asModel = (m: (typeof STATSMODELS_FIXED)[number]['model']): EtsModel => ({ ...m });

describe('Holt-Winters smoothing against statsmodels', () => {
  for (const f of STATSMODELS_FIXED) {
    const m = asModel(f.model);
    it(`${etsName(m)}: one-step fitted values match statsmodels`, () => {
      const { fitted } = etsStates(CO2_72, m);
      f.fitted.forEach((v, t) => expect(fitted[t]).toBeCloseTo(v, 7));
    });
    it(`${etsName(m)}: forecasts after the series match statsmodels`, () => {
      // statsmodels fills step m of a seasonal forecast with the estimate made one season before
      // the latest; the textbook formula (used here) takes the latest, so step m is left out.
      const steps = m.season === 'none' ? 12 : 11;
      for (let k = 0; k < steps; k++) expect(etsForecast(CO2_72, 72, k, m)).toBeCloseTo(f.forecast[k], 7);
    });
  }

  it('a forecast from an origin inside the series reads only the values before it', () => {
    const m = asModel(STATSMODELS_FIXED[4].model);
    const cut = CO2_72.slice(0, 50);
    const changed = [...CO2_72.slice(0, 50), ...CO2_72.slice(50).map((v) => v + 100)];
    for (let k = 0; k < 14; k++) {
      expect(etsForecast(changed, 50, k, m)).toBeCloseTo(etsForecast(cut, 50, k, m), 10);
    }
  });

  it('the season step of a forecast 13 months ahead is the latest estimate for that month', () => {
    const m = asModel(STATSMODELS_FIXED[3].model);
    const st = etsStates(CO2_72, m);
    // Level-only additive season: forecast k steps ahead = level + latest season of that month.
    expect(etsForecast(CO2_72, 72, 12, m)).toBeCloseTo(st.level[72] + st.season[72], 10);
    expect(etsForecast(CO2_72, 72, 0, m)).toBeCloseTo(st.level[72] + st.season[72], 10);
  });

  it('a series grown by new values is smoothed afresh rather than read from the cache', () => {
    const m = asModel(STATSMODELS_FIXED[1].model);
    const a = CO2_72.slice(0, 60);
    const before = etsForecast(a, 60, 0, m);
    a.push(400);
    expect(etsForecast(a, 61, 0, m)).not.toBeCloseTo(before, 3);
    expect(etsForecast(a, 60, 0, m)).toBeCloseTo(before, 10);
  });

  it('refuses an origin without the history its start needs', () => {
    const m = asModel(STATSMODELS_FIXED[4].model);
    expect(etsHistory(m)).toBe(24);
    expect(() => etsForecast(CO2_72, 23, 0, m)).toThrow(/needs 24 value/);
  });

  it('names and describes forms in words', () => {
    expect(etsName({ trend: 'damped', season: 'multiplicative' })).toBe('ETS(A,Ad,M)');
    expect(etsDescription({ trend: 'additive', season: 'additive' })).toBe(
      'exponential smoothing with a smoothed level, a trend and an additive season (ETS(A,A,A))',
    );
    const weights = { period: 12, alpha: 0.31234, beta: 0.02, gamma: 0.1, phi: 0.98 };
    expect(etsSummary({ ...weights, trend: 'damped', season: 'multiplicative', error: 'multiplicative' })).toBe(
      'ETS(M,Ad,M): α 0.312, β 0.02, γ 0.1, φ 0.98',
    );
    expect(etsSummary({ ...weights, trend: 'none', season: 'none', beta: 0, gamma: 0, phi: 1 })).toBe(
      'ETS(A,N,N): α 0.312',
    );
  });

  it('checks a model read from a file', () => {
    const m = asModel(STATSMODELS_FIXED[5].model);
    expect(etsProblem(m, 12)).toBeNull();
    expect(etsProblem(m, 4)).toMatch(/period/);
    expect(etsProblem({ ...m, alpha: 1.5 }, 12)).toMatch(/alpha/);
    expect(etsProblem({ ...m, trend: 'cubic' }, 12)).toMatch(/trend/);
    expect(etsProblem('x', 12)).toMatch(/not an object/);
  });
});

describe('smoothing a long series in segments', () => {
  const bits = (a: Float64Array) => Buffer.from(a.buffer, a.byteOffset, a.byteLength);
  // A seasonal series with a trend and noise, long enough for many segments.
  const series = Float64Array.from(
    { length: 5000 },
    (_, i) => 300 + 0.05 * i + 20 * Math.sin((2 * Math.PI * i) / 12) + ((i * 7919) % 13) / 3,
  );

  for (const f of STATSMODELS_FIXED) {
    const m = asModel(f.model);
    it(`${etsName(m)}: gives bit for bit the states of one pass, with progress in between`, () => {
      const shares: number[] = [];
      const pieced = smoothSeries(series, m, (done) => shares.push(done), 333);
      const whole = etsStates(series, m);
      for (const key of ['level', 'trend', 'season', 'fitted'] as const) {
        expect(bits(pieced[key]).equals(bits(whole[key]))).toBe(true);
      }
      // One report before each of the 16 segments and one at the end, rising to 1.
      expect(shares).toHaveLength(Math.ceil(5000 / 333) + 1);
      expect(shares.every((d, i) => i === 0 || d > shares[i - 1])).toBe(true);
      expect(shares.at(-1)).toBe(1);
    });
  }

  it('keeps the states for the forecasts, and lets go of them on request', () => {
    const m = asModel(STATSMODELS_FIXED[4].model);
    const y = Float64Array.from(series);
    const pieced = smoothSeries(y, m, () => undefined, 1000);
    // A forecast read from the kept states equals one from a fresh smoothing of an equal series.
    const fresh = Float64Array.from(series);
    for (const t of [24, 999, 1000, 4321, 5000]) {
      expect(Object.is(etsForecast(y, t, 2, m), etsForecast(fresh, t, 2, m))).toBe(true);
    }
    // The kept states are the ones returned: a change to them shows in the next forecast.
    pieced.level[4000] += 1;
    expect(etsForecast(y, 4000, 0, m)).toBeCloseTo(etsForecast(fresh, 4000, 0, m) + 1, 10);
    forgetSmoothing(y, m);
    expect(etsForecast(y, 4000, 0, m)).toBe(etsForecast(fresh, 4000, 0, m));
  });
});
