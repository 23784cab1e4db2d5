import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { candidateSquares } from '../../src-main/forecast/candidate-errors';
import type { TargetTransformPlan, TransformKind } from '../../src-main/forecast/target-transform';
import {
  baselineAt,
  chooseTargetTransform,
  historyNeeded,
  MAX_CHOICE_ORIGINS,
  invertTarget,
  networkTarget,
  transformedInput,
} from '../../src-main/forecast/target-transform';
import { trendSeason } from '../quality/synthetic-series';
import { randomWalk, seededGaussian } from './helpers/random';

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i);
}

const choose = (series: ArrayLike<number>, period: number | null): TargetTransformPlan =>
  chooseTargetTransform(series, { validationOrigins: range(150, 180), horizon: 3, period });

describe('chooseTargetTransform', () => {
  it('picks difference for a trending random walk', () => {
    const plan = choose(randomWalk(200, 11, 0.5), 12);
    expect(plan.kind).toBe('difference');
    expect(plan.reason).toMatch(/last value/);
  });

  it('picks seasonal ARIMA for a fixed season on a trend under noise, where it averages the noise best', () => {
    // Seasonal differences with a seasonal error term (Θ near −1) estimate each month's usual
    // value from many years; seasonal naive repeats last year's noise, Holt-Winters comes close.
    const noise = seededGaussian(5);
    const series = Float64Array.from(
      { length: 200 },
      (_, i) => 50 + 0.1 * i + 10 * Math.sin((2 * Math.PI * i) / 12) + noise(),
    );
    const plan = choose(series, 12);
    expect(plan.kind).toBe('arima');
    expect(plan.period).toBe(12);
    expect(plan.arima).toMatchObject({ seasonalD: 1, period: 12 });
    expect(plan.arima?.seasonalMa[0]).toBeLessThan(-0.7);
    expect(plan.reason).toMatch(/^ARIMA forecasts best: ARIMA\(\d,\d,\d\)\(0,1,1\)\[12\]/);
    // Near the noise (σ = 1), below smoothing and well below seasonal naive.
    const figures = /seasonal naive ([\d.]+), .*ETS\(A,A,A\) ([\d.]+), ARIMA[^ ]* (with drift )?([\d.]+)/.exec(
      plan.reason,
    );
    expect(Number(figures?.[1])).toBeCloseTo(1.89, 2);
    expect(Number(figures?.[4])).toBeLessThan(0.98 * Number(figures?.[2]));
    expect(Number(figures?.[4])).toBeLessThan(1.3);
  });

  it('picks exponential smoothing with a multiplicative season for a season that grows with the level', () => {
    const noise = seededGaussian(5);
    const series = Float64Array.from(
      { length: 200 },
      (_, i) => (50 + 0.5 * i) * (1 + 0.3 * Math.sin((2 * Math.PI * i) / 12)) * (1 + 0.02 * noise()),
    );
    const plan = choose(series, 12);
    expect(plan.kind).toBe('exponential-smoothing');
    expect(plan.smoothing).toMatchObject({ trend: 'additive', season: 'multiplicative', period: 12 });
    expect(plan.reason).toMatch(/^Exponential smoothing forecasts best: .*ETS\(M,A,M\) ([\d.]+), ARIMA/);
  });

  it('for white noise around a fixed mean the base is a level: the training mean or a smoothed level', () => {
    const noise = seededGaussian(9);
    const series = Float64Array.from({ length: 200 }, () => 50 + noise());
    for (const period of [12, null]) {
      const plan = choose(series, period);
      if (plan.kind === 'exponential-smoothing') {
        expect(plan.smoothing).toMatchObject({ trend: 'none', season: 'none' });
        // A level that barely moves: nearly the training mean.
        expect(plan.smoothing?.alpha).toBeLessThan(0.2);
      } else expect(plan.kind).toBe('level');
    }
  });

  it('keeps the simpler base when smoothing only matches it', () => {
    // A random walk without drift: naive is the best forecast and smoothing converges to it.
    const plan = choose(randomWalk(200, 3, 0), null);
    expect(plan.kind).toBe('difference');
    expect(plan.reason).toMatch(/exponential smoothing ETS/);
  });

  it('picks level for a fixed season around a fixed level, where last season repeats its noise', () => {
    const noise = seededGaussian(17);
    const series = Float64Array.from({ length: 200 }, (_, i) => 20 + 6 * Math.sin((2 * Math.PI * i) / 12) + noise());
    const plan = choose(series, 12);
    expect(plan.kind).toBe('level');
    expect(plan.reason).toMatch(/seasonal pattern/);
    expect(plan.reason).toMatch(/training mean of each season step/);
  });

  it('picks a corrected baseline for a long series with a fixed season, pooled over rolling stretches', () => {
    // 40 years of months: the usual changes are well estimated, and corrected naive and corrected
    // seasonal naive come within a few percent of each other; either is a sound base, level is not.
    const { values } = trendSeason(480);
    const plan = chooseTargetTransform(values, { validationOrigins: range(336, 408), horizon: 1, period: 12 });
    // Smoothing (or a corrected baseline) wins; the training mean per month never does with a trend.
    expect(['difference', 'seasonal-residual', 'exponential-smoothing', 'arima']).toContain(plan.kind);
    expect(plan.reason).toMatch(/over 3 rolling stretches of 72 origins/);
    expect(plan.reason).toMatch(/with the usual change added/);
  });

  it('is not fooled by a validation stretch that happens to sit at the training mean', () => {
    // A season around a level that is 0, then +20, then −20 (whole seasons each), then 0 again through validation:
    // on the validation stretch alone the per-season training mean is exact, but the stretches
    // before it show that the level moves and last season's value follows it.
    const noise = seededGaussian(23);
    const level = (i: number) => (i >= 48 && i < 84 ? 20 : i >= 84 && i < 120 ? -20 : 0);
    const series = Float64Array.from(
      { length: 180 },
      (_, i) => level(i) + 6 * Math.sin((2 * Math.PI * i) / 12) + 0.3 * noise(),
    );
    const plan = chooseTargetTransform(series, { validationOrigins: range(150, 180), horizon: 1, period: 12 });
    expect(plan.kind).not.toBe('level');
    expect(plan.reason).toMatch(/rolling stretches/);
    // On the validation stretch alone, the per-season training mean forecasts better than both baselines.
    const alone = candidateSquares(series, range(150, 180), { horizon: 1, period: 12 });
    expect(alone.mean).toBeLessThan(Math.min(alone.naive, alone.seasonal, alone.correctedSeasonal));
  });

  it('keeps seasonal-residual when the season itself wanders from year to year', () => {
    const noise = seededGaussian(8);
    const series = new Float64Array(200);
    for (let i = 0; i < 200; i++) series[i] = i < 12 ? 10 * Math.sin((2 * Math.PI * i) / 12) : series[i - 12] + noise();
    expect(choose(series, 12).kind).toBe('seasonal-residual');
  });

  it('never picks seasonal-residual without a period', () => {
    const noise = seededGaussian(5);
    const series = Float64Array.from({ length: 200 }, (_, i) => 10 * Math.sin((2 * Math.PI * i) / 12) + noise());
    expect(choose(series, null).kind).not.toBe('seasonal-residual');
  });

  it('falls back to the end of the series when no validation origin is usable', () => {
    const plan = chooseTargetTransform(randomWalk(100, 4, 1), { validationOrigins: [], horizon: 1, period: null });
    // The last fifth of the series (20 origins) and the stretches before it. Without a season,
    // smoothing is weighed in the reason but is no base for the network.
    expect(plan.reason).toMatch(/rolling stretches of 20 origins/);
    expect(plan.reason).toMatch(/exponential smoothing ETS\(A,A,N\)/);
    expect(plan.kind).toBe('difference');
  });
});

describe('chooseTargetTransform on a long series', () => {
  it('chooses on evenly spaced origins as it does on all of them', () => {
    // A fixed season around a fixed level under noise, 600 validation origins: a sixth of them,
    // evenly spaced, tell the same story (the training mean per season step forecasts best).
    const noise = seededGaussian(31);
    const series = Float64Array.from({ length: 2400 }, (_, i) => 40 + 8 * Math.sin((2 * Math.PI * i) / 12) + noise());
    const options = { validationOrigins: range(1800, 2400), horizon: 2, period: 12 };
    const all = chooseTargetTransform(series, { ...options, maxOrigins: Number.POSITIVE_INFINITY });
    const capped = chooseTargetTransform(series, { ...options, maxOrigins: 100 });
    expect(all.kind).toBe('level');
    expect(capped.kind).toBe(all.kind);
    expect(capped.smoothing).toEqual(all.smoothing);
    expect(all.reason).toMatch(/rolling stretches of 600 origins/);
    expect(capped.reason).toMatch(/rolling stretches of 100 origins/);
  });

  it(`scores at most ${MAX_CHOICE_ORIGINS} origins, and says how far it is`, () => {
    const series = randomWalk(400_000, 17);
    const shares: number[] = [];
    const plan = chooseTargetTransform(series, {
      validationOrigins: range(280_000, 400_000),
      horizon: 1,
      period: null,
      onProgress: (done) => shares.push(done),
    });
    expect(plan.kind).toBe('difference');
    expect(plan.reason).toMatch(new RegExp(`stretches of ${MAX_CHOICE_ORIGINS} origins`));
    expect(shares.length).toBeGreaterThan(10);
    expect(shares.every((d, i) => i === 0 || d >= shares[i - 1])).toBe(true);
    expect(shares[0]).toBe(0);
    expect(shares.at(-1)).toBe(1);
  });
});

describe('baselineAt, networkTarget and transformedInput', () => {
  const kinds: TransformKind[] = ['level', 'difference', 'seasonal-residual'];
  /** A series, a plan and an origin/step with enough history and an actual value. */
  const caseArbitrary = (values: fc.Arbitrary<number>) =>
    fc
      .record({
        series: fc.array(values, { minLength: 2, maxLength: 60 }),
        kind: fc.constantFrom(...kinds),
        period: fc.integer({ min: 1, max: 12 }),
        a: fc.nat(),
        b: fc.nat(),
      })
      .filter(({ series, kind, period }) => series.length > (kind === 'seasonal-residual' ? period : 1))
      .map(({ series, kind, period, a, b }) => {
        const plan: TargetTransformPlan = { kind, period: kind === 'seasonal-residual' ? period : null, reason: '' };
        const first = Math.max(1, historyNeeded(plan));
        const t = first + (a % (series.length - first));
        const k = b % (series.length - t);
        return { series, plan, t, k };
      });

  it('inverting the true network target reconstructs the series exactly', () => {
    fc.assert(
      fc.property(caseArbitrary(fc.integer({ min: -1e6, max: 1e6 })), ({ series, plan, t, k }) => {
        expect(invertTarget(series, t, k, networkTarget(series, t, k, plan), plan)).toBe(series[t + k]);
      }),
    );
  });

  it('reconstructs real-valued series up to rounding', () => {
    fc.assert(
      fc.property(caseArbitrary(fc.double({ min: -1e6, max: 1e6, noNaN: true })), ({ series, plan, t, k }) => {
        const restored = invertTarget(series, t, k, networkTarget(series, t, k, plan), plan);
        expect(Math.abs(restored - series[t + k])).toBeLessThanOrEqual(1e-9 * (1 + Math.abs(series[t + k])));
      }),
    );
  });

  it('the input column at the first forecast step holds the quantity the network learns', () => {
    fc.assert(
      fc.property(caseArbitrary(fc.integer({ min: -1e6, max: 1e6 })), ({ series, plan, t, k }) => {
        const input = transformedInput(series, plan);
        // Within one season (one step for difference) the target is exactly the next input value.
        const within = plan.kind === 'level' || (plan.kind === 'difference' ? k === 0 : k < (plan.period ?? 0));
        if (within) expect(networkTarget(series, t, k, plan)).toBe(input[t + k]);
      }),
    );
  });

  it('the baseline reads nothing at or after the origin', () => {
    fc.assert(
      fc.property(caseArbitrary(fc.integer({ min: -1000, max: 1000 })), ({ series, plan, t, k }) => {
        const future = series.map((v, i) => (i >= t ? v + 12345 : v));
        expect(baselineAt(future, t, k, plan)).toBe(baselineAt(series, t, k, plan));
      }),
    );
  });

  it('a network that outputs zero is exactly the naive or seasonal-naive baseline', () => {
    const series = [1, 4, 9, 16, 25, 36, 49];
    const difference: TargetTransformPlan = { kind: 'difference', period: null, reason: '' };
    const seasonal: TargetTransformPlan = { kind: 'seasonal-residual', period: 3, reason: '' };
    expect(invertTarget(series, 5, 1, 0, difference)).toBe(25);
    expect(invertTarget(series, 5, 1, 0, seasonal)).toBe(16);
  });

  it('transformedInput gives the level, first differences or seasonal differences with leading zeros', () => {
    const series = [1, 4, 9, 16, 25];
    expect(Array.from(transformedInput(series, { kind: 'level', period: null, reason: '' }))).toEqual(series);
    expect(Array.from(transformedInput(series, { kind: 'difference', period: null, reason: '' }))).toEqual([
      0, 3, 5, 7, 9,
    ]);
    expect(Array.from(transformedInput(series, { kind: 'seasonal-residual', period: 2, reason: '' }))).toEqual([
      0, 0, 8, 12, 16,
    ]);
  });

  it('rejects seasonal-residual without a period', () => {
    expect(() => baselineAt([1, 2, 3], 2, 0, { kind: 'seasonal-residual', period: null, reason: '' })).toThrow(
      RangeError,
    );
  });
});
