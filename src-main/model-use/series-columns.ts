/**
 * The columns a forecast model reads, in original units on one time axis: the target, every
 * other source column by name, and the time stamps. Forecasting from an origin t only ever uses
 * `sliceColumns(columns, t)`, so nothing after the origin can leak into a forecast.
 */
import type { PreparedSeries } from '../data/prepare/series';
import type { RegularFrequency } from '../data/summary/frequency';
import { addSteps } from '../data/summary/frequency';

export interface SeriesColumns {
  /** The forecast target. */
  target: Float64Array;
  /** Every source column (targets and features) by name. */
  columns: Map<string, Float64Array>;
  /** Time stamps (ms since epoch), or null when the data has no time column. */
  time: Float64Array | null;
}

/** The columns of a prepared series. */
export function columnsOf(series: PreparedSeries): SeriesColumns {
  const columns = new Map<string, Float64Array>();
  for (const t of series.targets) columns.set(t.name, t.values);
  for (const f of series.features) columns.set(f.name, f.values);
  return { target: series.target, columns, time: series.time };
}

/**
 * The steps before `end` (copies, so later changes cannot reach back); with `keep`, only the
 * last `keep` of them, enough for a window and its differences while staying small.
 */
export function sliceColumns(c: SeriesColumns, end: number, keep = end): SeriesColumns {
  const from = Math.max(0, end - keep);
  const columns = new Map<string, Float64Array>();
  for (const [name, values] of c.columns) columns.set(name, values.slice(from, end));
  return { target: c.target.slice(from, end), columns, time: c.time ? c.time.slice(from, end) : null };
}

/**
 * Appends forecast target values. Other columns are not known beyond the data, so they hold
 * their last value; time stamps continue on the series' step.
 */
export function extendColumns(
  c: SeriesColumns,
  targetName: string,
  values: ArrayLike<number>,
  frequency: string | null,
): SeriesColumns {
  const n = c.target.length;
  const grow = (old: Float64Array, tail: (k: number) => number) => {
    const out = new Float64Array(n + values.length);
    out.set(old);
    for (let k = 0; k < values.length; k++) out[n + k] = tail(k);
    return out;
  };
  const target = grow(c.target, (k) => values[k]);
  const columns = new Map<string, Float64Array>();
  for (const [name, old] of c.columns) {
    columns.set(name, name === targetName ? target : grow(old, () => old[n - 1]));
  }
  const time = c.time ? futureTimes(c.time, frequency, values.length) : null;
  return { target, columns, time: time && c.time ? grow(c.time, (k) => time[k]) : null };
}

/**
 * The `steps` time stamps after the last one: calendar steps for regular frequencies (a monthly
 * series adds months), otherwise the median spacing of the last stamps.
 */
export function futureTimes(time: Float64Array, frequency: string | null, steps: number): Float64Array {
  const last = time[time.length - 1];
  const out = new Float64Array(steps);
  if (frequency && frequency !== 'irregular') {
    for (let k = 0; k < steps; k++) out[k] = addSteps(frequency as RegularFrequency, last, k + 1);
    return out;
  }
  const recent = time.slice(Math.max(0, time.length - 21));
  const gaps = Array.from(recent.slice(1), (t, i) => t - recent[i]).sort((a, b) => a - b);
  const step = gaps.length ? gaps[Math.floor(gaps.length / 2)] : 86_400_000;
  for (let k = 0; k < steps; k++) out[k] = last + (k + 1) * step;
  return out;
}

/** Labels like the data's own: ISO dates (with the time of day when any stamp has one). */
export function timeLabels(times: ArrayLike<number>): string[] {
  const list = Array.from(times);
  const dateOnly = list.every((t) => t % 86_400_000 === 0);
  return list.map((t) => {
    const iso = new Date(t).toISOString();
    return dateOnly ? iso.slice(0, 10) : iso.slice(0, 19);
  });
}

/** Row-number labels (1-based) continuing after `length` rows, for data without a time column. */
export function rowLabels(from: number, count: number): string[] {
  return Array.from({ length: count }, (_, k) => String(from + k + 1));
}
