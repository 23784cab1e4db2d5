/**
 * Allocation-free readers for the common cell shapes, straight from the chunk text: plain
 * decimals ("-12.345") and ISO dates ("2020-01-31", "2020-01-31T13:00:00"). Anything else
 * returns NaN and the caller falls back to the full parsers on a sliced string.
 */

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15];

/**
 * A plain decimal with at most 15 significant digits, or NaN. Exact: the digits form an
 * integer below 2^53 and dividing it by a power of ten up to 1e15 rounds once, like parseFloat.
 * @param decimalMark 46 for '.', 44 for ','
 */
export function spanDecimal(text: string, from: number, to: number, decimalMark: number): number {
  let i = from;
  let negative = false;
  let c = text.charCodeAt(i);
  if (c === 45 || c === 43) {
    negative = c === 45;
    i++;
  }
  let mantissa = 0;
  let digits = 0;
  let scale = -1;
  for (; i < to; i++) {
    c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      mantissa = mantissa * 10 + (c - 48);
      digits++;
      if (scale >= 0) scale++;
    } else if (c === decimalMark && scale < 0) {
      scale = 0;
    } else return NaN;
  }
  if (digits === 0 || digits > 15) return NaN;
  const v = scale > 0 ? mantissa / POW10[scale] : mantissa;
  return negative ? -v : v;
}

function twoDigits(text: string, i: number): number {
  const a = text.charCodeAt(i) - 48;
  const b = text.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : NaN;
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** "YYYY-MM-DD" optionally followed by "THH:MM" or " HH:MM:SS" (UTC), or NaN. */
export function spanIsoDate(text: string, from: number, to: number): number {
  const len = to - from;
  if (len !== 10 && len !== 16 && len !== 19) return NaN;
  if (text.charCodeAt(from + 4) !== 45 || text.charCodeAt(from + 7) !== 45) return NaN;
  const y = twoDigits(text, from) * 100 + twoDigits(text, from + 2);
  const mo = twoDigits(text, from + 5);
  const d = twoDigits(text, from + 8);
  if (!(y >= 1 && mo >= 1 && mo <= 12 && d >= 1)) return NaN;
  const leap = mo === 2 && y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  if (d > DAYS[mo - 1] + (leap ? 1 : 0)) return NaN;
  let h = 0;
  let mi = 0;
  let s = 0;
  if (len > 10) {
    const sep = text.charCodeAt(from + 10);
    if ((sep !== 84 && sep !== 32) || text.charCodeAt(from + 13) !== 58) return NaN;
    h = twoDigits(text, from + 11);
    mi = twoDigits(text, from + 14);
    if (len === 19) {
      if (text.charCodeAt(from + 16) !== 58) return NaN;
      s = twoDigits(text, from + 17);
    }
    if (!(h < 24 && mi < 60 && s < 60)) return NaN;
  }
  return daysFromCivil(y, mo, d) * 86_400_000 + h * 3_600_000 + mi * 60_000 + s * 1000;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (Hinnant's days_from_civil; no Date object). */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}
