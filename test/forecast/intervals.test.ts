import { describe, expect, it } from 'vitest';
import { naiveForecast } from '../../src-main/forecast/baselines';
import {
  applyIntervals,
  conformalIntervals,
  minimumResiduals,
  residualsByStep,
  stepQuantileIntervals,
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

describe('stepQuantileIntervals', () => {
  /** A random walk and its naive forecasts: the error k steps ahead is a sum of k + 1 shocks. */
  function walkResiduals(length: number, origins: number[], horizon: number, seed: number): Float64Array[] {
    const gaussian = seededGaussian(seed);
    let level = 0;
    const walk = Float64Array.from({ length }, () => (level += gaussian()));
    const forecasts = origins.map((t) => Array.from({ length: horizon }, (_, k) => naiveForecast(walk, t, k)));
    return residualsByStep(walk, origins, forecasts, horizon);
  }

  it.each([0.8, 0.95])('covers about %s of later errors at a long recursive horizon', (level) => {
    const horizon = 30;
    const calibration = walkResiduals(20_000, range(100, 10_000), horizon, 21);
    const [band] = stepQuantileIntervals(calibration, [level]);
    const later = walkResiduals(20_000, range(10_000, 19_900), horizon, 21);
    let inside = 0;
    let total = 0;
    for (let k = 0; k < horizon; k++) {
      for (const r of later[k]) {
        if (r >= band.lower[k] && r <= band.upper[k]) inside++;
        total++;
      }
    }
    expect(Math.abs(inside / total - level)).toBeLessThan(0.03);
    // The spread of a sum of k + 1 unit shocks grows like √(k + 1): no fixed rule, the errors say so.
    expect(band.upper[29] / band.upper[0]).toBeGreaterThan(Math.sqrt(30) * 0.75);
    expect(band.upper[29] / band.upper[0]).toBeLessThan(Math.sqrt(30) * 1.3);
  });

  it('pools neighbouring steps when origins are few, and never narrows with the step', () => {
    const residuals = walkResiduals(400, range(50, 58), 20, 5);
    const [band] = stepQuantileIntervals(residuals, [0.95]);
    for (let k = 1; k < 20; k++) {
      expect(band.upper[k]).toBeGreaterThanOrEqual(band.upper[k - 1]);
      expect(band.lower[k]).toBeLessThanOrEqual(band.lower[k - 1]);
    }
    // Eight origins alone cannot give a 95% band; pooled, the first step reaches past its own errors.
    const ownLargest = Math.max(...Array.from(residuals[0], Math.abs));
    expect(Math.max(band.upper[0], -band.lower[0])).toBeGreaterThan(ownLargest);
  });

  it('keeps a lopsided error lopsided and the point inside the band', () => {
    const gaussian = seededGaussian(3);
    // The forecast runs about 2 low: errors centred on +2.
    const residuals = [Float64Array.from({ length: 400 }, () => 2 + 0.5 * gaussian())];
    const [band] = stepQuantileIntervals(residuals, [0.9]);
    expect(band.lower[0]).toBe(0);
    expect(band.upper[0]).toBeGreaterThan(2.5);
    expect(band.upper[0]).toBeLessThan(3.3);
  });

  it('rejects levels outside (0, 1) and a backtest without any finite error', () => {
    expect(() => stepQuantileIntervals([Float64Array.from([1, 2])], [1])).toThrow(/between 0 and 1/);
    expect(() => stepQuantileIntervals([Float64Array.from([Number.NaN])], [0.9])).toThrow(/No backtest errors/);
  });
});
