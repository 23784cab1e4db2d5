import { describe, expect, it } from 'vitest';
import { naiveForecast } from '../../src-main/forecast/baselines';
import {
  applyIntervals,
  conformalIntervals,
  minimumResiduals,
  residualsByStep,
} from '../../src-main/forecast/intervals';
import { seededGaussian } from './helpers/random';

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i);
}

describe('conformalIntervals', () => {
  it('takes the ⌈(n + 1)(1 − α)⌉-th smallest absolute residual', () => {
    // |r| sorted: 1..9, n = 9. 80 %: rank ⌈10 × 0.8⌉ = 8. 50 %: rank ⌈10 × 0.5⌉ = 5.
    const residuals = Float64Array.from([-3, 1, 9, -7, 2, 5, -4, 8, 6]);
    const [eighty, half] = conformalIntervals([residuals], [0.8, 0.5]);
    expect(eighty).toEqual({ level: 0.8, lower: [-8], upper: [8] });
    expect(half.upper).toEqual([5]);
  });

  it('sizes each horizon step from its own residuals and skips missing ones', () => {
    const [band] = conformalIntervals(
      [Float64Array.from([1, -1, 1]), Float64Array.from([4, Number.NaN, -4, 4])],
      [0.5],
    );
    expect(band.upper).toEqual([1, 4]);
  });

  it('falls back to the largest residual when there are too few for the guarantee', () => {
    expect(minimumResiduals(0.95)).toBe(19);
    expect(minimumResiduals(0.8)).toBe(4);
    const few = Float64Array.from([1, 2, 3]);
    expect(conformalIntervals([few], [0.95])[0].upper).toEqual([3]);
    const enough = Float64Array.from(range(1, 20));
    expect(conformalIntervals([enough], [0.95])[0].upper).toEqual([19]);
  });

  it('rejects levels outside (0, 1) and steps without residuals', () => {
    expect(() => conformalIntervals([Float64Array.from([1])], [95])).toThrow(RangeError);
    expect(() => conformalIntervals([Float64Array.from([Number.NaN])], [0.9])).toThrow(RangeError);
  });
});

describe('applyIntervals', () => {
  it('adds the offsets of each step to the point forecasts', () => {
    const bands = applyIntervals([10, 20], [{ level: 0.9, lower: [-1, -3], upper: [1, 3] }]);
    expect(bands).toEqual([{ level: 0.9, lower: [9, 17], upper: [11, 23] }]);
  });
});

describe('coverage on held-out data', () => {
  // AR(1) with φ = 0.6 and unit Gaussian noise, forecast by the naive baseline: errors grow with the
  // step, so each step needs its own width. Calibrate on 2,000 origins, check 10,000 later ones.
  const gaussian = seededGaussian(2024);
  const series = new Float64Array(12_200);
  for (let i = 1; i < series.length; i++) series[i] = 0.6 * series[i - 1] + gaussian();
  const horizon = 3;
  const forecastsAt = (origins: number[]): number[][] =>
    origins.map((t) => range(0, horizon).map((k) => naiveForecast(series, t, k)));

  const calibration = range(100, 2100);
  const heldOut = range(2100, 12_100);
  const offsets = conformalIntervals(
    residualsByStep(series, calibration, forecastsAt(calibration), horizon),
    [0.8, 0.95],
  );
  const heldOutForecasts = forecastsAt(heldOut);

  it.each([0.8, 0.95])('covers about %s of held-out actuals at every step', (level) => {
    for (let k = 0; k < horizon; k++) {
      let covered = 0;
      heldOut.forEach((t, i) => {
        const [band] = applyIntervals(
          heldOutForecasts[i],
          offsets.filter((o) => o.level === level),
        );
        if (band.lower[k] <= series[t + k] && series[t + k] <= band.upper[k]) covered++;
      });
      const coverage = covered / heldOut.length;
      expect(Math.abs(coverage - level)).toBeLessThanOrEqual(0.03);
    }
  });

  it('widens with the horizon for a naive forecast of a persistent series', () => {
    const [eighty] = offsets;
    expect(eighty.upper[2]).toBeGreaterThan(eighty.upper[0]);
  });
});
