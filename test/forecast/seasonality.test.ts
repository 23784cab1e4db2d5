import { describe, expect, it } from 'vitest';
import { detectSeasonalPeriod } from '../../src-main/forecast/seasonality';
import { randomWalk, seededGaussian } from './helpers/random';
import { elNinoMonthly, sampleColumn } from './helpers/samples';

function seasonal(length: number, period: number, amplitude: number, seed: number, trend = 0): Float64Array {
  const noise = seededGaussian(seed);
  return Float64Array.from(
    { length },
    (_, i) => amplitude * Math.sin((2 * Math.PI * i) / period) + trend * i + noise(),
  );
}

describe('detectSeasonalPeriod', () => {
  it('finds no season in US nonfarm employment, which is published seasonally adjusted', () => {
    // The series moves smoothly (2008–09 recession, recovery). Plain first differences would show
    // a lag-12 autocorrelation of about +0.3 from that smooth swing alone; once the 12-month moving
    // average is removed, what remains has no yearly repeat (its lag-12 autocorrelation is below 0).
    const nonfarm = sampleColumn('us-employment-monthly.csv', 'nonfarm');
    const result = detectSeasonalPeriod(nonfarm, 'monthly');
    expect(result.period).toBeNull();
    expect(result.strength).toBeLessThan(0.3);
    expect(result.reason).toMatch(/seasonally adjusted/);
  });

  it('does find a yearly pattern once one is added to the same employment series', () => {
    const nonfarm = sampleColumn('us-employment-monthly.csv', 'nonfarm');
    // A typical unadjusted payroll swing: about ±0.7 % of the level over the year.
    const unadjusted = nonfarm.map((v, i) => v + 1000 * Math.cos((2 * Math.PI * i) / 12));
    expect(detectSeasonalPeriod(unadjusted, 'monthly').period).toBe(12);
  });

  it('finds the annual cycle of El Niño sea-surface temperatures, with or without the frequency', () => {
    const sst = elNinoMonthly();
    expect(detectSeasonalPeriod(sst, 'monthly').period).toBe(12);
    expect(detectSeasonalPeriod(sst, null).period).toBe(12);
  });

  it('finds period 12 in a noisy trending sine, from the frequency and by searching', () => {
    const series = seasonal(144, 12, 3, 7, 0.2);
    const fromFrequency = detectSeasonalPeriod(series, 'monthly');
    expect(fromFrequency.period).toBe(12);
    expect(fromFrequency.strength).toBeGreaterThan(0.5);
    expect(detectSeasonalPeriod(series, null).period).toBe(12);
    expect(detectSeasonalPeriod(series, 'irregular').period).toBe(12);
  });

  it('finds a weekly season in daily data', () => {
    expect(detectSeasonalPeriod(seasonal(200, 7, 2, 3), 'daily').period).toBe(7);
  });

  it('finds no season in random walks', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const walk = randomWalk(240, seed);
      expect(detectSeasonalPeriod(walk, 'monthly').period).toBeNull();
      expect(detectSeasonalPeriod(walk, null).period).toBeNull();
    }
  });

  it('finds no season in yearly data such as the Nile flow', () => {
    const nile = sampleColumn('nile-yearly.csv', 'volume');
    expect(detectSeasonalPeriod(nile, 'yearly').period).toBeNull();
    expect(detectSeasonalPeriod(nile, null).period).toBeNull();
  });

  it('does not claim a season from fewer than three seasons of data', () => {
    const result = detectSeasonalPeriod(seasonal(30, 12, 5, 1), 'monthly');
    expect(result.period).toBeNull();
    expect(result.reason).toMatch(/three seasons/);
  });
});

describe('detectSeasonalPeriod on a long series', () => {
  it('says how far the free search is, rising to the end, and finds the same season', () => {
    const noise = seededGaussian(3);
    const values = Float64Array.from({ length: 150_000 }, (_, i) => 5 * Math.sin((2 * Math.PI * i) / 24) + noise());
    const shares: number[] = [];
    const found = detectSeasonalPeriod(values, null, (done) => shares.push(done));
    expect(found.period).toBe(24);
    expect(detectSeasonalPeriod(values, null).period).toBe(24);
    expect(shares.length).toBeGreaterThan(10);
    expect(shares.every((d, i) => d > 0 && d <= 1 && (i === 0 || d > shares[i - 1]))).toBe(true);
  });
});
