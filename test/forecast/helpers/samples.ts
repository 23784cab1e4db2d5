/** Reads columns of the bundled sample CSV files (plain comma-separated, no quoting inside values). */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

const SAMPLES = resolve(import.meta.dirname, '../../../resources/samples');

/** One numeric column of a sample file, in file order. */
export function sampleColumn(file: string, column: string): Float64Array {
  const [header, ...rows] = readFileSync(resolve(SAMPLES, file), 'utf8').trim().split(/\r?\n/);
  const index = header
    .split(',')
    .map((h) => h.replace(/"/g, ''))
    .indexOf(column);
  if (index < 0) throw new Error(`No column ${column} in ${file}`);
  return Float64Array.from(rows.map((row) => Number(row.split(',')[index])));
}

/** The El Niño file (one row per year, one column per month) flattened into a monthly series. */
export function elNinoMonthly(): Float64Array {
  const [, ...rows] = readFileSync(resolve(SAMPLES, 'elnino-monthly-wide.csv'), 'utf8').trim().split(/\r?\n/);
  return Float64Array.from(rows.flatMap((row) => row.split(',').slice(1).map(Number)));
}
