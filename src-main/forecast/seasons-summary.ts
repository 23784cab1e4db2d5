/**
 * The seasons of a file's series for the data view ("Seasons: 7 days and 1 year"), read from the
 * column a forecast would take by default (the last numeric one) in time order. Gaps in the
 * time axis are left as they are: the summary describes the file, training re-checks the
 * seasons on its own training part.
 */
import type { LoadedTable, Table } from '../data/table';
import type { DatasetSummary } from '../shared/types';
import { detectSeasons } from './seasons';

/** The loaded file with `summary.seasons` filled in (the data layer itself knows no seasons). */
export function withSeasons(loaded: LoadedTable): LoadedTable {
  const s = loaded.summary;
  return { ...loaded, summary: { ...s, seasons: seasonsSummary(loaded.table, s.layout, s.timeColumn, s.frequency) } };
}

/** Seasons of the default target, or null for files without one series on a regular time axis. */
export function seasonsSummary(
  table: Table,
  layout: DatasetSummary['layout'],
  timeColumn: string | null,
  frequency: string | null,
): DatasetSummary['seasons'] {
  if ((layout !== 'single' && layout !== 'multivariate') || !timeColumn || !frequency) return null;
  const time = table.columns.find((c) => c.name === timeColumn);
  const target = table.columns.filter((c) => c.type === 'numeric' && c.name !== timeColumn).at(-1);
  if (!time || time.type !== 'datetime' || !target || target.type !== 'numeric') return null;
  const order = Array.from({ length: table.rowCount }, (_, i) => i)
    .filter((i) => Number.isFinite(time.values[i]))
    .sort((a, b) => time.values[a] - time.values[b]);
  const values = Float64Array.from(order, (i) => target.values[i]);
  const found = detectSeasons(values, frequency);
  return { column: target.name, labels: found.seasons.map((s) => s.label), reason: found.reason };
}
