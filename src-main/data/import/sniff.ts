/**
 * Guesses the shape of a delimited text file from its first lines: line ending, delimiter,
 * decimal convention, and whether the first line is a header.
 */
import Papa from 'papaparse';
import { ISO_DATE } from './datetime';
import { looksLikeDecimalComma, parseNumber, parseNumberDecimalComma } from './values';

export type Newline = '\n' | '\r\n' | '\r';

export const DELIMITERS = [',', ';', '\t', '|'] as const;
export type Delimiter = (typeof DELIMITERS)[number];

export function delimiterLabel(d: string): string {
  return d === '\t' ? 'a tab' : `'${d}'`;
}

/** The line ending of the first line break outside quotes ("\n" when there is none). */
export function detectNewline(sample: string): Newline {
  let quoted = false;
  for (let i = 0; i < sample.length; i++) {
    const ch = sample[i];
    if (ch === '"') quoted = !quoted;
    else if (!quoted && ch === '\n') return '\n';
    else if (!quoted && ch === '\r') return sample[i + 1] === '\n' ? '\r\n' : '\r';
  }
  return '\n';
}

/** The sample up to its last complete line, so a cut line does not skew the guesses. */
export function completeLines(sample: string, whole: boolean, newline: Newline): string {
  if (whole) return sample;
  const end = sample.lastIndexOf(newline);
  return end > 0 ? sample.slice(0, end) : sample;
}

interface Candidate {
  delimiter: Delimiter;
  rows: string[][];
  width: number;
  consistency: number;
}

function parseRows(sample: string, delimiter: string, newline: Newline): string[][] {
  const r = Papa.parse<string[]>(sample, { delimiter, newline, preview: 200, skipEmptyLines: 'greedy' });
  return r.data;
}

function measure(sample: string, delimiter: Delimiter, newline: Newline): Candidate {
  const rows = parseRows(sample, delimiter, newline);
  const counts = new Map<number, number>();
  for (const r of rows) counts.set(r.length, (counts.get(r.length) ?? 0) + 1);
  let width = 1;
  let best = 0;
  for (const [w, n] of counts) {
    if (n > best || (n === best && w > width)) {
      width = w;
      best = n;
    }
  }
  return { delimiter, rows, width, consistency: rows.length ? best / rows.length : 0 };
}

/**
 * Picks the delimiter whose split gives the same field count on (nearly) every line.
 * Among consistent ones the widest wins, except that a ';', tab or '|' split showing decimal
 * commas beats a ',' split (European exports write "1,5;2,3").
 */
export function detectDelimiter(sample: string, newline: Newline): Delimiter {
  const all = DELIMITERS.map((d) => measure(sample, d, newline));
  const usable = all.filter((c) => c.width >= 2 && c.consistency >= 0.9);
  if (usable.length === 0) {
    const loose = all.filter((c) => c.width >= 2).sort((a, b) => b.consistency - a.consistency);
    return loose[0]?.delimiter ?? ',';
  }
  const european = usable.find((c) => c.delimiter !== ',' && looksLikeDecimalComma(c.rows.slice(1).flat()));
  if (european) return european.delimiter;
  usable.sort((a, b) => b.width - a.width || b.consistency - a.consistency);
  return usable[0].delimiter;
}

/** True when numbers in the sample are written with a decimal comma (never for ','-delimited files). */
export function detectDecimalComma(sample: string, delimiter: Delimiter, newline: Newline): boolean {
  if (delimiter === ',') return false;
  return looksLikeDecimalComma(parseRows(sample, delimiter, newline).slice(1).flat());
}

/** A first line made only of numbers or ISO dates is data, not a header. */
export function looksLikeData(fields: string[], decimalComma: boolean): boolean {
  const parse = decimalComma ? parseNumberDecimalComma : parseNumber;
  let seen = 0;
  for (const f of fields) {
    const s = f.trim();
    if (!s) continue;
    seen++;
    if (Number.isNaN(parse(s)) && Number.isNaN(ISO_DATE.parse(s))) return false;
  }
  return seen > 0;
}
