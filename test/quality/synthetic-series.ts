/**
 * Synthetic monthly series with known structure and known noise, for the quality suite. Each
 * comes with its oracle: the best possible one-step forecast given the past (the true signal,
 * or the last value for a random walk), so the suite can compare the model with the noise floor
 * on exactly the same test steps.
 */
import { writeFile } from 'node:fs/promises';
import { seededGaussian, seededUniform } from '../forecast/helpers/random';

export interface SyntheticSeries {
  name: string;
  values: Float64Array;
  /** Best one-step forecast of values[t] knowing values[..t-1] and the generating process. */
  oracle: Float64Array;
  /** Standard deviation of the one-step noise. */
  sigma: number;
  /** Seasonal period the series was built with, or null. */
  period: number | null;
  /** True when the naive forecast is the best possible one (a random walk): it cannot be beaten. */
  naiveIsOptimal: boolean;
}

const PERIOD = 12;

/** A smooth yearly shape (two harmonics), so the season is not a plain sine. */
function season(t: number, amplitude: number): number {
  const phase = (2 * Math.PI * t) / PERIOD;
  return amplitude * (Math.sin(phase) + 0.4 * Math.cos(2 * phase + 0.5));
}

/** Linear trend + yearly season + Gaussian noise σ. */
export function trendSeason(length: number, seed = 11, sigma = 1): SyntheticSeries {
  const g = seededGaussian(seed);
  const oracle = Float64Array.from({ length }, (_, t) => 50 + 0.05 * t + season(t, 5));
  const values = oracle.map((v) => v + sigma * g());
  return { name: 'synthetic trend + season', values, oracle, sigma, period: PERIOD, naiveIsOptimal: false };
}

/** A Gaussian random walk with steps of σ: naive is optimal. */
export function randomWalkSeries(length: number, seed = 12, sigma = 1): SyntheticSeries {
  const g = seededGaussian(seed);
  const values = new Float64Array(length);
  let level = 100;
  for (let t = 0; t < length; t++) values[t] = level += sigma * g();
  const oracle = Float64Array.from(values, (_, t) => (t === 0 ? 100 : values[t - 1]));
  return { name: 'synthetic random walk', values, oracle, sigma, period: null, naiveIsOptimal: true };
}

/** A fixed yearly season around a constant level + Gaussian noise σ. */
export function pureSeason(length: number, seed = 13, sigma = 1): SyntheticSeries {
  const g = seededGaussian(seed);
  const oracle = Float64Array.from({ length }, (_, t) => 20 + season(t, 6));
  const values = oracle.map((v) => v + sigma * g());
  return { name: 'synthetic pure season', values, oracle, sigma, period: PERIOD, naiveIsOptimal: false };
}

/**
 * A level that jumps by ±(4..8)σ at rare random steps (about one in 60) + Gaussian noise σ. No
 * forecaster can know a new level before seeing it, so the oracle knows when the jumps happen
 * but not the levels: it forecasts the mean of the values since the last jump (at a jump step
 * itself, the mean of the regime before). A floor that knew each level exactly could not be
 * reached by any forecast that learns from the data.
 */
export function levelShifts(length: number, seed = 14, sigma = 1): SyntheticSeries {
  const g = seededGaussian(seed);
  const u = seededUniform(seed + 1000);
  const level = new Float64Array(length);
  const starts: number[] = [0];
  let current = 30;
  for (let t = 0; t < length; t++) {
    if (t > 0 && u() < 1 / 60) {
      current += (u() < 0.5 ? -1 : 1) * sigma * (4 + 4 * u());
      starts.push(t);
    }
    level[t] = current;
  }
  const values = level.map((v) => v + sigma * g());
  const oracle = new Float64Array(length);
  oracle[0] = level[0];
  let regime = 0;
  let sum = 0;
  let count = 0;
  for (let t = 1; t < length; t++) {
    // Step t − 1 joins the running mean of its regime; a jump at t is not known before t.
    if (regime + 1 < starts.length && starts[regime + 1] === t - 1) {
      regime += 1;
      sum = 0;
      count = 0;
    }
    sum += values[t - 1];
    count += 1;
    oracle[t] = sum / count;
  }
  return { name: 'synthetic level shifts', values, oracle, sigma, period: null, naiveIsOptimal: false };
}

/** Writes the series as a CSV with a monthly `month` column (from 1980-01) and a `value` column. */
export async function writeMonthlyCsv(file: string, values: ArrayLike<number>): Promise<void> {
  const lines = ['month,value'];
  for (let t = 0; t < values.length; t++) {
    const date = new Date(Date.UTC(1980, t, 1)).toISOString().slice(0, 10);
    lines.push(`${date},${values[t].toFixed(6)}`);
  }
  await writeFile(file, `${lines.join('\n')}\n`);
}
