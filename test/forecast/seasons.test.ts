import { describe, expect, it } from 'vitest';
import { harmonicFit } from '../../src-main/forecast/harmonic-season';
import { detectSeasons, longSeason } from '../../src-main/forecast/seasons';
import { randomWalk, seededGaussian } from './helpers/random';

/** Sum of sines with the given (cycle, amplitude) pairs plus unit Gaussian noise. */
function multiSeasonal(length: number, cycles: [number, number][], seed: number, noise = 1): Float64Array {
  const gaussian = seededGaussian(seed);
  return Float64Array.from({ length }, (_, i) => {
    let v = 50;
    for (const [cycle, amplitude] of cycles) v += amplitude * Math.sin((2 * Math.PI * i) / cycle);
    return v + noise * gaussian();
  });
}

describe('detectSeasons', () => {
  it('finds the weekly and the yearly season of three years of daily data', () => {
    const result = detectSeasons(
      multiSeasonal(
        3 * 365,
        [
          [7, 2],
          [365.25, 8],
        ],
        1,
      ),
      'daily',
    );
    expect(result.seasons.map((s) => s.period)).toEqual([7, 365]);
    expect(result.reason).toMatch(/^Seasons: 7 days and 1 year/);
  });

  it('confirms a yearly season from two and a half years of daily data by its harmonic curve', () => {
    const result = detectSeasons(
      multiSeasonal(
        900,
        [
          [7, 2],
          [365.25, 8],
        ],
        2,
      ),
      'daily',
    );
    expect(result.seasons.map((s) => s.period)).toEqual([7, 365]);
    expect(result.seasons[1].test).toBe('harmonic');
    expect(result.seasons[1].strength).toBeGreaterThan(0.5);
  });

  it('finds the yearly season alone when the week does not matter, as in daily temperatures', () => {
    const result = detectSeasons(multiSeasonal(1000, [[365.25, 6]], 3, 2), 'daily');
    expect(result.seasons.map((s) => s.label)).toEqual(['1 year']);
    expect(result.reason).toMatch(/^Season: 1 year/);
    expect(result.reason).toMatch(/Not clear: 7 days/);
    expect(longSeason(result, null)?.period).toBe(365);
  });

  it('finds the daily and the weekly season of hourly data', () => {
    const result = detectSeasons(
      multiSeasonal(
        24 * 7 * 5,
        [
          [24, 3],
          [168, 2],
        ],
        4,
      ),
      'hourly',
    );
    expect(result.seasons.map((s) => s.period)).toEqual([24, 168]);
    expect(longSeason(result, 24)?.label).toBe('1 week');
  });

  it('keeps only the weekly season when there is no yearly one', () => {
    const result = detectSeasons(multiSeasonal(900, [[7, 2]], 5), 'daily');
    expect(result.seasons.map((s) => s.period)).toEqual([7]);
    expect(longSeason(result, 7)).toBeNull();
  });

  it('does not mistake the slow wander of a random walk for a yearly season', () => {
    for (const seed of [1, 2, 3, 4, 5, 6, 7, 8]) {
      const result = detectSeasons(randomWalk(800, seed), 'daily');
      expect(result.seasons.map((s) => s.label)).not.toContain('1 year');
    }
  });

  it('finds a yearly season under long weather-like spells (AR(1) noise with coefficient 0.9)', () => {
    for (const seed of [1, 2, 3]) {
      const gaussian = seededGaussian(seed);
      let spell = 0;
      const series = Float64Array.from({ length: 900 }, (_, i) => {
        spell = 0.9 * spell + gaussian();
        return 15 + 6 * Math.sin((2 * Math.PI * i) / 365.25) + 2 * spell;
      });
      expect(detectSeasons(series, 'daily').seasons.map((s) => s.label)).toContain('1 year');
    }
  });

  it('says which seasons the series is too short to test', () => {
    const result = detectSeasons(multiSeasonal(400, [[7, 2]], 6), 'daily');
    expect(result.seasons.map((s) => s.period)).toEqual([7]);
    expect(result.reason).toMatch(/Too short to test: 1 year needs 731 steps, have 400/);
  });

  it('tests nothing for a time step without calendar seasons', () => {
    expect(detectSeasons(multiSeasonal(100, [[4, 2]], 7), 'yearly').seasons).toEqual([]);
    expect(detectSeasons(multiSeasonal(100, [[4, 2]], 7), null).seasons).toEqual([]);
  });
});

describe('harmonicFit', () => {
  it('explains most of a clean sine and sees it repeat; sees no repeat in noise', () => {
    const sine = multiSeasonal(800, [[365.25, 5]], 8, 0.5);
    const fit = harmonicFit(sine, 365.25);
    expect(fit.explained).toBeGreaterThan(0.9);
    expect(fit.repeat).toBeGreaterThan(0.9);
    const noise = multiSeasonal(800, [], 9);
    expect(harmonicFit(noise, 365.25).explained).toBeLessThan(0.05);
  });

  it('skips gaps and refuses less than two cycles', () => {
    const sine = multiSeasonal(800, [[365.25, 5]], 10, 0.5);
    for (let i = 100; i < 130; i++) sine[i] = Number.NaN;
    expect(harmonicFit(sine, 365.25).explained).toBeGreaterThan(0.9);
    expect(harmonicFit(sine.subarray(0, 700), 365.25)).toEqual({ explained: 0, repeat: 0, persistence: 1 });
  });
});
