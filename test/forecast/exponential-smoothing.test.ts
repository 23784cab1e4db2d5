import { describe, expect, it } from 'vitest';
import {
  etsDescription,
  etsForecast,
  etsHistory,
  etsName,
  etsProblem,
  etsStates,
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
