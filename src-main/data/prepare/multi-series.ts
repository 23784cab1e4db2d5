/**
 * The series a forecast run trains on when a file holds several: one per id (long files) or one
 * per target column (wide files), then all of them or the one the spec names.
 */
import type { ExperimentSpec } from '../../shared/spec';
import { DataError } from '../data-error';
import type { Table } from '../table';
import { type PreparedSeries, prepareSeries } from './series';

type Data = ExperimentSpec['data'];

/** Every series in the file: per `idColumn` value, or per target column when `series.wide`. */
export function prepareEverySeries(table: Table, data: Data): PreparedSeries[] {
  if (!data.series.wide || data.targetColumns.length < 2) return prepareSeries(table, data);
  const out: PreparedSeries[] = [];
  const skipped: string[] = [];
  for (const column of data.targetColumns) {
    // Each column is its own series; the other series columns are not its inputs.
    try {
      const [one] = prepareSeries(table, { ...data, targetColumns: [column], idColumn: null });
      out.push({ ...one, id: column });
    } catch (e) {
      if (!(e instanceof DataError)) throw e;
      skipped.push(`'${column}' (${e.message})`);
    }
  }
  if (out.length === 0) throw new DataError(`No series column can be trained on: ${skipped.join('; ')}`);
  if (skipped.length > 0) out[0].notes.push(`Series left out: ${skipped.join('; ')}`);
  return out;
}

/** The series the spec trains on: every one, the named one, or the first. */
export function pickSeries(all: PreparedSeries[], data: Data): PreparedSeries[] {
  const { scope, id } = data.series;
  if (scope === 'all') return all;
  if (id === null) return all.slice(0, 1);
  const found = all.find((s) => s.id === id);
  if (!found) {
    const shown = all.slice(0, 10).map((s) => `'${s.id ?? 'unnamed'}'`);
    const more = all.length > 10 ? ` and ${all.length - 10} more` : '';
    throw new DataError(
      `The series '${id}' is not in this file (or was left out as too short). Its series are ${shown.join(', ')}${more}.`,
    );
  }
  return [found];
}
