/**
 * Explains why a column of numbers was read as categories: a few cells that are not numbers
 * (`inf`, `#DIV/0!`, `1.2.3`, a stray unit) turn the whole column categorical, which the user
 * sees only as a wrong type. The note counts them, shows examples and says what to do.
 */
import type { DataProblem } from '../../shared/types';
import type { Table } from '../table';
import { isMissingToken, parseNumber, parseNumberDecimalComma } from './values';

/** A column at least this share numeric is "numbers with exceptions", not labels that happen to hold digits. */
const MOSTLY_NUMERIC = 0.5;
const EXAMPLES = 3;
const INFINITY = /^[-+]?(inf|infinity|∞)$/i;

/** One warning per categorical or text column whose present values are mostly numbers. */
export function mixedTypeNotes(table: Table, decimalComma: boolean): DataProblem[] {
  const parse = decimalComma ? parseNumberDecimalComma : parseNumber;
  const notes: DataProblem[] = [];
  for (const column of table.columns) {
    if (column.type !== 'categorical' && column.type !== 'text') continue;
    let present = 0;
    let numbers = 0;
    let infinite = 0;
    const others = new Map<string, number>();
    for (const raw of column.values) {
      if (raw === null || isMissingToken(raw)) continue;
      present++;
      const text = raw.trim();
      if (!Number.isNaN(parse(text))) numbers++;
      else {
        if (INFINITY.test(text)) infinite++;
        others.set(text, (others.get(text) ?? 0) + 1);
      }
    }
    const bad = present - numbers;
    if (present === 0 || bad === 0 || numbers < present * MOSTLY_NUMERIC) continue;
    const examples = [...others.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, EXAMPLES)
      .map(([v]) => `'${v.length > 20 ? `${v.slice(0, 20)}…` : v}'`)
      .join(', ');
    const why = infinite > 0 ? ' Infinite values are not numbers a model can learn from.' : '';
    notes.push({
      severity: 'warning',
      column: column.name,
      message:
        `Column '${column.name}' is read as categories: ${numbers} of ${present} values are numbers, but ${bad} ${bad === 1 ? 'is' : 'are'} not (${examples}).${why} ` +
        `To use it as numbers, fix those cells or set the column's type to numeric (they then count as missing values).`,
    });
  }
  return notes;
}
