/** Per-column statistics for the dataset summary: missing, distinct, range, mean, sparkline, text statistics. */
import type { ColumnSummary, ColumnType } from '../../shared/types';
import type { TableColumn } from '../table';
import { dateLabel } from './date-label';
import { textStats } from './text-stats';

/** Distinct values are counted up to this many; a summary showing it means "at least". */
export const DISTINCT_CAP = 10_000;
const SPARKLINE_POINTS = 64;

export function summarizeColumn(col: TableColumn, detectedType: ColumnType, format?: string): ColumnSummary {
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
