import { describe, expect, it } from 'vitest';
import { mapeOmission, regressionMetrics } from '../../src-main/forecast/metrics';

describe('regressionMetrics', () => {
  it('matches hand-computed values', () => {
    // errors 1, 0, -1, 1; mean actual 2.5
    const m = regressionMetrics([1, 2, 3, 4], [2, 2, 2, 5]);
    expect(m.rmse).toBeCloseTo(Math.sqrt(3 / 4), 12);
    expect(m.mae).toBeCloseTo(3 / 4, 12);
    expect(m.r2).toBeCloseTo(1 - 3 / 5, 12);
    expect(m.mape).toBeCloseTo((100 * (1 / 1 + 0 + 1 / 3 + 1 / 4)) / 4, 10);
    expect(m.smape).toBeCloseTo((100 * (2 / 3 + 0 + 2 / 5 + 2 / 9)) / 4, 10);
  });

  it('gives a perfect score to a perfect forecast', () => {
    const m = regressionMetrics([3, -1, 7], [3, -1, 7]);
    // These actuals cross zero, so MAPE is left out even for a perfect forecast.
    expect(m).toEqual({ rmse: 0, mae: 0, r2: 1, mape: null, smape: 0 });
    expect(mapeOmission([3, -1, 7])).toMatch(/cross zero/);
    expect(regressionMetrics([3, 1, 7], [3, 1, 7])).toEqual({ rmse: 0, mae: 0, r2: 1, mape: 0, smape: 0 });
  });

  it('has a negative R² for a forecast worse than the mean', () => {
    expect(regressionMetrics([1, 2, 3], [3, 2, 1]).r2).toBeCloseTo(1 - 8 / 2, 12);
  });

  it('reports MAPE as null when an actual is zero, but still gives sMAPE', () => {
    const m = regressionMetrics([0, 2], [1, 2]);
    expect(m.mape).toBeNull();
    expect(m.smape).toBeCloseTo((100 * (2 / 1 + 0)) / 2, 12);
  });

  it('skips pairs with missing values', () => {
    const m = regressionMetrics([1, Number.NaN, 3], [2, 5, 3]);
    expect(m.mae).toBeCloseTo(1 / 2, 12);
  });

  it('keeps R² finite for a constant actual series', () => {
    expect(regressionMetrics([5, 5, 5], [4, 5, 6]).r2).toBe(0);
  });

  it('rejects arrays of different lengths and empty input', () => {
    expect(() => regressionMetrics([1, 2], [1])).toThrow(RangeError);
    expect(() => regressionMetrics([], [])).toThrow(RangeError);
  });
});

describe('MAPE where percentages mean nothing', () => {
  it('is left out, with the reason, when actual temperatures cross zero', () => {
    const m = regressionMetrics([-3, -1, 2, 5], [-2, -1, 1, 6]);
    expect(m.mape).toBeNull();
    expect(mapeOmission([-3, -1, 2, 5])).toMatch(/cross zero/);
    expect(m.rmse).toBeGreaterThan(0);
  });

  it('is left out when an actual is near zero relative to the others', () => {
    const m = regressionMetrics([0.05, 10, 12, 11], [1, 10, 12, 11]);
    expect(m.mape).toBeNull();
    expect(mapeOmission([0.05, 10, 12, 11])).toMatch(/at or near zero/);
  });

  it('is kept, without a note, for values well away from zero', () => {
    const m = regressionMetrics([100, 110, 120], [101, 109, 121]);
    expect(m.mape).toBeCloseTo((100 * (1 / 100 + 1 / 110 + 1 / 120)) / 3, 10);
    expect(mapeOmission([100, 110, 120])).toBeNull();
  });
});
