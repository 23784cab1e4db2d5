/**
 * Turns a Table into the regular, gap-handled series a forecast trains on: sorted by time,
 * duplicates resolved, missing values handled per spec.data.missing.
 */
import type { ExperimentSpec } from '../../shared/spec';
import { DataError } from '../data-error';
import { type RegularFrequency, addSteps, detectFrequency, stepsBetween } from '../summary/frequency';
import { composedTimeName } from '../import/time-columns';
import { requireColumn } from '../require-column';
import { cellLabel, type Table } from '../table';
import { fillMissing } from './fill-missing';
import { CALENDAR_VALUE } from '../../shared/calendar-inputs';

export interface PreparedSeries {
  /** Series id for long-format files; null for a single series. */
  id: string | null;
  /** Time stamps in ms since epoch, or null when the file has no time column (row order used). */
  time: Float64Array | null;
  /** Labels for charts and CSV output: ISO dates, or row numbers. */
  timeLabels: string[];
  /** Target values in original units, no NaN. */
  target: Float64Array;
  targetName: string;
  /** Every target column in spec order (the first is `target`), for multi-target forecasts. */
  targets: { name: string; values: Float64Array }[];
  /** Input features besides the target (original units, no NaN), in spec order. */
  features: { name: string; values: Float64Array; knownFuture: boolean }[];
  /** Detected frequency, e.g. "monthly". */
  frequency: string | null;
  /** Notes for the run log, e.g. "3 missing values interpolated in 'volume'". */
  notes: string[];
}

/** Most categories a categorical feature may one-hot encode to. */
export const MAX_ONE_HOT = 50;
/** Gap filling is skipped when it would more than double the series (likely a wrong frequency). */
const MAX_GAP_GROWTH = 1;

interface Source {
  name: string;
  knownFuture: boolean;
  target: boolean;
  /** Value of this source at a table row (NaN when missing). */
  at: (row: number) => number;
}

type Data = ExperimentSpec['data'];

function sources(table: Table, data: Data): Source[] {
  const out: Source[] = [];
  for (const name of data.targetColumns) {
    const c = requireColumn(table, name, 'target');
    if (c.type !== 'numeric') {
      throw new DataError(
        `The target column '${name}' holds ${c.type} values, not numbers. Pick a numeric column, or change its type to numeric if it holds numbers.`,
        { column: name },
      );
    }
    out.push({ name, knownFuture: false, target: true, at: (r) => c.values[r] });
  }
  const used = new Set([...data.targetColumns, data.timeColumn, data.idColumn, ...(data.timeParts?.columns ?? [])]);
  const known = new Set(data.knownFutureColumns);
  const featureNames = [...new Set([...data.featureColumns, ...data.knownFutureColumns])].filter((n) => !used.has(n));
  for (const name of featureNames) {
    const c = requireColumn(table, name, 'feature');
    const knownFuture = known.has(name);
    if (c.type === 'numeric') {
      out.push({ name, knownFuture, target: false, at: (r) => c.values[r] });
    } else if (c.type === 'categorical') {
      const categories = [...new Set(c.values.filter((v): v is string => v !== null))].sort();
      if (categories.length > MAX_ONE_HOT) {
        throw new DataError(
          `The feature column '${name}' has ${categories.length} categories; at most ${MAX_ONE_HOT} can be one-hot encoded. Leave it out or group its values.`,
          { column: name },
        );
      }
      for (const cat of categories) {
        // A missing category gives 0 in every indicator column, not NaN: "none of these".
        out.push({ name: `${name}=${cat}`, knownFuture, target: false, at: (r) => (c.values[r] === cat ? 1 : 0) });
      }
    } else {
      throw new DataError(
        `The feature column '${name}' holds ${c.type} values; features must be numeric or categorical.`,
        { column: name },
      );
    }
  }
  return out;
}

function isoLabel(t: number, dateOnly: boolean): string {
  const s = new Date(t).toISOString();
  return dateOnly ? s.slice(0, 10) : s.slice(0, 19);
}

/** One prepared series per id (long format) or a single one. Throws DataError when unusable. */
export function prepareSeries(table: Table, data: Data): PreparedSeries[] {
  checkTimeParts(data);
  const srcs = sources(table, data);
  let time: Float64Array | null = null;
  if (data.timeColumn) {
    const c = requireColumn(table, data.timeColumn, 'time');
    if (c.type !== 'datetime') {
      throw new DataError(
        `The time column '${data.timeColumn}' does not hold dates or times (it is ${c.type}). Change its type to datetime or choose another time column.`,
        { column: data.timeColumn },
      );
    }
    time = c.values;
  }
  if (data.calendarFeatures.length > 0 && !time) {
    throw new DataError(
      'Calendar features (hour, weekday, month, the yearly sine and cosine) need a time column. Choose one, or turn them off.',
    );
  }
  // Row numbers per series; a single series takes every row in one typed array (a plain array of
  // millions of numbers costs several times more memory).
  const groups = new Map<string | null, ArrayLike<number>>();
  let missingIds = 0;
  if (data.idColumn) {
    const c = requireColumn(table, data.idColumn, 'series id');
    for (let r = 0; r < table.rowCount; r++) {
      const id = cellLabel(c, r);
      if (id === null) {
        missingIds++;
        continue;
      }
      let list = groups.get(id) as number[] | undefined;
      if (!list) groups.set(id, (list = []));
      list.push(r);
    }
  } else {
    const every = new Int32Array(table.rowCount);
    for (let r = 0; r < every.length; r++) every[r] = r;
    groups.set(null, every);
  }
  const result: PreparedSeries[] = [];
  const skipped: string[] = [];
  for (const [id, rows] of groups) {
    const s = prepareOne(id, rows, srcs, time, data);
    if (typeof s === 'string') {
      if (id === null) throw new DataError(s);
      skipped.push(`'${id}' (${s})`);
    } else result.push(s);
  }
  if (result.length === 0) {
    throw new DataError(`No series is long enough to train on: ${skipped.join('; ')}.`);
  }
  if (missingIds > 0) result[0].notes.push(`${missingIds} rows without a '${data.idColumn}' value were left out.`);
  if (skipped.length > 0) result[0].notes.push(`Series left out as too short: ${skipped.join('; ')}.`);
  return result;
}

/** The spec's time parts and time column must agree, and a part of the time cannot be a target. */
function checkTimeParts(data: Data): void {
  const parts = data.timeParts;
  if (!parts) return;
  const composed = composedTimeName(parts);
  const names = parts.columns.map((c) => `'${c}'`).join(' and ');
  if (data.timeColumn !== composed) {
    throw new DataError(
      `The time columns clash: time is read from ${names} (time parts), but the time column is ${data.timeColumn === null ? 'not set' : `'${data.timeColumn}'`}. ` +
        `Set the time column to '${composed}', or clear the time parts.`,
      { column: data.timeColumn ?? undefined },
    );
  }
  const target = data.targetColumns.find((c) => parts.columns.includes(c));
  if (target) {
    throw new DataError(`The column '${target}' is part of the time (${names}); it cannot also be a target.`, {
      column: target,
    });
  }
}

/** Returns the series, or a sentence saying why it is too short. */
function prepareOne(
  id: string | null,
  rowsIn: ArrayLike<number>,
  srcs: Source[],
  timeCol: Float64Array | null,
  data: Data,
): PreparedSeries | string {
  const notes: string[] = [];
  // An id seen once is usually a typo or a total line, not a series: say so rather than "too short".
  if (id !== null && rowsIn.length === 1) return `the series '${id}' has a single row`;
  let rows = rowsIn;
  if (timeCol) {
    rows = timeOrder(rowsIn, timeCol);
    if (rows.length < rowsIn.length)
      notes.push(`${rowsIn.length - rows.length} rows without a time stamp were left out.`);
  }
  const merged = mergeByTime(rows, srcs, timeCol);
  let times = merged.times;
  const cols = merged.cols;
  const duplicates = merged.duplicates;
  if (duplicates > 0) notes.push(`${duplicates} rows with a repeated time stamp were averaged with the earlier row.`);

  let frequency: string | null = times ? detectFrequency(times).frequency : null;
  if (times && frequency && frequency !== 'irregular' && data.missing !== 'drop') {
    times = insertMissingSteps(times, cols, frequency as RegularFrequency, data.missing, notes);
  }

  let values = cols;
  let finalTimes = times;
  if (data.missing === 'drop') {
    const steps = cols[0]?.length ?? 0;
    const kept: number[] = [];
    for (let i = 0; i < steps; i++) if (cols.every((c) => !Number.isNaN(c[i]))) kept.push(i);
    if (kept.length < steps) {
      notes.push(`${steps - kept.length} rows with missing values were dropped.`);
      values = cols.map((v) => Float64Array.from(kept, (i) => v[i]));
      finalTimes = times ? Float64Array.from(kept, (i) => (times as Float64Array)[i]) : null;
    }
  }
  const strategy = data.missing;
  if (strategy !== 'drop') {
    values.forEach((v, k) => {
      const filled = fillMissing(v, strategy);
      if (filled < 0) {
        throw new DataError(
          `The column '${srcs[k].name}' has no values${id !== null ? ` for the series '${id}'` : ''}. Leave it out or choose another column.`,
          { column: srcs[k].name },
        );
      }
      const verb = { ffill: 'filled forward', interpolate: 'interpolated', mean: 'replaced by the mean' }[strategy];
      if (filled > 0)
        notes.push(`${filled} missing ${filled === 1 ? 'value' : 'values'} ${verb} in '${srcs[k].name}'.`);
    });
  }
  if (finalTimes !== times && finalTimes && frequency && frequency !== 'irregular')
    frequency = detectFrequency(finalTimes).frequency;

  const length = values[0]?.length ?? 0;
  const needed = data.lookback + data.horizon + 1;
  if (length < needed) {
    return `the series${id !== null ? ` '${id}'` : ''} has ${length} rows after preparation; a window of ${data.lookback} plus a horizon of ${data.horizon} needs at least ${needed}. Shorten the window or use more data.`;
  }

  const { features, targets } = seriesColumns(srcs, values, finalTimes, data.calendarFeatures);
  const stamps = finalTimes;
  let labels: string[] | null = null;
  return {
    id,
    time: stamps,
    // Made when first read (charts, CSV output): millions of label strings would cost more memory
    // than the series itself while it trains.
    get timeLabels(): string[] {
      labels ??= stamps ? dateLabels(stamps) : Array.from({ length }, (_, i) => String(i + 1));
      return labels;
    },
    target: targets[0].values,
    targetName: targets[0].name,
    targets,
    features,
    frequency,
    notes,
  };
}

/** ISO labels of time stamps: dates alone when every stamp is at midnight. */
function dateLabels(times: Float64Array): string[] {
  const dateOnly = times.every((t) => t % 86_400_000 === 0);
  return Array.from(times, (t) => isoLabel(t, dateOnly));
}

/** The rows that have a time stamp, in time order (rows with the same stamp keep their order). */
function timeOrder(rows: ArrayLike<number>, timeCol: Float64Array): Int32Array {
  let kept = 0;
  for (let i = 0; i < rows.length; i++) if (!Number.isNaN(timeCol[rows[i]])) kept++;
  const out = new Int32Array(kept);
  let sorted = true;
  for (let i = 0, j = 0; i < rows.length; i++) {
    const r = rows[i];
    if (Number.isNaN(timeCol[r])) continue;
    if (j > 0 && timeCol[out[j - 1]] > timeCol[r]) sorted = false;
    out[j++] = r;
  }
  // Rows come in file order, so the row number breaks ties exactly as the file does.
  if (!sorted) out.sort((a, b) => timeCol[a] - timeCol[b] || a - b);
  return out;
}

/**
 * Rows in time order merged where they share a time stamp: the mean of their present values.
 * Without a time column every row is one step and there are no stamps.
 */
function mergeByTime(
  rows: ArrayLike<number>,
  srcs: Source[],
  timeCol: Float64Array | null,
): { times: Float64Array | null; cols: Float64Array[]; duplicates: number } {
  const n = rows.length;
  const cols = srcs.map(() => new Float64Array(n));
  if (!timeCol) {
    for (let k = 0; k < srcs.length; k++) {
      const at = srcs[k].at;
      const col = cols[k];
      for (let i = 0; i < n; i++) col[i] = at(rows[i]);
    }
    return { times: null, cols, duplicates: 0 };
  }
  const times = new Float64Array(n);
  const counts = srcs.map(() => new Uint32Array(n));
  let steps = 0;
  let duplicates = 0;
  for (let i = 0; i < n; i++) {
    const r = rows[i];
    const t = timeCol[r];
    if (steps > 0 && times[steps - 1] === t) duplicates++;
    else {
      times[steps] = t;
      for (let k = 0; k < srcs.length; k++) cols[k][steps] = NaN;
      steps++;
    }
    const at = steps - 1;
    for (let k = 0; k < srcs.length; k++) {
      const v = srcs[k].at(r);
      if (Number.isNaN(v)) continue;
      cols[k][at] = counts[k][at] === 0 ? v : cols[k][at] + v;
      counts[k][at]++;
    }
  }
  for (let k = 0; k < srcs.length; k++) {
    for (let i = 0; i < steps; i++) if (counts[k][i] > 1) cols[k][i] /= counts[k][i];
  }
  return { times: leading(times, steps), cols: cols.map((c) => leading(c, steps)), duplicates };
}

/** The first `count` values; a copy only when many merged rows left much of the array unused. */
function leading(values: Float64Array, count: number): Float64Array {
  if (count === values.length) return values;
  return count > values.length * 0.875 ? values.subarray(0, count) : values.slice(0, count);
}

/**
 * Inserts the missing steps of a regular series as empty values (filled later), unless they
 * would more than double it; updates `cols` in place and returns the new time stamps.
 */
function insertMissingSteps(
  times: Float64Array,
  cols: Float64Array[],
  frequency: RegularFrequency,
  missing: Data['missing'],
  notes: string[],
): Float64Array {
  const grid = regularGrid(times, frequency);
  if (!grid || grid.length <= times.length) return times;
  if (grid.length - times.length > times.length * MAX_GAP_GROWTH) {
    notes.push(
      `The ${grid.length - times.length} missing time steps were not inserted: they would more than double the series.`,
    );
    return times;
  }
  // Both are in time order: one walk places every old step on the grid.
  for (let k = 0; k < cols.length; k++) {
    const old = cols[k];
    const filled = new Float64Array(grid.length).fill(NaN);
    for (let g = 0, i = 0; g < grid.length && i < times.length; g++) {
      if (grid[g] === times[i]) filled[g] = old[i++];
    }
    cols[k] = filled;
  }
  notes.push(`${grid.length - times.length} missing ${frequency} time steps were inserted and filled (${missing}).`);
  return grid;
}

/** Targets and input features of a prepared series, with calendar features from its time stamps. */
function seriesColumns(
  srcs: Source[],
  values: Float64Array[],
  times: Float64Array | null,
  calendarFeatures: Data['calendarFeatures'],
): { features: PreparedSeries['features']; targets: PreparedSeries['targets'] } {
  const features: PreparedSeries['features'] = [];
  const targets: PreparedSeries['targets'] = [];
  srcs.forEach((s, k) => {
    if (s.target) targets.push({ name: s.name, values: values[k] });
    else features.push({ name: s.name, values: values[k], knownFuture: s.knownFuture });
  });
  if (times) {
    for (const cal of calendarFeatures) {
      const v = Float64Array.from(times, (t) => {
        const d = new Date(t);
        // Weekday 0 = Monday (ISO), so weekends are 5 and 6. The year's sine and cosine as the model reads them.
        if (cal === 'year-sin' || cal === 'year-cos') return CALENDAR_VALUE[cal](t);
        return cal === 'hour' ? d.getUTCHours() : cal === 'weekday' ? (d.getUTCDay() + 6) % 7 : d.getUTCMonth() + 1;
      });
      features.push({ name: `calendar.${cal}`, values: v, knownFuture: true });
    }
  }
  return { features, targets };
}

/** Every step from the first to the last time stamp, or null when stamps are off the grid. */
function regularGrid(times: Float64Array, freq: RegularFrequency): Float64Array | null {
  const first = times[0];
  const total = Math.round(stepsBetween(freq, first, times[times.length - 1]));
  if (!(total >= 0) || total > 10_000_000) return null;
  const grid = new Float64Array(total + 1);
  for (let k = 0; k <= total; k++) grid[k] = addSteps(freq, first, k);
  // Stamps and grid are both ascending: one walk checks that every stamp is on the grid.
  for (let g = 0, i = 0; i < times.length; i++) {
    while (g < grid.length && grid[g] < times[i]) g++;
    if (g === grid.length || grid[g] !== times[i]) return null;
  }
  return grid;
}
