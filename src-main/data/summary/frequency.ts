/**
 * Sampling frequency of a time column, with gaps (missing steps) and duplicate time stamps.
 * Monthly, quarterly and yearly steps are counted on the calendar, so months of 28 to 31
 * days are one step each.
 */

export const FREQUENCIES = [
  'yearly',
  'quarterly',
  'monthly',
  'weekly',
  'daily',
  'hourly',
  'minutely',
  'irregular',
] as const;
export type Frequency = (typeof FREQUENCIES)[number];
export type RegularFrequency = Exclude<Frequency, 'irregular'>;

export interface FrequencyInfo {
  /** null when fewer than two distinct time stamps. */
  frequency: Frequency | null;
  /** Missing steps between the first and last time stamp (0 when irregular). */
  gaps: number;
  /** Time stamps equal to an earlier one. */
  duplicates: number;
  /** True when the time stamps are already in non-decreasing order. */
  sorted: boolean;
}

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;

const FIXED: Partial<Record<RegularFrequency, number>> = {
  minutely: MINUTE,
  hourly: HOUR,
  daily: DAY,
  weekly: 7 * DAY,
};
const CALENDAR_MONTHS: Partial<Record<RegularFrequency, number>> = { monthly: 1, quarterly: 3, yearly: 12 };

/** Months since year 0 of a UTC time stamp, without allocating a Date (civil-from-days). */
function monthNumber(t: number): number {
  const z = Math.floor(t / DAY) + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return year * 12 + month - 1;
}

/** Whole steps of `freq` from time a to time b (may be fractional for fixed steps off the grid). */
export function stepsBetween(freq: RegularFrequency, a: number, b: number): number {
  const months = CALENDAR_MONTHS[freq];
  if (months) return (monthNumber(b) - monthNumber(a)) / months;
  return (b - a) / FIXED[freq]!;
}

/** The time `k` steps after `t` (calendar-aware; a 31st becomes the month's last day). */
export function addSteps(freq: RegularFrequency, t: number, k: number): number {
  const months = CALENDAR_MONTHS[freq];
  if (!months) return t + k * FIXED[freq]!;
  const d = new Date(t);
  const target = d.getUTCMonth() + k * months;
  const y = d.getUTCFullYear() + Math.floor(target / 12);
  const m = ((target % 12) + 12) % 12;
  const last = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return Date.UTC(y, m, Math.min(d.getUTCDate(), last), d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds());
}

function classify(median: number): RegularFrequency | null {
  const near = (x: number, step: number, tol = 0.02) => Math.abs(x - step) <= step * tol;
  if (near(median, MINUTE)) return 'minutely';
  if (near(median, HOUR)) return 'hourly';
  if (near(median, DAY, 0.05)) return 'daily';
  if (near(median, 7 * DAY, 0.03)) return 'weekly';
  if (median >= 28 * DAY && median <= 31 * DAY) return 'monthly';
  if (median >= 89 * DAY && median <= 92 * DAY) return 'quarterly';
  if (median >= 365 * DAY && median <= 366 * DAY) return 'yearly';
  return null;
}

/** Median of the positive differences; counts distinct values first, since regular series have few. */
function medianDiff(unique: Float64Array, n: number): number {
  const counts = new Map<number, number>();
  for (let i = 1; i < n && counts.size <= 1000; i++) {
    const d = unique[i] - unique[i - 1];
    counts.set(d, (counts.get(d) ?? 0) + 1);
  }
  // Lower median of the n - 1 differences: with few stamps a single gap must not decide the step.
  const half = Math.floor((n - 2) / 2);
  if (counts.size <= 1000) {
    let seen = 0;
    for (const d of [...counts.keys()].sort((a, b) => a - b)) {
      seen += counts.get(d)!;
      if (seen > half) return d;
    }
  }
  const diffs = new Float64Array(n - 1);
  for (let i = 1; i < n; i++) diffs[i - 1] = unique[i] - unique[i - 1];
  return diffs.sort()[half];
}

/** Detects the frequency of time stamps in any order; NaN entries are ignored. */
export function detectFrequency(times: ArrayLike<number>): FrequencyInfo {
  const all = new Float64Array(times.length);
  let n = 0;
  let sorted = true;
  let prev = -Infinity;
  for (let i = 0; i < times.length; i++) {
    const t = times[i];
    if (t !== t) continue;
    if (t < prev) sorted = false;
    prev = t;
    all[n++] = t;
  }
  const ordered = sorted ? all.subarray(0, n) : all.subarray(0, n).sort();
  // Deduplicate in place: `ordered` then holds the distinct stamps in its first `u` slots.
  let u = 0;
  let duplicates = 0;
  for (let i = 0; i < n; i++) {
    if (u > 0 && ordered[i] === ordered[u - 1]) duplicates++;
    else ordered[u++] = ordered[i];
  }
  if (u < 2) return { frequency: null, gaps: 0, duplicates, sorted };
  const freq = classify(medianDiff(ordered, u));
  if (!freq) return { frequency: 'irregular', gaps: 0, duplicates, sorted };
  let regular = 0;
  let gaps = 0;
  for (let i = 1; i < u; i++) {
    const steps = stepsBetween(freq, ordered[i - 1], ordered[i]);
    const whole = Math.round(steps);
    if (whole >= 1 && Math.abs(steps - whole) < 0.02) {
      regular++;
      gaps += whole - 1;
    }
  }
  // A few off-grid stamps are tolerated; more means the series has no single step.
  if (regular < (u - 1) * 0.9) return { frequency: 'irregular', gaps: 0, duplicates, sorted };
  return { frequency: freq, gaps, duplicates, sorted };
}
