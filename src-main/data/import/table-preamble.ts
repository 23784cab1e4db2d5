/**
 * Rows around a table that are not part of it, as spreadsheets exported by people often have: a
 * title, a unit or a date above the header (the preamble), and a total or a source note below the
 * last data row (the footer). The preamble is found here from the rows' shape; the footer, which a
 * streaming read only knows at its end, in `TableBuilder.finish` with `isFooterText`.
 */

/** Most leading rows read as a title or notes above the header. */
const MAX_PREAMBLE_ROWS = 10;
/** Rows looked at to learn how many filled cells the table's rows have. */
const SHAPE_ROWS = 60;

const filled = (row: readonly string[]) => row.reduce((n, cell) => (cell.trim() === '' ? n : n + 1), 0);

/**
 * How many of the leading non-blank rows are a title or notes above the header: rows with at most
 * half as many filled cells as the table's usual row (and never a full one), at most ten. The usual
 * row is the most common count of filled cells among the first rows (the wider on a tie); a table
 * of one column has no preamble. Blank rows are not counted (the readers skip them).
 */
export function preambleLength(rows: readonly (readonly string[])[]): number {
  const counts = rows
    .slice(0, SHAPE_ROWS)
    .map(filled)
    .filter((n) => n > 0);
  if (counts.length < 3) return 0;
  const tally = new Map<number, number>();
  for (const n of counts) tally.set(n, (tally.get(n) ?? 0) + 1);
  let usual = 0;
  for (const [n, times] of tally) {
    if (times > (tally.get(usual) ?? 0) || (times === tally.get(usual) && n > usual)) usual = n;
  }
  if (usual < 2) return 0;
  const sparse = Math.max(1, Math.floor(usual / 2));
  let skip = 0;
  while (skip < Math.min(MAX_PREAMBLE_ROWS, counts.length - 2) && counts[skip] <= sparse) skip++;
  return skip;
}

/** The words a total or summary row starts with, in the languages of the importer's number formats. */
const SUMMARY =
  /^\s*(grand\s+|sub-?)?(totals?|sum|summe|gesamt|insgesamt|totaal|totale|somme|suma|average|mean|mittelwert|durchschnitt|moyenne|media|promedio)\b/i;

/** True when a cell that should hold a time or a number instead starts a total or summary row. */
export function isSummaryText(text: string): boolean {
  return SUMMARY.test(text);
}

/** The texts of left-out rows, shortened and quoted for a message. */
export function quoteRows(texts: readonly string[]): string {
  return texts.map((t) => `'${t.length > 60 ? `${t.slice(0, 60)}…` : t}'`).join(', ');
}

/** The note for a preamble of `texts` (each row's filled cells joined) above the header. */
export function preambleNote(texts: readonly string[], unit: 'line' | 'row'): string {
  const n = texts.length;
  return `The first ${n === 1 ? unit : `${n} ${unit}s`} (${quoteRows(texts)}) ${n === 1 ? 'is' : 'are'} a title above the table, not its header; ${n === 1 ? 'it was' : 'they were'} left out and the header read below ${n === 1 ? 'it' : 'them'}.`;
}

/** A row's filled cells joined, as a note quotes it. */
export function rowText(row: readonly string[]): string {
  return row
    .map((c) => c.trim())
    .filter((c) => c !== '')
    .join(' ');
}
