/** Repeated timings summarised as their median and spread, as every engine in the bench is reported. */

/** Timed runs per engine and workload: the median of at least five is stable on a shared machine. */
export const REPEATS = 5;

export interface Timing {
  /** Median samples per second over the repeats. */
  samplesPerSecond: number;
  /** Slowest and fastest repeat, samples per second. */
  spread: [number, number];
  repeats: number;
}

/** Median and range of per-repeat speeds (samples per second). */
export function summarize(rates: number[]): Timing {
  if (rates.length === 0) throw new Error('no timed runs');
  const sorted = [...rates].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  const median = sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  return { samplesPerSecond: median, spread: [sorted[0], sorted[sorted.length - 1]], repeats: rates.length };
}

/** The spread as ±percent of the median: half the range, relative. */
export function spreadPercent(timing: Timing): number {
  return ((timing.spread[1] - timing.spread[0]) / 2 / timing.samplesPerSecond) * 100;
}
