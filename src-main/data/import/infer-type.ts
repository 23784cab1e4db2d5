/**
 * Decides a column's type from the first cells of the file: numeric, datetime (with its
 * format), categorical or text. The rest of the file is then parsed with that decision.
 */
import type { ColumnType } from '../../shared/types';
import { type DateFormat, detectDateFormat, isTimeName } from './datetime';
import { isMissingToken, parseNumber, parseNumberDecimalComma } from './values';

export interface InferredType {
  /** null when every sample cell is missing: decided later from the whole column. */
  type: ColumnType | null;
  format: DateFormat | null;
}

/** Share of sample cells that must read as numbers for a numeric column; the rest are reported. */
const NUMERIC_SHARE = 0.95;

function strictlyIncreasing(values: number[]): boolean {
  for (let i = 1; i < values.length; i++) if (!(values[i] > values[i - 1])) return false;
  return values.length >= 3;
}

function constantStep(values: number[]): boolean {
  for (let i = 2; i < values.length; i++) if (values[i] - values[i - 1] !== values[1] - values[0]) return false;
  return true;
}

/** Text (free sentences) or categorical (labels, codes, names) from the shape of the strings. */
export function stringKind(values: string[]): 'categorical' | 'text' {
  if (values.length === 0) return 'categorical';
  let chars = 0;
  let words = 0;
  for (const v of values) {
    chars += v.length;
    words += v.split(/\s+/).filter(Boolean).length;
  }
  const meanChars = chars / values.length;
  const meanWords = words / values.length;
  return (meanChars >= 25 && meanWords >= 3) || meanWords >= 6 ? 'text' : 'categorical';
}

/**
 * @param name column name (a time-like name lets plain numbers such as 1871 or 19580329 read as dates)
 * @param index column position (the first column in increasing order is a likely time axis)
 */
export function inferType(name: string, index: number, samples: string[], decimalComma: boolean): InferredType {
  const present = samples.filter((s) => !isMissingToken(s)).map((s) => s.trim());
  if (present.length === 0) return { type: null, format: null };
  const parse = decimalComma ? parseNumberDecimalComma : parseNumber;
  const numbers: number[] = [];
  for (const s of present) {
    const n = parse(s);
    if (!Number.isNaN(n)) numbers.push(n);
  }
  const numeric = numbers.length >= Math.ceil(present.length * NUMERIC_SHARE);
  const nameHint = isTimeName(name);
  if (numeric) {
    const positionalHint = index === 0 && numbers.length === present.length && strictlyIncreasing(numbers);
    if (nameHint || positionalHint) {
      const f = detectDateFormat(present, true, decimalComma);
      // A first column counting 1000, 1001, … in steps is a year axis; an id column jumps around.
      if (f && f.numeric && (nameHint || f.name !== 'year' || constantStep(numbers)))
        return { type: 'datetime', format: f };
    }
    return { type: 'numeric', format: null };
  }
  const f = detectDateFormat(present, nameHint, decimalComma);
  if (f) return { type: 'datetime', format: f };
  return { type: stringKind(present), format: null };
}
