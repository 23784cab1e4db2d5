/**
 * The table a run keeps while it trains: for a forecast, only the columns the spec reads. A
 * wide file of millions of rows holds each column as hundreds of megabytes; the ones the
 * forecast does not use are let go before the series is prepared, so they do not add to the
 * run's peak memory. Other tasks keep the whole table (their columns are read task by task).
 */
import type { Table } from '../data/table';
import type { ExperimentSpec } from '../shared/spec';

export function trainingTable(table: Table, spec: ExperimentSpec): Table {
  if (spec.task !== 'forecast') return table;
  const d = spec.data;
  const used = new Set<string | null>([
    ...d.targetColumns,
    ...d.featureColumns,
    ...d.knownFutureColumns,
    d.timeColumn,
    d.idColumn,
    ...(d.timeParts?.columns ?? []),
  ]);
  const columns = table.columns.filter((c) => used.has(c.name));
  return columns.length === table.columns.length ? table : { columns, rowCount: table.rowCount };
}
