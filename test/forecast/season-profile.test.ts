import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  calendarPhase,
  fitSeasonProfile,
  phaseOffset,
  profileForecast,
  profileProblem,
  profileUnit,
  savedProfile,
} from '../../src-main/forecast/season-profile';
import type { AlignedSeasonProfile } from '../../src-main/forecast/season-profile';
import {
  alignPlan,
  baselineAt,
  chooseTargetTransform,
  historyNeeded,
  invertTarget,
  networkTarget,
  transformedInput,
} from '../../src-main/forecast/target-transform';
import { trendSeason } from '../quality/synthetic-series';
import { seededGaussian } from './helpers/random';

/** Month starts from `year`-`month` (0-based month), one per step. */
function monthly(length: number, year = 1990, month = 0): Float64Array {
  return Float64Array.from({ length }, (_, i) => Date.UTC(year, month + i, 1));
}

const SHAPE = [3, 5, 2, -1, -4, -6, -3, 0, 1, 2, 0.5, 0.5];
const shapeMean = SHAPE.reduce((a, b) => a + b, 0) / 12;
/** Noiseless 10 + 0.2 t + shape[(offset + t) % 12]. */
function exactSeries(length: number, offset: number): Float64Array {
  return Float64Array.from({ length }, (_, t) => 10 + 0.2 * t + SHAPE[(offset + t) % 12]);
}

describe('calendar phases', () => {
  it('reads month, quarter, hour and weekday in UTC', () => {
    const t = Date.UTC(2024, 7, 15, 13, 30); // Thursday 15 August 2024, 13:30 UTC
    expect(calendarPhase('month', t)).toBe(7);
    expect(calendarPhase('quarter', t)).toBe(2);
    expect(calendarPhase('hour', t)).toBe(13);
    expect(calendarPhase('weekday', t)).toBe(4);
  });

  it('maps a frequency to its calendar cycle only when the period is that cycle', () => {
    expect(profileUnit('monthly', 12)).toBe('month');
    expect(profileUnit('quarterly', 4)).toBe('quarter');
    expect(profileUnit('hourly', 24)).toBe('hour');
    expect(profileUnit('daily', 7)).toBe('weekday');
    expect(profileUnit('monthly', 6)).toBeNull();
    expect(profileUnit('weekly', 52)).toBeNull();
    expect(profileUnit(null, 12)).toBeNull();
  });

  it('finds the phase of the first step and refuses gaps or missing time stamps', () => {
    expect(phaseOffset('month', 12, monthly(40, 2001, 4))).toBe(4);
    const gap = monthly(40);
    gap[20] = Date.UTC(1990, 21, 1);
    expect(phaseOffset('month', 12, gap)).toBeNull();
    expect(phaseOffset('month', 12, null)).toBeNull();
    expect(phaseOffset('month', 12, new Float64Array(0))).toBeNull();
  });
});

describe('fitSeasonProfile and profileForecast', () => {
  it('recover drift and shape exactly from a noiseless trend + season', () => {
    const offset = 5;
    const y = exactSeries(300, offset);
    // 236 steps: the training part ends mid-season, and the drift is still exact.
    const p = fitSeasonProfile(y, 236, { unit: 'month', period: 12, offset, window: 12 });
    expect(p.drift).toBeCloseTo(0.2, 12);
    p.values.forEach((v, phase) => expect(v).toBeCloseTo(SHAPE[phase] - shapeMean, 9));
    expect(p.values.reduce((a, b) => a + b, 0)).toBeCloseTo(0, 9);
    const aligned: AlignedSeasonProfile = { ...p, offset };
    for (const t of [12, 100, 299]) {
      for (const k of [0, 1, 5, 13]) {
        expect(profileForecast(y, t, k, aligned)).toBeCloseTo(10 + 0.2 * (t + k) + SHAPE[(offset + t + k) % 12], 8);
      }
    }
  });

  it('reads only the values before the origin', () => {
    const y = exactSeries(120, 0);
    const p: AlignedSeasonProfile = {
      ...fitSeasonProfile(y, 96, { unit: 'month', period: 12, offset: 0, window: 12 }),
      offset: 0,
    };
    fc.assert(
      fc.property(
        fc.integer({ min: 12, max: 119 }),
        fc.integer({ min: 0, max: 6 }),
        fc.double({ min: -1e3, max: 1e3, noNaN: true }),
        (t, k, v) => {
          const before = profileForecast(y, t, k, p);
          const changed = Float64Array.from(y);
          for (let i = t; i < changed.length; i++) changed[i] = v;
          return profileForecast(changed, t, k, p) === before;
        },
      ),
    );
  });

  it('refuses too little training data or history', () => {
    expect(() =>
      fitSeasonProfile(exactSeries(30, 0), 23, { unit: 'month', period: 12, offset: 0, window: 12 }),
    ).toThrow(/two full seasons/);
    const p: AlignedSeasonProfile = {
      ...fitSeasonProfile(exactSeries(60, 0), 48, { unit: 'month', period: 12, offset: 0, window: 12 }),
      offset: 0,
    };
    expect(() => profileForecast(exactSeries(60, 0), 11, 0, p)).toThrow(/12 value\(s\) before origin 11/);
  });

  it('names what is wrong with a saved profile', () => {
    const good = { unit: 'month', values: SHAPE, drift: 0.1, window: 12 };
    expect(profileProblem(good, 12)).toBeNull();
    expect(profileProblem(null, 12)).toMatch(/not an object/);
    expect(profileProblem({ ...good, unit: 'fortnight' }, 12)).toMatch(/unit/);
    expect(profileProblem({ ...good, values: SHAPE.slice(1) }, 12)).toMatch(/12 finite values/);
    expect(profileProblem({ ...good, values: [...SHAPE.slice(1), Number.NaN] }, 12)).toMatch(/finite/);
    expect(profileProblem({ ...good, drift: 'up' }, 12)).toMatch(/drift/);
    expect(profileProblem({ ...good, window: 0 }, 12)).toMatch(/window/);
    expect(profileProblem({ ...good, window: 2.5 }, 12)).toMatch(/window/);
  });
});

describe('the seasonal-profile target transform', () => {
  const s = trendSeason(480);
  const time = monthly(480, 1980, 0);
  const origins = Array.from({ length: 72 }, (_, i) => 336 + i);

  it('is chosen for a noisy trend + stable season when the calendar places it, and not without', () => {
    const plan = chooseTargetTransform(s.values, {
      validationOrigins: origins,
      horizon: 1,
      period: 12,
      calendar: { unit: 'month', offset: 0 },
    });
    expect(plan.kind).toBe('seasonal-profile');
    expect(plan.reason).toMatch(/seasonal profile/);
    expect(plan.profile?.drift).toBeGreaterThan(0.03);
    expect(plan.profile?.drift).toBeLessThan(0.07);
    const without = chooseTargetTransform(s.values, { validationOrigins: origins, horizon: 1, period: 12 });
    expect(without.kind).not.toBe('seasonal-profile');
  });

  it('beats naive and seasonal naive on the held-out steps of that series by itself', () => {
    const plan = alignPlan(
      chooseTargetTransform(s.values, {
        validationOrigins: origins,
        horizon: 1,
        period: 12,
        calendar: { unit: 'month', offset: 0 },
      }),
      time,
    );
    let profile = 0;
    let seasonal = 0;
    let floor = 0;
    for (let t = 408; t < 480; t++) {
      profile += (s.values[t] - baselineAt(s.values, t, 0, plan)) ** 2;
      seasonal += (s.values[t] - s.values[t - 12]) ** 2;
      floor += (s.values[t] - s.oracle[t]) ** 2;
    }
    expect(profile).toBeLessThan(seasonal);
    // Within 10% of the noise floor in RMSE on its own, before any network.
    expect(Math.sqrt(profile / floor)).toBeLessThan(1.1);
  });

  it('round-trips targets, needs one window of history and feeds first differences', () => {
    const noise = seededGaussian(3);
    const y = Float64Array.from(exactSeries(200, 2), (v) => v + 0.3 * noise());
    const fitted = fitSeasonProfile(y, 140, { unit: 'month', period: 12, offset: 2, window: 12 });
    const plan = alignPlan(
      { kind: 'seasonal-profile', period: 12, reason: '', profile: { ...fitted, offset: 0 } },
      monthly(200, 2000, 2),
    );
    expect(plan.profile?.offset).toBe(2);
    expect(historyNeeded(plan)).toBe(12);
    for (const [t, k] of [
      [12, 0],
      [150, 3],
      [190, 9],
    ]) {
      expect(invertTarget(y, t, k, networkTarget(y, t, k, plan), plan)).toBeCloseTo(y[t + k], 9);
    }
    const input = transformedInput(y, plan);
    expect(input[0]).toBe(0);
    expect(input[57]).toBeCloseTo(y[57] - y[56], 12);
  });

  it('places a saved profile by the calendar of the series it meets', () => {
    const fitted = savedProfile({
      ...fitSeasonProfile(exactSeries(120, 0), 97, { unit: 'month', period: 12, offset: 0, window: 12 }),
      offset: 0,
    });
    // The same months, starting in July: the baseline must still be exact.
    const y = exactSeries(60, 6);
    const plan = alignPlan(
      { kind: 'seasonal-profile', period: 12, reason: '', profile: { ...fitted, offset: 0 } },
      monthly(60, 1995, 6),
    );
    expect(baselineAt(y, 30, 2, plan)).toBeCloseTo(y[32], 8);
    expect(() =>
      alignPlan({ kind: 'seasonal-profile', period: 12, reason: '', profile: { ...fitted, offset: 0 } }, null),
    ).toThrow(/regular time stamps/);
    expect(() => alignPlan({ kind: 'seasonal-profile', period: 12, reason: '' }, monthly(60))).toThrow(/holds none/);
  });
});
