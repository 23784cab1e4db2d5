/**
 * Turns a Table into the regular, gap-handled series a forecast trains on: sorted by time,
 * duplicates resolved, missing values handled per spec.data.missing.
 */
import type { ExperimentSpec } from '../../shared/spec';
import type { Table } from '../table';

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
  /** Input features besides the target (original units, no NaN), in spec order. */
  features: { name: string; values: Float64Array; knownFuture: boolean }[];
  /** Detected frequency, e.g. "monthly". */
  frequency: string | null;
  /** Notes for the run log, e.g. "3 missing values interpolated in 'volume'". */
  notes: string[];
}

/** One prepared series per id (long format) or a single one. Throws DataError when unusable. */
export function prepareSeries(table: Table, data: ExperimentSpec['data']): PreparedSeries[] {
  void table;
  void data;
  throw new Error('not implemented');
}
