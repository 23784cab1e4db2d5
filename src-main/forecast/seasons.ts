/**
 * Every significant season of a series, not just the first: daily data has a weekly and a
 * yearly cycle, hourly data a daily and a weekly one. Each candidate cycle of the time step is
 * tested on its own: by the autocorrelation test of seasonality.ts when three seasons of data
 * exist, otherwise (two seasons or more) by whether a harmonic curve of that length explains
 * the data and comes back the same in both halves (harmonic-season.ts).
 */
import { harmonicFit } from './harmonic-season';
import { seasonalStrength } from './seasonality';
import { joinWords } from '../shared/word-list';

/** One season found in the data. */
export interface Season {
  /** Whole steps between the same point of two seasons (the lag of seasonal-naive forecasts). */
  period: number;
  /** Exact length in steps (365.25 for a year of days). */
  cycle: number;
  /** The season in words: "7 days", "1 year". */
  label: string;
  /** Autocorrelation at the lag, or the share of variance the harmonic curve explains. */
  strength: number;
  test: 'autocorrelation' | 'harmonic';
}

export interface SeasonsResult {
  /** Significant seasons, shortest first. */
  seasons: Season[];
  /** One sentence for the data summary and the run notes ("Seasons: 7 days and 1 year …"). */
  reason: string;
}

interface Candidate {
  cycle: number;
  label: string;
}

/** Candidates from [cycle, label] pairs. */
const cycles = (...pairs: [number, string][]): Candidate[] => pairs.map(([cycle, label]) => ({ cycle, label }));

/** The cycles worth testing for each time step. */
const CYCLES: Record<string, Candidate[]> = {
  quarterly: cycles([4, '1 year']),
  monthly: cycles([12, '1 year']),
  weekly: cycles([365.25 / 7, '1 year']),
  daily: cycles([7, '7 days'], [365.25, '1 year']),
  'business-daily': cycles([5, '1 week'], [261, '1 year']),
  hourly: cycles([24, '1 day'], [168, '1 week']),
  'half-hourly': cycles([48, '1 day'], [336, '1 week']),
  minutely: cycles([60, '1 hour'], [1440, '1 day']),
};

/** The season of `period` steps in words ("1 year" for 12 months or 365 days), else "N steps". */
export function cycleLabel(frequency: string | null, period: number): string {
  const known = frequency ? CYCLES[frequency]?.find((c) => Math.round(c.cycle) === period) : undefined;
  return known?.label ?? `${period} steps`;
}

/** Same bar as the single-season test; real seasons sit far above it. */
const MIN_STRENGTH = 0.3;
/** The season fitted on each half of the data must have about the same shape. */
const MIN_REPEAT = 0.5;
/**
 * What the curve leaves must return to it: an AR(1) remainder with coefficient 0.9 (long weather
 * spells) has lag-1 autocorrelation 0.9, a random walk's remainder over two years about 0.99.
 */
const MAX_PERSISTENCE = 0.95;

/**
 * Tests every usual cycle of `frequency` on `values` (pass the training part only, so the
 * choice does not peek at later data) and returns those that are significant, shortest first,
 * with one sentence that names them or says why none was found.
 */
export function detectSeasons(values: ArrayLike<number>, frequency: string | null): SeasonsResult {
  const n = values.length;
  const candidates = frequency ? CYCLES[frequency] : undefined;
  if (!candidates) return { seasons: [], reason: 'No calendar seasons are tested for this time step.' };
  const threshold = Math.max(MIN_STRENGTH, 2.5 / Math.sqrt(Math.max(n, 1)));
  const seasons: Season[] = [];
  const weak: string[] = [];
  const short: string[] = [];
  for (const { cycle, label } of candidates) {
    const period = Math.round(cycle);
    if (n >= 3 * period) {
      const strength = seasonalStrength(values, period);
      if (strength >= threshold) seasons.push({ period, cycle, label, strength, test: 'autocorrelation' });
      else weak.push(`${label}: autocorrelation ${strength.toFixed(2)}`);
    } else if (n >= 2 * cycle) {
      const fit = harmonicFit(values, cycle);
      if (fit.explained >= threshold && fit.repeat >= MIN_REPEAT && fit.persistence < MAX_PERSISTENCE) {
        seasons.push({ period, cycle, label, strength: fit.explained, test: 'harmonic' });
      } else {
        weak.push(`${label}: a ${label} curve explains ${percent(fit.explained)} of the variation`);
      }
    } else {
      short.push(`${label} needs ${Math.ceil(2 * cycle)} steps, have ${n}`);
    }
  }
  const parts: string[] = [];
  if (seasons.length > 0) {
    const evidence = seasons.map((s) =>
      s.test === 'autocorrelation'
        ? `autocorrelation ${s.strength.toFixed(2)} at lag ${s.period}`
        : `a ${s.label} curve explains ${percent(s.strength)} of the variation and repeats`,
    );
    parts.push(
      `${seasons.length === 1 ? 'Season' : 'Seasons'}: ${joinWords(seasons.map((s) => s.label))} (${evidence.join('; ')}).`,
    );
  } else {
    parts.push('No clear season.');
  }
  if (weak.length > 0) parts.push(`Not clear: ${weak.join('; ')}.`);
  if (short.length > 0) parts.push(`Too short to test: ${short.join('; ')}.`);
  return { seasons, reason: parts.join(' ') };
}

/** The longest season beyond `period` (e.g. the year when the network's season is the week), or null. */
export function longSeason(result: SeasonsResult, period: number | null): Season | null {
  const longer = result.seasons.filter((s) => period === null || s.period > period);
  return longer.at(-1) ?? null;
}

function percent(share: number): string {
  return `${Math.round(share * 100)}%`;
}
