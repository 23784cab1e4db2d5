/**
 * Cell-level number parsing shared by every import path. Returns NaN for anything that is
 * not a finite number; callers tell missing markers from bad values with `isMissingToken`.
 */

/** Spellings spreadsheets and statistics packages use for "no value". */
const MISSING_TOKENS = new Set([
  '',
  'na',
  'n/a',
  'nan',
  'null',
  'none',
  'nil',
  '-',
  '--',
  '?',
  '.',
  '#n/a',
  '#na',
  '#value!',
  '#div/0!',
  '#ref!',
  '#num!',
  '#name?',
  'missing',
  // Statistical offices' marks: Eurostat ':', the World Bank and OECD '..', NOAA '***', dashes.
  ':',
  '..',
  '...',
  '***',
  '\u2014',
  '\u2013',
  'n.a.',
  'n.v.',
]);

/** True when the cell is empty or one of the usual "no value" markers (case-insensitive). */
export function isMissingToken(raw: string): boolean {
  const s = raw.trim();
  return s.length <= 8 && MISSING_TOKENS.has(s.toLowerCase());
}

const THOUSANDS_COMMA = /^[-+]?\d{1,3}(,\d{3})+(\.\d*)?$/;
const THOUSANDS_DOT_DECIMAL_COMMA = /^[-+]?\d{1,3}(\.\d{3})+(,\d*)?$/;
const DECIMAL_COMMA = /^[-+]?\d*,\d+$|^[-+]?\d+,\d*$/;
const THOUSANDS_SPACE = /^[-+]?\d{1,3}([ \u00a0\u202f]\d{3})+([.,]\d*)?$/;

function isPlainStart(code: number): boolean {
  // digits, '-', '+', '.'
  return (code >= 48 && code <= 57) || code === 45 || code === 43 || code === 46;
}

/**
 * Parses a number written with a decimal point ("3.14", "-1e5", "1,234.5").
 * Hexadecimal, Infinity and empty strings are not numbers here.
 */
export function parseNumber(raw: string): number {
  if (raw.length > 0 && isPlainStart(raw.charCodeAt(0))) {
    const n = +raw;
    // `+` accepts "0x1f"; the second-character check keeps that rare case on the slow path.
    if (n === n && n !== Infinity && n !== -Infinity && (raw.length < 2 || (raw.charCodeAt(1) | 32) !== 120)) {
      return n;
    }
  }
  return parseSlow(raw, false);
}

/** Parses a number written the European way ("3,14", "1.234,5"); plain "3.5" still reads as 3.5. */
export function parseNumberDecimalComma(raw: string): number {
  if (raw.indexOf(',') === -1 && !THOUSANDS_DOT_DECIMAL_COMMA.test(raw)) return parseNumber(raw);
  return parseSlow(raw, true);
}

/** A currency sign or code before or after a number ("$1,200.50", "1.200,50 €", "EUR 300"). */
const CURRENCY = /^(?:[$€£¥₹]|(?:USD|EUR|GBP|CHF|JPY|CAD|AUD)\s)\s*|\s*(?:[$€£¥₹]|\s(?:USD|EUR|GBP|CHF|JPY|CAD|AUD))$/g;

/**
 * A number as a spreadsheet displays it, back to plain digits: a currency sign or code and a
 * trailing % dropped (12.5% reads as 12.5, the number shown), accounting brackets and the
 * typographic minus as a minus sign. Null when nothing was changed.
 */
function unformat(s: string): string | null {
  let t = s.replace(/\u2212/g, '-');
  let negative = false;
  const bracketed = /^\((.*)\)$/.exec(t);
  if (bracketed) {
    negative = true;
    t = bracketed[1].trim();
  }
  t = t.replace(/\s*%$/, '');
  // A sign may stand before the currency ("-$300", "$-300").
  const sign = /^[-+]/.exec(t)?.[0] ?? '';
  if (sign) t = t.slice(1).trimStart();
  t = t.replace(CURRENCY, '').trim();
  if (negative && /^[-+]/.test(t)) return null;
  const out = `${negative ? '-' : sign}${t}`;
  return out === s ? null : out;
}

function parseSlow(raw: string, decimalComma: boolean): number {
  const s = raw.trim();
  if (s.length === 0 || s.length > 64) return NaN;
  let t = unformat(s) ?? s;
  if (t.length === 0 || !/\d/.test(t)) return NaN;
  if (decimalComma) {
    if (THOUSANDS_DOT_DECIMAL_COMMA.test(t)) t = t.replace(/\./g, '').replace(',', '.');
    else if (DECIMAL_COMMA.test(t)) t = t.replace(',', '.');
  } else if (THOUSANDS_COMMA.test(t)) {
    t = t.replace(/,/g, '');
  }
  if (THOUSANDS_SPACE.test(t)) t = t.replace(/[ \u00a0\u202f]/g, '').replace(',', '.');
  if (!/^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/.test(t)) return NaN;
  const n = +t;
  return Number.isFinite(n) ? n : NaN;
}

/** Counts how sample fields read under each decimal convention, to pick one for the file. */
export function looksLikeDecimalComma(fields: Iterable<string>): boolean {
  let comma = 0;
  let dot = 0;
  for (const f of fields) {
    const s = f.trim();
    if (DECIMAL_COMMA.test(s) || (THOUSANDS_DOT_DECIMAL_COMMA.test(s) && s.includes(','))) comma++;
    else if (/^[-+]?\d*\.\d+$/.test(s) && !THOUSANDS_DOT_DECIMAL_COMMA.test(s)) dot++;
  }
  return comma > 0 && comma >= dot;
}
