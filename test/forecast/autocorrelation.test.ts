import { describe, expect, it } from 'vitest';
import { autocorrelation, centeredMovingAverage, detrend } from '../../src-main/forecast/autocorrelation';

describe('autocorrelation', () => {
  it('matches a hand-computed value', () => {
    // deviations −1.5 −0.5 0.5 1.5: lag-1 products sum to 1.25, squares to 5
    expect(autocorrelation([1, 2, 3, 4], 1)).toBeCloseTo(1.25 / 5, 12);
  });

  it('is 0 for a constant series and 1 at lag 0', () => {
    expect(autocorrelation([3, 3, 3], 1)).toBe(0);
    expect(autocorrelation([1, 5, 2], 0)).toBeCloseTo(1, 12);
  });
});

describe('centeredMovingAverage', () => {
  it('averages an odd window around each point and leaves the edges empty', () => {
    const out = Array.from(centeredMovingAverage([1, 2, 3, 10], 3));
    expect(out[0]).toBeNaN();
    expect(out.slice(1, 3)).toEqual([2, 5]);
    expect(out[3]).toBeNaN();
  });

  it('uses half weights at both ends of an even window', () => {
    // window 2 at index 1: (0.5·1 + 4 + 0.5·9) / 2
    expect(centeredMovingAverage([1, 4, 9, 16], 2)[1]).toBeCloseTo((0.5 + 4 + 4.5) / 2, 12);
  });

  it('blanks only the windows that contain a missing value', () => {
    const out = Array.from(centeredMovingAverage([1, Number.NaN, 3, 4, 5], 3));
    expect(out.slice(0, 3).every(Number.isNaN)).toBe(true);
    expect(out[3]).toBeCloseTo(4, 12);
  });

  it('removes a full season, so detrending a pure season returns it unchanged', () => {
    const season = [5, -2, -3, 0];
    const series = Array.from({ length: 16 }, (_, i) => 50 + 0.5 * i + season[i % 4]);
    const remainder = detrend(series, 4);
    for (let i = 2; i < 14; i++) expect(remainder[i]).toBeCloseTo(season[i % 4], 9);
  });
});
