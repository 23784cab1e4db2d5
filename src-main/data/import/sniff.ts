/**
 * Guesses the shape of a delimited text file from its first lines: line ending, delimiter,
 * decimal convention, and whether the first line is a header.
 */
import Papa from 'papaparse';
import { ISO_DATE } from './datetime';
import { isMissingToken, looksLikeDecimalComma, parseNumber, parseNumberDecimalComma } from './values';

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

/** A quote character no text holds: papaparse then reads every double quote as part of its field. */
export const NO_QUOTE = '\u0000';

function parseRows(sample: string, delimiter: string, newline: Newline, quoteChar = '"'): string[][] {
  const r = Papa.parse<string[]>(sample, { delimiter, newline, quoteChar, preview: 200, skipEmptyLines: 'greedy' });
  return r.data;
}

/**
 * True when the double quotes of a tab-separated file are part of its texts, not marks around
 * fields: a writer that quotes puts a quote at the start of every field that holds one, while
 * texts (messages, reviews) quote words inside them ('the "cave".'). Read as field quotes, such
 * quotes join lines up to the next quote and texts are lost (the UCI SMS spam collection: 737 of
 * 5,574 messages). Comma and semicolon files keep the usual quoting.
 */
export function quotesAreLiteral(sample: string, delimiter: Delimiter, newline: Newline): boolean {
  if (delimiter !== '\t') return false;
  let holding = 0;
  let opening = 0;
  for (const line of sample.split(newline)) {
    for (const field of line.split('\t')) {
      if (field.indexOf('"') === -1) continue;
      holding++;
      if (field.trimStart().startsWith('"')) opening++;
    }
  }
  return holding > 0 && opening / holding < 0.5;
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

/**
 * A first line made only of numbers or ISO dates is data, not a header; so is a long line of
 * measurements with one word at its start or end (a labelled sequence, "walking, 0.12, 0.31, …"),
 * unless its numbers are all whole (years or counts as column names: "country, 1990, 1991, …").
 */
export function looksLikeData(fields: string[], decimalComma: boolean): boolean {
  const parse = decimalComma ? parseNumberDecimalComma : parseNumber;
  let seen = 0;
  const words: number[] = [];
  let fractions = 0;
  fields.forEach((f, i) => {
    const s = f.trim();
    if (!s || isMissingToken(s)) return;
    seen++;
    const n = parse(s);
    if (Number.isNaN(n) && Number.isNaN(ISO_DATE.parse(s))) words.push(i);
    else if (!Number.isInteger(n)) fractions++;
  });
  if (words.length === 0) return seen > 0;
  return seen >= 10 && words.length === 1 && (words[0] === 0 || words[0] === fields.length - 1) && fractions > 0;
}

/** Sentence ends: a closing mark, then perhaps a quote or bracket. */
const SENTENCE_END = /[.!?。！？…]["'”’»)\]]*$/u;
/** A shared start this long is a pattern of the values (a licence, a URL), never a column name. */
const FORMULAIC_PREFIX = 12;

function commonPrefix(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/**
 * Why a first line of words is data, not column names (null when it reads as a header):
 * - every field ends a sentence, as the fields below it do (sentence pairs such as
 *   "Go.<tab>Va !" — column names do not end in a full stop);
 * - a field starts like the values below it for at least FORMULAIC_PREFIX characters (the
 *   attribution column of Tatoeba pairs: "CC-BY 2.0 (France) Attribution: tatoeba.org #…");
 * - a field is a label its column repeats below (at most MAX_LABELS distinct values, this one on
 *   at least LABEL_SHARE of the lines): "ham<tab>Go until jurong point…" opens the SMS spam
 *   collection, and no header names a column after one of its own values.
 */
export function headerlessReason(
  sample: string,
  delimiter: Delimiter,
  newline: Newline,
  quoteChar = '"',
): string | null {
  const rows = parseRows(sample, delimiter, newline, quoteChar);
  if (rows.length < 3) return null;
  const [first, ...rest] = rows;
  const fields = first.map((f) => f.trim());
  const share = (j: number, test: (v: string) => boolean) => {
    const values = rest.map((r) => (r[j] ?? '').trim()).filter((v) => v !== '');
    return values.length > 0 ? values.filter(test).length / values.length : 0;
  };
  const filled = fields.map((f, j) => [f, j] as const).filter(([f]) => f !== '');
  if (
    filled.length >= 2 &&
    filled.every(([f, j]) => SENTENCE_END.test(f) && share(j, (v) => SENTENCE_END.test(v)) >= 0.8)
  ) {
    return 'its fields end sentences, as the lines below do';
  }
  for (const [f, j] of filled) {
    if (f.length >= FORMULAIC_PREFIX && share(j, (v) => commonPrefix(f, v) >= FORMULAIC_PREFIX) >= 0.8) {
      return `its column ${j + 1} starts like the values below it ("${f.slice(0, FORMULAIC_PREFIX)}…")`;
    }
  }
  // A file whose header repeats below (files pasted together) is not data because of it.
  const line = fields.join('\u0001');
  if (rest.some((r) => r.map((v) => v.trim()).join('\u0001') === line)) return null;
  for (const [f, j] of filled) {
    // Labels are words: a header of numbers (1, 2, … 12) over numbers is names, whatever repeats.
    if (!Number.isNaN(parseNumber(f))) continue;
    const below = rest.map((r) => (r[j] ?? '').trim()).filter((v) => v !== '');
    if (below.length === 0 || new Set(below).size > MAX_LABELS) continue;
    if (share(j, (v) => v === f) >= LABEL_SHARE)
      return `its column ${j + 1} holds '${f}', a label the lines below repeat`;
  }
  return null;
}

/** A column of at most this many distinct values below the first line is a column of labels. */
const MAX_LABELS = 20;
/** Share of the lines below that repeat the first line's label for it to be one of theirs. */
const LABEL_SHARE = 0.05;

/**
 * True when a .txt file is a table in disguise: its lines split on tabs into the same two or more
 * fields (the Tatoeba / ManyThings sentence pairs ship as `fra.txt`), or on semicolons, commas or
 * bars into the same fields with a column of numbers or dates below the first line (the UCI
 * household power file ships as `household_power_consumption.txt`, `Date;Time;Global_active_power;…`).
 * Prose rarely holds a tab on nearly every line, and its commas split lines into words, not
 * numbers, so a corpus stays a corpus.
 */
export function looksDelimited(sample: string): boolean {
  const newline = detectNewline(sample);
  if (consistent(measure(sample, '\t', newline))) return true;
  return ([';', ',', '|'] as const).some((d) => {
    const c = measure(sample, d, newline);
    return consistent(c) && hasValueColumn(c);
  });
}

function consistent(c: Candidate): boolean {
  return c.rows.length >= 3 && c.width >= 2 && c.consistency >= 0.9;
}

/** A column whose fields below the first line are mostly numbers or dates (missing marks aside). */
function hasValueColumn(c: Candidate): boolean {
  const body = c.rows.slice(1).filter((r) => r.length === c.width);
  const isValue = (v: string) =>
    !Number.isNaN(parseNumber(v)) || !Number.isNaN(parseNumberDecimalComma(v)) || !Number.isNaN(ISO_DATE.parse(v));
  for (let j = 0; j < c.width; j++) {
    const values = body.map((r) => r[j].trim()).filter((v) => v !== '' && !isMissingToken(v));
    if (values.length >= 2 && values.filter(isValue).length >= 0.8 * values.length) return true;
  }
  return false;
}
