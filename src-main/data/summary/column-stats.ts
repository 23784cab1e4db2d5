/** Per-column statistics for the dataset summary: missing, distinct, range, mean, sparkline, text statistics. */
import type { ColumnSummary, ColumnType } from '../../shared/types';
import type { TableColumn } from '../table';
import { dateLabel } from './date-label';
import { textStats } from './text-stats';

/** Distinct values are counted up to this many; a summary showing it means "at least". */
export const DISTINCT_CAP = 10_000;
const SPARKLINE_POINTS = 64;

/** Most points of one column's outline. */
export const OUTLINE_POINTS = 1000;

/**
 * @param outlinePoints the most points of a numeric column's outline (the loader shares a budget
 *   among a file's numeric columns)
 */
export function summarizeColumn(
  col: TableColumn,
  detectedType: ColumnType,
  format?: string,
  outlinePoints = OUTLINE_POINTS,
): ColumnSummary {
  const base = { name: col.name, type: col.type, detectedType, ...(format ? { format } : {}) };
  if (col.type === 'numeric' || col.type === 'datetime') {
    const v = col.values;
    let missing = 0;
    let min = Infinity;
    let max = -Infinity;
    let sum = 0;
    const distinct = new Set<number>();
    // Once the cap is reached the set is never consulted again: the loop then costs a few compares a value.
    let counting = true;
    for (let i = 0; i < v.length; i++) {
      const x = v[i];
      if (x !== x) {
        missing++;
        continue;
      }
      if (x < min) min = x;
      if (x > max) max = x;
      sum += x;
      if (counting) {
        distinct.add(x);
        counting = distinct.size < DISTINCT_CAP;
      }
    }
    const present = v.length - missing;
    return {
      ...base,
      missing,
      distinct: distinct.size,
      min: present ? min : null,
      max: present ? max : null,
      mean: present && col.type === 'numeric' ? sum / present : null,
      sparkline: col.type === 'numeric' ? sparkline(v) : [],
      ...(col.type === 'numeric' && present ? { outline: outline(v, outlinePoints) } : {}),
      // Epoch milliseconds mean nothing to a reader; the labels are what a summary shows.
      ...(col.type === 'datetime' && present ? { minLabel: dateLabel(min), maxLabel: dateLabel(max) } : {}),
    };
  }
  let missing = 0;
  const distinct = new Set<string>();
  for (const s of col.values) {
    if (s === null) missing++;
    else if (distinct.size < DISTINCT_CAP) distinct.add(s);
  }
  const text = col.type === 'text' ? textStats(col.values) : null;
  return {
    ...base,
    missing,
    distinct: distinct.size,
    min: null,
    max: null,
    mean: null,
    sparkline: [],
    ...(text ? { text } : {}),
  };
}

/** Up to 64 evenly spaced values: the first present value in each of 64 equal slices. */
export function sparkline(v: ArrayLike<number>): number[] {
  const out: number[] = [];
  const n = v.length;
  const slices = Math.min(SPARKLINE_POINTS, n);
  for (let s = 0; s < slices; s++) {
    const from = Math.floor((s * n) / slices);
    const to = Math.floor(((s + 1) * n) / slices);
    for (let i = from; i < to; i++) {
      if (!Number.isNaN(v[i])) {
        out.push(v[i]);
        break;
      }
    }
  }
  return out;
}

/**
 * A column for a line chart of at most `points` points: every present value when they fit, else
 * the lowest and the highest of each of `points / 2` equal stretches of rows, in row order (a
 * min-max outline: unlike evenly spaced samples it cannot alias a season into a slow wave or skip
 * a spike). Rows are 1-based.
 */
export function outline(v: ArrayLike<number>, points: number): { at: number[]; values: number[] } {
  const at: number[] = [];
  const values: number[] = [];
  const n = v.length;
  const take = (i: number) => {
    at.push(i + 1);
    values.push(v[i]);
  };
  if (n <= points) {
    for (let i = 0; i < n; i++) if (!Number.isNaN(v[i])) take(i);
    return { at, values };
  }
  const stretches = Math.max(1, Math.floor(points / 2));
  for (let s = 0; s < stretches; s++) {
    const from = Math.floor((s * n) / stretches);
    const to = Math.floor(((s + 1) * n) / stretches);
    let lo = -1;
    let hi = -1;
    for (let i = from; i < to; i++) {
      const x = v[i];
      if (x !== x) continue;
      if (lo < 0 || x < v[lo]) lo = i;
      if (hi < 0 || x > v[hi]) hi = i;
    }
    if (lo < 0) continue;
    take(Math.min(lo, hi));
    if (hi !== lo) take(Math.max(lo, hi));
  }
  return { at, values };
}
