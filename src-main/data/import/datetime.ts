/**
 * Date and time formats the import recognises. Every format parses to milliseconds since the
 * Unix epoch in UTC (files rarely say their time zone; UTC keeps steps exact across DST).
 */

export interface DateFormat {
  /** Shown to the user in the column summary, e.g. "ISO date". */
  name: string;
  /** Milliseconds since epoch (UTC), or NaN when the text is not in this format. */
  parse(raw: string): number;
  /** Formats that read plain numbers need a hint (column name or ordering) before they are trusted. */
  numeric: boolean;
}

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  sept: 9,
  oct: 10,
  nov: 11,
  dec: 12,
  january: 1,
  february: 2,
  march: 3,
  april: 4,
  june: 6,
  july: 7,
  august: 8,
  september: 9,
  october: 10,
  november: 11,
  december: 12,
};

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysIn(year: number, month: number): number {
  const leap = month === 2 && year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  return DAYS[month - 1] + (leap ? 1 : 0);
}

/** Validated UTC time stamp, NaN when any part is out of range. */
export function utc(y: number, mo: number, d: number, h = 0, mi = 0, s = 0, ms = 0): number {
  if (!(y >= 1 && y <= 9999 && mo >= 1 && mo <= 12 && d >= 1 && d <= daysIn(y, mo))) return NaN;
  if (!(h >= 0 && h < 24 && mi >= 0 && mi < 60 && s >= 0 && s < 61)) return NaN;
  const t = Date.UTC(y, mo - 1, d, h, mi, s, ms);
  // Date.UTC maps years 0..99 to 1900..1999; set the year explicitly to keep e.g. year 50.
  return y < 100 ? new Date(t).setUTCFullYear(y) : t;
}

function monthOf(name: string): number {
  return MONTHS[name.toLowerCase()] ?? NaN;
}

function fraction(digits: string | undefined): number {
  return digits ? Math.round(Number(`0.${digits}`) * 1000) : 0;
}

function zoneOffset(zone: string | undefined): number {
  if (!zone || zone === 'Z' || zone === 'z') return 0;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(zone);
  if (!m) return NaN;
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  return (m[1] === '-' ? -1 : 1) * minutes * 60_000;
}

const TIME = String.raw`(?:[T ](\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,9}))?)?)?`;
const ISO = new RegExp(String.raw`^(\d{4})-(\d{1,2})-(\d{1,2})${TIME}\s*(Z|z|[+-]\d{2}:?\d{2})?$`);
const YMD_SLASH = new RegExp(String.raw`^(\d{4})[/.](\d{1,2})[/.](\d{1,2})${TIME}$`);
const DMY = new RegExp(String.raw`^(\d{1,2})([/.-])(\d{1,2})\2(\d{4})${TIME}$`);
const MON_D_Y = /^([A-Za-z]{3,9})\.?[-\s/]+(\d{1,2}),?[-\s/]+(\d{4})$/;
const D_MON_Y = /^(\d{1,2})[-\s/]+([A-Za-z]{3,9})\.?,?[-\s/]+(\d{4})$/;
const MON_Y = /^([A-Za-z]{3,9})\.?[-\s/]+(\d{4})$/;
const Y_MON = /^(\d{4})[-\s/]+([A-Za-z]{3,9})$/;
/** Spreadsheets' "mmm-yy" and "d-mmm-yy" displays: Jan-64, Jan '64, 1-Jan-64. */
const MON_YY = /^([A-Za-z]{3,9})\.?[-\s/]+'?(\d{2})$/;
const D_MON_YY = /^(\d{1,2})[-\s/]+([A-Za-z]{3,9})\.?[-\s/]+'?(\d{2})$/;
const YM = /^(\d{4})(?:-|\/|M|m)(\d{1,2})$/;
const MY = /^(\d{1,2})([/.-])(\d{4})$/;
const YQ = /^(\d{4})\s*-?\s*[Qq]([1-4])$/;
const QY = /^[Qq]([1-4])\s*[-/]?\s*(\d{4})$/;
const YYYYMMDD = /^(\d{4})(\d{2})(\d{2})$/;
const YEAR = /^\d{4}$/;
const INTEGER = /^\d+(\.0+)?$/;

function withTime(y: number, mo: number, d: number, m: RegExpExecArray, at: number): number {
  const h = m[at] ? Number(m[at]) : 0;
  const mi = m[at + 1] ? Number(m[at + 1]) : 0;
  const s = m[at + 2] ? Number(m[at + 2]) : 0;
  return utc(y, mo, d, h, mi, s, fraction(m[at + 3]));
}

/** A two-digit year as spreadsheet programs read it: 00–29 are 2000–2029, 30–99 are 1930–1999. */
function twoDigitYear(digits: string): number {
  const y = Number(digits);
  return y < 30 ? 2000 + y : 1900 + y;
}

/** The first of a month written before its year (01/2015), within the years a 'year' column reads. */
function monthYear(year: number, month: number): number {
  return year >= 1000 && year <= 2999 ? utc(year, month, 1) : NaN;
}

export const ISO_DATE: DateFormat = {
  name: 'ISO date',
  numeric: false,
  parse(raw) {
    const m = ISO.exec(raw.trim());
    if (!m) return NaN;
    const t = withTime(Number(m[1]), Number(m[2]), Number(m[3]), m, 4);
    return t - zoneOffset(m[8]);
  },
};

const FORMATS: DateFormat[] = [
  ISO_DATE,
  {
    name: 'YYYY/MM/DD',
    numeric: false,
    parse(raw) {
      const m = YMD_SLASH.exec(raw.trim());
      return m ? withTime(Number(m[1]), Number(m[2]), Number(m[3]), m, 4) : NaN;
    },
  },
  {
    name: 'year-quarter',
    numeric: false,
    parse(raw) {
      const s = raw.trim();
      let m = YQ.exec(s);
      if (m) return utc(Number(m[1]), (Number(m[2]) - 1) * 3 + 1, 1);
      m = QY.exec(s);
      return m ? utc(Number(m[2]), (Number(m[1]) - 1) * 3 + 1, 1) : NaN;
    },
  },
  {
    name: 'year-month',
    numeric: false,
    parse(raw) {
      const m = YM.exec(raw.trim());
      return m ? utc(Number(m[1]), Number(m[2]), 1) : NaN;
    },
  },
  {
    // 01/2015 or 1-2015: no number looks like this, so no hint is needed.
    name: 'MM/YYYY',
    numeric: false,
    parse(raw) {
      const m = MY.exec(raw.trim());
      return m && m[2] !== '.' ? monthYear(Number(m[3]), Number(m[1])) : NaN;
    },
  },
  {
    // 01.2015 reads as a decimal number too: trusted only under a time-like name or position.
    name: 'MM.YYYY',
    numeric: true,
    parse(raw) {
      const m = MY.exec(raw.trim());
      return m && m[2] === '.' ? monthYear(Number(m[3]), Number(m[1])) : NaN;
    },
  },
  {
    name: 'month name, day, year',
    numeric: false,
    parse(raw) {
      const m = MON_D_Y.exec(raw.trim());
      return m ? utc(Number(m[3]), monthOf(m[1]), Number(m[2])) : NaN;
    },
  },
  {
    name: 'day, month name, year',
    numeric: false,
    parse(raw) {
      const m = D_MON_Y.exec(raw.trim());
      return m ? utc(Number(m[3]), monthOf(m[2]), Number(m[1])) : NaN;
    },
  },
  {
    name: 'month name and year',
    numeric: false,
    parse(raw) {
      const s = raw.trim();
      let m = MON_Y.exec(s);
      if (m) return utc(Number(m[2]), monthOf(m[1]), 1);
      m = Y_MON.exec(s);
      return m ? utc(Number(m[1]), monthOf(m[2]), 1) : NaN;
    },
  },
  {
    name: 'month name and two-digit year',
    numeric: false,
    parse(raw) {
      const m = MON_YY.exec(raw.trim());
      return m ? utc(twoDigitYear(m[2]), monthOf(m[1]), 1) : NaN;
    },
  },
  {
    name: 'day, month name, two-digit year',
    numeric: false,
    parse(raw) {
      const m = D_MON_YY.exec(raw.trim());
      return m ? utc(twoDigitYear(m[3]), monthOf(m[2]), Number(m[1])) : NaN;
    },
  },
  {
    name: 'MM/DD/YYYY',
    numeric: false,
    parse(raw) {
      const m = DMY.exec(raw.trim());
      return m && m[2] === '/' ? withTime(Number(m[4]), Number(m[1]), Number(m[3]), m, 5) : NaN;
    },
  },
  {
    name: 'DD/MM/YYYY',
    numeric: false,
    parse(raw) {
      const m = DMY.exec(raw.trim());
      return m ? withTime(Number(m[4]), Number(m[3]), Number(m[1]), m, 5) : NaN;
    },
  },
  {
    name: 'YYYYMMDD',
    numeric: true,
    parse(raw) {
      const m = YYYYMMDD.exec(raw.trim());
      if (!m) return NaN;
      const y = Number(m[1]);
      return y >= 1700 && y <= 2300 ? utc(y, Number(m[2]), Number(m[3])) : NaN;
    },
  },
  {
    name: 'year',
    numeric: true,
    parse(raw) {
      const s = raw.trim();
      if (!YEAR.test(s)) return NaN;
      const y = Number(s);
      return y >= 1000 && y <= 2999 ? utc(y, 1, 1) : NaN;
    },
  },
  {
    name: 'Unix seconds',
    numeric: true,
    parse(raw) {
      const s = raw.trim();
      if (!INTEGER.test(s)) return NaN;
      const n = Number(s);
      // 1973 .. 2128: narrower ranges would reject real logs, wider ones would swallow plain counts.
      return n >= 1e8 && n <= 5e9 ? n * 1000 : NaN;
    },
  },
  {
    name: 'Unix milliseconds',
    numeric: true,
    parse(raw) {
      const s = raw.trim();
      if (!INTEGER.test(s)) return NaN;
      const n = Number(s);
      return n >= 1e11 && n <= 5e12 ? n : NaN;
    },
  },
];

/** Column names that say "this is time", which numeric-looking formats require. */
const TIME_NAME =
  /(^|[^a-z])(year|years|yr|date|time|timestamp|datetime|period|day|month|week|quarter|ts|epoch|unix|when)([^a-z]|$)/i;

export function isTimeName(name: string): boolean {
  return TIME_NAME.test(name);
}

/**
 * Picks the date format that reads (nearly) all sample values, or null.
 * @param samples non-missing cell texts from the start of the column
 * @param hint true when the column's name or position says it holds time; needed for formats that read plain numbers
 * @param preferDayFirst European files (decimal comma) write 01/02/2020 for 1 February
 */
export function detectDateFormat(samples: string[], hint: boolean, preferDayFirst = false): DateFormat | null {
  if (samples.length === 0) return null;
  const candidates = FORMATS.filter((f) => hint || !f.numeric);
  if (preferDayFirst) {
    const i = candidates.findIndex((f) => f.name === 'MM/DD/YYYY');
    const j = candidates.findIndex((f) => f.name === 'DD/MM/YYYY');
    if (i >= 0 && j >= 0) [candidates[i], candidates[j]] = [candidates[j], candidates[i]];
  }
  let best: DateFormat | null = null;
  let bestOk = 0;
  for (const f of candidates) {
    let ok = 0;
    for (const s of samples) if (!Number.isNaN(f.parse(s))) ok++;
    if (ok > bestOk) {
      best = f;
      bestOk = ok;
    }
    if (ok === samples.length) break;
  }
  // A few malformed dates are reported as bad values; a column mostly not in one format is not a date column.
  return best && bestOk >= Math.max(1, Math.ceil(samples.length * 0.95)) ? best : null;
}

/** Tries every format per value: used when the user forces a column to datetime. */
export const ANY_DATE: DateFormat = {
  name: 'mixed',
  numeric: true,
  parse(raw) {
    for (const f of FORMATS) {
      if (f.name === 'Unix seconds' || f.name === 'Unix milliseconds') continue;
      const t = f.parse(raw);
      if (!Number.isNaN(t)) return t;
    }
    return NaN;
  },
};
