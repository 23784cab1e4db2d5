/**
 * Seasonal period detection from the time frequency (monthly → 12, quarterly → 4, hourly → 24,
 * daily → 7, weekly → 52) confirmed by the autocorrelation of the (detrended) training part.
 */
import { autocorrelation, detrend } from './autocorrelation';

export interface SeasonalityResult {
  /** null when the series shows no seasonality. */
  period: number | null;
  /** Autocorrelation at that lag, for the explanation shown to the user. */
  strength: number;
  reason: string;
}

/** Periods worth checking for each sampling frequency, most common first. */
const CANDIDATES_BY_FREQUENCY: Record<string, number[]> = {
  quarterly: [4],
  monthly: [12],
  weekly: [52],
  daily: [7, 365],
  'business-daily': [5],
  hourly: [24, 168],
  'half-hourly': [48, 336],
  minutely: [60, 1440],
  secondly: [60],
  yearly: [],
};

const FREQUENCY_ALIASES: Record<string, string> = {
  quarter: 'quarterly',
  q: 'quarterly',
  month: 'monthly',
  m: 'monthly',
  week: 'weekly',
  w: 'weekly',
  day: 'daily',
  d: 'daily',
  'business daily': 'business-daily',
  b: 'business-daily',
  hour: 'hourly',
  h: 'hourly',
  'half hourly': 'half-hourly',
  minute: 'minutely',
  min: 'minutely',
  second: 'secondly',
  s: 'secondly',
  year: 'yearly',
  annual: 'yearly',
  annually: 'yearly',
  y: 'yearly',
  a: 'yearly',
};

/** Autocorrelation a season must reach to be believed; real seasons in our samples sit far above. */
const MIN_STRENGTH = 0.3;
/** A free search over hundreds of lags finds chance peaks more easily, so it must clear a higher bar. */
const MIN_SEARCH_STRENGTH = 0.5;
const MAX_SEARCH_LAG = 400;
/**
 * The free search reads the latest this many values: 250 seasons of the longest lag it tries.
 * Every lag detrends the series anew, so on millions of steps the search alone took minutes.
 */
export const MAX_SEARCH_VALUES = 100_000;

/**
 * Finds the seasonal period of `values` (pass the training part only, so the choice does not
 * peek at the test data). The series is detrended with a centered moving average one candidate
 * season long, which removes trends and level shifts but keeps the season, and the
 * autocorrelation of the remainder at that lag must be clearly positive. A known frequency
 * proposes its usual periods; an unknown or irregular one searches lags 2..min(n/3, 400) of the
 * latest MAX_SEARCH_VALUES values for the smallest strong autocorrelation peak. Each candidate
 * needs three seasons of data. `onProgress` hears the share of the free search done.
 */
export function detectSeasonalPeriod(
  values: ArrayLike<number>,
  frequency: string | null,
  onProgress: (done: number) => void = () => undefined,
): SeasonalityResult {
  const n = values.length;
  const name = normalizeFrequency(frequency);
  const threshold = (base: number): number => Math.max(base, 2.5 / Math.sqrt(Math.max(n, 1)));

  if (name !== null && name in CANDIDATES_BY_FREQUENCY) {
    const candidates = CANDIDATES_BY_FREQUENCY[name];
    if (candidates.length === 0) {
      return {
        period: null,
        strength: 0,
        reason: `${capitalize(name)} data has no repeating pattern within a period.`,
      };
    }
    const tooShort: number[] = [];
    let best: { period: number; strength: number } | null = null;
    for (const period of candidates) {
      if (n < 3 * period) {
        tooShort.push(period);
        continue;
      }
      const strength = seasonalStrength(values, period);
      if (strength >= threshold(MIN_STRENGTH)) {
        return {
          period,
          strength,
          reason: `${capitalize(name)} data with a clear ${period}-step season (autocorrelation ${strength.toFixed(2)} at lag ${period}).`,
        };
      }
      if (best === null || strength > best.strength) best = { period, strength };
    }
    if (best === null) {
      return {
        period: null,
        strength: 0,
        reason: `Too short to confirm a ${tooShort.join(' or ')}-step season: that needs three seasons of data (${3 * tooShort[0]} steps, have ${n}).`,
      };
    }
    return {
      period: null,
      strength: best.strength,
      reason: `No clear ${best.period}-step season in this ${name} data (autocorrelation ${best.strength.toFixed(2)} at lag ${best.period}, below ${threshold(MIN_STRENGTH).toFixed(2)}); it may already be seasonally adjusted.`,
    };
  }

  return searchPeriod(values, threshold(MIN_SEARCH_STRENGTH), frequency, onProgress);
}

/** Autocorrelation at lag `period` of the series with its `period`-long moving average removed. */
export function seasonalStrength(values: ArrayLike<number>, period: number): number {
  return autocorrelation(detrend(values, period), period);
}

function searchPeriod(
  all: ArrayLike<number>,
  threshold: number,
  frequency: string | null,
  onProgress: (done: number) => void,
): SeasonalityResult {
  const values = latest(all, MAX_SEARCH_VALUES);
  const n = values.length;
  const maxLag = Math.min(Math.floor(n / 3), MAX_SEARCH_LAG);
  const what = frequency === null ? 'Without a time column' : `With ${frequency} time steps`;
  const peaks: { period: number; strength: number }[] = [];
  let strongest = 0;
  for (let lag = 2; lag <= maxLag; lag++) {
    if (lag % 20 === 0) onProgress(lag / maxLag);
    const remainder = detrend(values, lag);
    const strength = autocorrelation(remainder, lag);
    strongest = Math.max(strongest, strength);
    if (strength < threshold) continue;
    // A true season is a local peak of the autocorrelation; a slow wiggle is not.
    if (strength < autocorrelation(remainder, lag - 1) || strength < autocorrelation(remainder, lag + 1)) continue;
    peaks.push({ period: lag, strength });
  }
  if (peaks.length === 0) {
    return {
      period: null,
      strength: strongest,
      reason: `${what}, no repeating pattern was found (strongest autocorrelation ${strongest.toFixed(2)} for lags 2–${Math.max(2, maxLag)}).`,
    };
  }
  // Multiples of the true season peak about as high; the shortest near-maximal peak is the season.
  const top = Math.max(...peaks.map((p) => p.strength));
  const chosen = peaks.find((p) => p.strength >= 0.9 * top) ?? peaks[0];
  return {
    period: chosen.period,
    strength: chosen.strength,
    reason: `${what}, the data repeats every ${chosen.period} steps (autocorrelation ${chosen.strength.toFixed(2)}).`,
  };
}

/** The last `count` values (a copy), or all of them when there are no more. */
function latest(values: ArrayLike<number>, count: number): ArrayLike<number> {
  if (values.length <= count) return values;
  const out = new Float64Array(count);
  const from = values.length - count;
  for (let i = 0; i < count; i++) out[i] = values[from + i];
  return out;
}

function normalizeFrequency(frequency: string | null): string | null {
  if (frequency === null) return null;
  const key = frequency.trim().toLowerCase().replace(/_/g, '-');
  return FREQUENCY_ALIASES[key] ?? key;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
