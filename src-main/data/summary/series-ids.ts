/**
 * The series of a long file, named by its id column, for the form's series picker: every
 * distinct id in the order the file first shows it, up to a bound so a summary stays small.
 */
import { cellLabel, type Table } from '../table';

/** More ids than a picker needs to list; the rest are still trained on with "all series". */
export const MAX_SERIES_IDS = 10_000;

/** Distinct ids of `idColumn` in first-seen order (numbers as written), or null without such a column. */
export function seriesIdsOf(table: Table, idColumn: string | null): string[] | null {
  const column = table.columns.find((c) => c.name === idColumn);
  if (!column) return null;
  const seen = new Set<string>();
  for (let i = 0; i < table.rowCount && seen.size < MAX_SERIES_IDS; i++) {
    const id = cellLabel(column, i);
    if (id !== null) seen.add(id);
  }
  return [...seen];
}
