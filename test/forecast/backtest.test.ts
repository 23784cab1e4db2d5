import { describe, expect, it } from 'vitest';
import type { Forecaster } from '../../src-main/forecast/backtest';
import { backtestFolds, evaluateBacktest } from '../../src-main/forecast/backtest';
import { regressionMetrics } from '../../src-main/forecast/metrics';
import { randomWalk, seededGaussian } from './helpers/random';

const horizon = 3;
/** Repeats the last value: a model that has learned nothing. */
const lastValue: Forecaster = (_t, history) => Array.from({ length: horizon }, () => history[history.length - 1]);

function seasonalSeries(length: number, seed: number): Float64Array {
  const noise = seededGaussian(seed);
  return Float64Array.from({ length }, (_, i) => 100 + 10 * Math.sin((2 * Math.PI * i) / 12) + noise());
}

describe('backtestFolds', () => {
  it('steps from the start and keeps only folds whose whole horizon fits', () => {
    expect(backtestFolds(20, { start: 10, step: 3, horizon: 4 })).toEqual([10, 13, 16]);
    expect(backtestFolds(10, { start: 8, step: 1, horizon: 3 })).toEqual([]);
  });

  it('rejects a start before the first value and non-positive steps', () => {
    expect(() => backtestFolds(20, { start: 0, step: 1, horizon: 1 })).toThrow(RangeError);
    expect(() => backtestFolds(20, { start: 5, step: 0, horizon: 1 })).toThrow(RangeError);
  });
});

describe('evaluateBacktest', () => {
  const series = seasonalSeries(120, 3);
  const origins = backtestFolds(series.length, { start: 60, step: 2, horizon });

  it('gives the model exactly the history before each origin', () => {
    const seen: { t: number; history: Float64Array }[] = [];
    evaluateBacktest(
      series,
      origins,
      horizon,
      (t, history) => {
        seen.push({ t, history });
        return lastValue(t, history);
      },
      12,
    );
    expect(seen.map((s) => s.t)).toEqual(origins);
    for (const { t, history } of seen) expect(Array.from(history)).toEqual(Array.from(series.subarray(0, t)));
  });

  it('never uses data at or after the origin, for the model or the baselines', () => {
    const original = evaluateBacktest(series, origins, horizon, lastValue, 12);
    for (const fold of original.folds) {
      // Scramble everything from the origin on: this fold's forecasts must not change.
      const scrambled = series.map((v, i) => (i >= fold.origin ? -v * 7 + 1000 : v));
      const again = evaluateBacktest(scrambled, [fold.origin], horizon, lastValue, 12).folds[0];
      expect(again).toEqual(fold);
    }
  });

  it('scores a model that repeats the last value exactly like the naive baseline', () => {
    const result = evaluateBacktest(series, origins, horizon, lastValue, 12);
    expect(result.model).toEqual(result.baselines.naive);
    const stepTwo = regressionMetrics(
      origins.map((t) => series[t + 1]),
      origins.map((t) => series[t - 1]),
    );
    expect(result.model.perStep[1]).toEqual(stepTwo);
  });

  it('says so when the model does not beat seasonal naive on a seasonal series', () => {
    const result = evaluateBacktest(series, origins, horizon, lastValue, 12);
    expect(result.reference).toBe('seasonal-naive');
    expect(result.beatsReference).toBe(false);
    expect(result.verdict).toMatch(/does not beat the seasonal naive/);
    expect(result.baselines.seasonalNaive?.overall.rmse).toBeLessThan(result.baselines.naive.overall.rmse);
  });

  it('gives no verdict when the model beats the reference', () => {
    // Knows the true seasonal shape, so it only misses the noise.
    const oracle: Forecaster = (t) =>
      Array.from({ length: horizon }, (_, k) => 100 + 10 * Math.sin((2 * Math.PI * (t + k)) / 12));
    const result = evaluateBacktest(series, origins, horizon, oracle, 12);
    expect(result.beatsReference).toBe(true);
    expect(result.verdict).toBeNull();
  });

  it('compares with naive when there is no season, and averages the last window for the moving average', () => {
    const walk = randomWalk(80, 5);
    const result = evaluateBacktest(walk, [40, 50], 1, (_t, h) => [h[h.length - 1] + 100], null, 4);
    expect(result.reference).toBe('naive');
    expect(result.baselines.seasonalNaive).toBeNull();
    expect(result.verdict).toMatch(/naive/);
    expect(result.folds[0].movingAverage[0]).toBeCloseTo((walk[36] + walk[37] + walk[38] + walk[39]) / 4, 12);
  });

  it('rejects origins without a season of history or a full horizon', () => {
    expect(() => evaluateBacktest(series, [5], horizon, lastValue, 12)).toThrow(RangeError);
    expect(() => evaluateBacktest(series, [119], horizon, lastValue, 12)).toThrow(RangeError);
  });
});

describe('evaluateBacktest with a long season', () => {
  // Three years of a daily series with a yearly curve and a weekly ripple: the week is the
  // model's season, the year the longer one the same-day-last-year forecast uses.
  const gaussian = seededGaussian(11);
  const daily = Float64Array.from(
    { length: 3 * 365 },
    (_, i) => 15 + 8 * Math.sin((2 * Math.PI * i) / 365) + Math.sin((2 * Math.PI * i) / 7) + 0.3 * gaussian(),
  );
  const lastValue: Forecaster = (_t, history) => new Array(30).fill(history[history.length - 1]);

  it('scores the same day last year, which follows the yearly curve where naive cannot', () => {
    const origins = backtestFolds(daily.length, { start: 400, step: 20, horizon: 30 });
    const r = evaluateBacktest(daily, origins, 30, lastValue, 7, 7, { period: 365, label: '1 year' });
    const lastYear = r.baselines.longSeasonNaive;
    expect(lastYear).not.toBeNull();
    expect(r.longSeason).toEqual({ period: 365, label: '1 year' });
    // A year back is 52 weeks and a day, so the weekly ripple is one day off (RMSE about 0.61),
    // plus two noise draws (0.3 × √2): about 0.75 in all, while naive misses the yearly curve.
    expect(lastYear!.overall.rmse).toBeLessThan(0.9);
    expect(lastYear!.overall.rmse).toBeLessThan(r.baselines.naive.overall.rmse / 2);
    expect(r.folds[0].longSeasonNaive![0]).toBe(daily[400 - 365]);
  });

  it('leaves out origins without a full long season before them, and omits the baseline without any', () => {
    const early = backtestFolds(daily.length, { start: 10, step: 100, horizon: 30 });
    const r = evaluateBacktest(daily, early, 30, lastValue, 7, 7, { period: 365, label: '1 year' });
    expect(r.baselines.longSeasonNaive!.perStep[0]).toBeDefined();
    expect(Number.isNaN(r.folds[0].longSeasonNaive![0])).toBe(true);
    const none = evaluateBacktest(daily, [10, 110], 30, lastValue, 7, 7, { period: 365, label: '1 year' });
    expect(none.baselines.longSeasonNaive).toBeNull();
    expect(none.longSeason).toBeNull();
  });
});
