/**
 * CSV writing for every file the app saves. A cell a spreadsheet would run as a formula
 * (starting with = + - @, a tab or a carriage return) gets a leading apostrophe, so opening an
 * exported file can never execute what a data file smuggled in. Plain numbers stay numbers,
 * negative ones included, because they cannot hold a formula.
 */

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

/** A cell value: numbers are written as they are (NaN and null as an empty cell). */
export type CsvValue = string | number | null | undefined;

/** The text of one cell, neutralized against formulas and quoted when it needs to be. */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : '';
  let text = value;
  if (FORMULA_START.test(text) && !PLAIN_NUMBER.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The first `count` rows as display strings (empty for missing values), for a prediction's preview. */
export function previewRows(rows: CsvValue[][], count: number): string[][] {
  return rows.slice(0, count).map((r) => r.map((v) => (v === null || v === undefined ? '' : String(v))));
}

/** A whole CSV document: header line, one line per row, each line ending in a newline. */
export function toCsv(header: CsvValue[], rows: CsvValue[][]): string {
  const line = (cells: CsvValue[]) => `${cells.map(csvCell).join(',')}\n`;
  return line(header) + rows.map(line).join('');
}
