/** Synthetic series with known noise for the insight tests, from a fixed seed. */
import { seededRandom } from '../../src-main/engine/training/seeded-random';

/** Standard normal draws (Box–Muller) from a seeded generator. */
export function gaussian(seed: number): () => number {
  const random = seededRandom(seed);
  return () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

/** A seasonal sine (period 25) plus Gaussian noise of standard deviation `sigma`. */
export function noisySeason(length: number, sigma: number, seed = 11): Float64Array {
  const noise = gaussian(seed);
  return Float64Array.from({ length }, (_, t) => 2 * Math.sin((2 * Math.PI * t) / 25) + sigma * noise());
}

/** ISO dates of consecutive days from 2020-01-01. */
export function dailyDates(length: number): string[] {
  return Array.from({ length }, (_, i) => new Date(Date.UTC(2020, 0, 1 + i)).toISOString().slice(0, 10));
}
