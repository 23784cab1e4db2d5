/**
 * The series lengths a forecast over every series of a file (`data.series.scope: "all"`) trains
 * on: one network learns from the windows of all of them, so the checks before training count
 * the windows of every series, each split on its own as the global task splits it.
 */
import { prepareEverySeries } from '../data/prepare/multi-series';
import type { Table } from '../data/table';
import type { ExperimentSpec } from '../shared/spec';

/** Steps of every series of the file, after gap filling. */
export function everySeriesLengths(table: Table, spec: ExperimentSpec): number[] {
  // Window and horizon 0: each series' own length, without the preparation's refusal of short series.
  return prepareEverySeries(table, { ...spec.data, lookback: 0, horizon: 0 }).map((s) => s.target.length);
}
