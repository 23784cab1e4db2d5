import { describe, expect, it } from 'vitest';
import { movingAverageForecast, naiveForecast, seasonalNaiveForecast } from '../../src-main/forecast/baselines';

const series = [10, 11, 12, 13, 20, 21, 22, 23, 30, 31];

describe('naiveForecast', () => {
  it('repeats the last value before the origin for every step', () => {
    expect(naiveForecast(series, 5, 0)).toBe(20);
    expect(naiveForecast(series, 5, 3)).toBe(20);
    expect(naiveForecast(series, 10, 2)).toBe(31);
  });

  it('needs one value of history', () => {
    expect(() => naiveForecast(series, 0, 0)).toThrow(RangeError);
    expect(() => naiveForecast(series, 11, 0)).toThrow(RangeError);
  });
});

describe('seasonalNaiveForecast', () => {
  it('uses the same phase of the last observed season', () => {
    // period 4, origin 6: history 10 11 12 13 20 21 → last season is 12 13 20 21 (indices 2..5)
    expect([0, 1, 2, 3].map((k) => seasonalNaiveForecast(series, 6, k, 4))).toEqual([12, 13, 20, 21]);
  });

  it('repeats the last observed season for steps beyond one season, never reading after the origin', () => {
    expect([4, 5, 8].map((k) => seasonalNaiveForecast(series, 6, k, 4))).toEqual([12, 13, 12]);
  });

  it('needs one season of history', () => {
    expect(() => seasonalNaiveForecast(series, 3, 0, 4)).toThrow(RangeError);
    expect(seasonalNaiveForecast(series, 4, 0, 4)).toBe(10);
  });
});

describe('movingAverageForecast', () => {
  it('averages the last window values before the origin', () => {
    expect(movingAverageForecast(series, 6, 3)).toBeCloseTo((13 + 20 + 21) / 3, 12);
  });

  it('uses the history available when it is shorter than the window', () => {
    expect(movingAverageForecast(series, 2, 5)).toBeCloseTo((10 + 11) / 2, 12);
  });
});
