/**
 * Time read from several columns — a year with its quarter, month or ISO week; a year, month and
 * day (with an hour); a date with a time of day — or from Excel serial day numbers. Statistical offices export time this way,
 * and taking `year` alone as the time silently merges every quarter of a year into one step.
 * Composing adds one datetime column to the table, so frequency detection, series
 * preparation and forecasts all see a single time axis.
 */
import type { TimePartKind, TimeParts } from '../../shared/spec';
import { DataError } from '../data-error';
import { requireColumn } from '../require-column';
import type { Table, TableColumn } from '../table';
import { quotedList } from '../../shared/word-list';
import { utc } from './datetime';

const HOUR = 3_600_000;
const DAY = 86_400_000;
/** Days from Excel's day 0 (1899-12-30, after its 1900 leap-year slip) to the Unix epoch. */
const EXCEL_EPOCH_DAYS = 25_569;
/** Excel serials read as dates when a time-named column holds only these (1954 to 2119). */
const EXCEL_RANGE = [20_000, 80_000] as const;
/** Share of present cells that must read as a part before detection trusts a column. */
const DETECT_SHARE = 0.95;
/** Share of rows a chosen part may fail on before composing stops with an error. */
const MAX_BAD_SHARE = 0.05;

/** How many columns each kind reads: year, month and day may come with an hour column. */
const PART_COUNTS: Record<TimePartKind, number[]> = {
  'year-quarter': [2],
  'year-month': [2],
  'year-week': [2],
  'year-month-day': [3, 4],
  'date-time': [2],
  'excel-serial': [1],
};

const NAMES = {
  year: /(^|[^a-z])(year|yr|yyyy)([^a-z]|$)/i,
  quarter: /(^|[^a-z])(quarter|qtr|q)([^a-z]|$)/i,
  month: /(^|[^a-z])(month|mon|mm)([^a-z]|$)/i,
  week: /(^|[^a-z])(week|wk|isoweek)([^a-z]|$)/i,
  dayOfMonth: /(^|[^a-z])(day|dd|dom|mday)([^a-z]|$)/i,
  timeOfDay: /(^|[^a-z])(time|hour|hh|clock)([^a-z]|$)/i,
  date: /(^|[^a-z])(date|day|time|timestamp|datetime|when)([^a-z]|$)/i,
};

const HOUR_TEXT = 'a time of day (14:30, an hour 0 to 23, or a fraction of a day)';

const MONTH_NAMES = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

/** The name of the time column composed from `parts`, e.g. "year + quarter". */
export function composedTimeName(parts: TimeParts): string {
  return parts.kind === 'excel-serial' ? `${parts.columns[0]} (Excel date)` : parts.columns.join(' + ');
}

/** A cell as text or number, whatever the column type; null when missing. */
function cell(c: TableColumn, r: number): string | number | null {
  const v = c.values[r];
  if (v === null) return null;
  if (typeof v === 'number') return Number.isNaN(v) ? null : v;
  const t = v.trim();
  return t === '' ? null : t;
}

function wholeIn(v: number, lo: number, hi: number): number {
  return Number.isInteger(v) && v >= lo && v <= hi ? v : NaN;
}

/** A year from a number, a digit text, or a date column's stamp (a year-only format gives 1 January). */
export function yearOf(c: TableColumn, r: number): number {
  const v = cell(c, r);
  if (v === null) return NaN;
  if (c.type === 'datetime') return new Date(v as number).getUTCFullYear();
  return wholeIn(typeof v === 'number' ? v : /^\d{4}$/.test(v) ? Number(v) : NaN, 1000, 2999);
}

/** 1..max from a number, "3", "Q3" / "M03" / "W12" style texts, or (months) a month name. */
function periodOf(c: TableColumn, r: number, max: number, prefix: string): number {
  const v = cell(c, r);
  if (v === null) return NaN;
  if (typeof v === 'number') return wholeIn(v, 1, max);
  const m = new RegExp(`^${prefix}?\\s*(\\d{1,2})$`, 'i').exec(v);
  if (m) return wholeIn(Number(m[1]), 1, max);
  if (max === 12) {
    const i = MONTH_NAMES.indexOf(v.slice(0, 3).toLowerCase());
    return i >= 0 && /^[a-z]+\.?$/i.test(v) ? i + 1 : NaN;
  }
  return NaN;
}

/** 1..31 from a number or a digit text (whether the month has that day is checked with the month). */
function dayOfMonthOf(c: TableColumn, r: number): number {
  const v = cell(c, r);
  if (v === null) return NaN;
  return wholeIn(typeof v === 'number' ? v : /^\d{1,2}$/.test(v) ? Number(v) : NaN, 1, 31);
}

/** Monday of ISO week `week` of `year`, or NaN when the year has no such week. */
function isoWeekStart(year: number, week: number): number {
  const jan4 = utc(year, 1, 4);
  const week1 = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY;
  const t = week1 + (week - 1) * 7 * DAY;
  // Week 53 exists only in long ISO years: its Thursday must still fall in `year`.
  return new Date(t + 3 * DAY).getUTCFullYear() === year ? t : NaN;
}

/** Milliseconds into the day from "14:30", "14:30:15", an hour number 0..23, or a day fraction. */
function timeOfDayOf(c: TableColumn, r: number, fractionOfDay: boolean): number {
  const v = cell(c, r);
  if (v === null) return NaN;
  if (typeof v === 'number') {
    if (fractionOfDay) return v >= 0 && v < 1 ? Math.round(v * DAY) : NaN;
    return v >= 0 && v < 24 ? Math.round(v * HOUR) : NaN;
  }
  const m = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/.exec(v);
  if (!m) return NaN;
  const [h, mi, s] = [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
  return h < 24 && mi < 60 && s < 60 ? ((h * 60 + mi) * 60 + s) * 1000 : NaN;
}

/** Excel keeps times as fractions of a day; hour columns hold whole hours. */
function holdsDayFractions(c: TableColumn): boolean {
  if (c.type !== 'numeric') return false;
  let fraction = false;
  for (const v of c.values) {
    if (Number.isNaN(v)) continue;
    if (v < 0 || v >= 1) return false;
    if (!Number.isInteger(v)) fraction = true;
  }
  return fraction;
}

function excelSerialOf(c: TableColumn, r: number): number {
  const v = cell(c, r);
  if (typeof v !== 'number' || v < 61 || v > 2_958_465) return NaN;
  // Whole seconds: serial fractions carry float noise in the last digits.
  return Math.round((v - EXCEL_EPOCH_DAYS) * 86_400) * 1000;
}

/** The time stamp of row r from the parts (NaN when a part is missing or invalid). */
function stampAt(kind: TimePartKind, cols: TableColumn[], r: number, dayFractions: boolean): number {
  switch (kind) {
    case 'year-quarter': {
      const y = yearOf(cols[0], r);
      const q = periodOf(cols[1], r, 4, 'q');
      return utc(y, (q - 1) * 3 + 1, 1);
    }
    case 'year-month':
      return utc(yearOf(cols[0], r), periodOf(cols[1], r, 12, 'm'), 1);
    case 'year-month-day': {
      const day = utc(yearOf(cols[0], r), periodOf(cols[1], r, 12, 'm'), dayOfMonthOf(cols[2], r));
      return cols.length > 3 ? day + timeOfDayOf(cols[3], r, dayFractions) : day;
    }
    case 'year-week': {
      const y = yearOf(cols[0], r);
      const w = periodOf(cols[1], r, 53, 'w');
      return Number.isNaN(y) || Number.isNaN(w) ? NaN : isoWeekStart(y, w);
    }
    case 'date-time': {
      const d = cell(cols[0], r);
      if (typeof d !== 'number' || cols[0].type !== 'datetime') return NaN;
      return Math.floor(d / DAY) * DAY + timeOfDayOf(cols[1], r, dayFractions);
    }
    case 'excel-serial':
      return excelSerialOf(cols[0], r);
  }
}

/** What a part column should hold, for messages. */
function expectation(kind: TimePartKind, index: number): string {
  if (index === 0 && kind.startsWith('year-')) return 'a year (1000 to 2999)';
  switch (kind) {
    case 'year-quarter':
      return 'a quarter (1 to 4 or Q1 to Q4)';
    case 'year-month':
      return 'a month (1 to 12 or a month name)';
    case 'year-week':
      return 'an ISO week (1 to 52, or 53 in long years)';
    case 'year-month-day':
      return ['', 'a month (1 to 12 or a month name)', 'a day of the month that the month has (1 to 31)', HOUR_TEXT][
        index
      ];
    case 'date-time':
      return index === 0 ? 'a date' : HOUR_TEXT;
    case 'excel-serial':
      return 'an Excel serial date (days since 1899-12-30)';
  }
}

export interface ComposedTime {
  column: TableColumn & { type: 'datetime' };
  /** Rows whose parts do not make a time stamp (they are left out like rows without time). */
  bad: number;
}

/**
 * Reads the time stamp of every row from `parts`. Throws DataError naming the column, the
 * first bad row and what it should hold when the parts do not fit, or when more than a few
 * rows cannot be read (a wrong column, not a few typos).
 */
export function composeTime(table: Table, parts: TimeParts): ComposedTime {
  const need = PART_COUNTS[parts.kind];
  if (!need.includes(parts.columns.length)) {
    const count = need.map((n) => (n === 1 ? 'one' : String(n))).join(' or ');
    throw new DataError(
      `Time read as ${parts.kind} needs ${count} ${need.length === 1 && need[0] === 1 ? 'column' : 'columns'}; the spec names ${parts.columns.length} (${parts.columns.map((c) => `'${c}'`).join(', ')}).`,
    );
  }
  const twice = parts.columns.find((c, i) => parts.columns.indexOf(c) !== i);
  if (twice !== undefined) {
    throw new DataError(`Time is read from '${twice}' twice; name ${parts.columns.length} different columns.`);
  }
  const cols = parts.columns.map((name) => requireColumn(table, name, 'time part'));
  const hourColumn = parts.kind === 'date-time' ? cols[1] : parts.kind === 'year-month-day' ? cols[3] : undefined;
  const dayFractions = hourColumn !== undefined && holdsDayFractions(hourColumn);
  const values = new Float64Array(table.rowCount);
  let bad = 0;
  let firstBad = -1;
  let present = 0;
  for (let r = 0; r < table.rowCount; r++) {
    const t = stampAt(parts.kind, cols, r, dayFractions);
    values[r] = t;
    if (cols.some((c) => cell(c, r) === null)) continue;
    present++;
    if (Number.isNaN(t)) {
      bad++;
      if (firstBad < 0) firstBad = r;
    }
  }
  if (bad > 0 && bad > present * MAX_BAD_SHARE) {
    // Name the part at fault: the first that does not read on its own in the first bad row.
    const where = Math.max(
      0,
      cols.findIndex((_, i) => !validPart(parts.kind, cols, i, firstBad, dayFractions)),
    );
    const col = cols[where];
    throw new DataError(
      `Time cannot be read from ${quotedList(parts.columns)}: ${bad} of ${present} rows do not make a time stamp. ` +
        `Data row ${firstBad + 1} has '${String(cell(col, firstBad))}' in '${col.name}', which should hold ${expectation(parts.kind, where)}.`,
      { column: col.name },
    );
  }
  return { column: { name: composedTimeName(parts), type: 'datetime', values }, bad };
}

/** Whether part i of row r reads on its own, to name the column at fault. */
function validPart(kind: TimePartKind, cols: TableColumn[], i: number, r: number, dayFractions: boolean): boolean {
  const c = cols[i];
  if (kind === 'excel-serial') return !Number.isNaN(excelSerialOf(c, r));
  if (i === 0) return kind === 'date-time' ? c.type === 'datetime' && cell(c, r) !== null : !Number.isNaN(yearOf(c, r));
  if (kind === 'year-quarter') return !Number.isNaN(periodOf(c, r, 4, 'q'));
  if (kind === 'year-month') return !Number.isNaN(periodOf(c, r, 12, 'm'));
  if (kind === 'year-week') return !Number.isNaN(periodOf(c, r, 53, 'w'));
  if (kind === 'year-month-day' && i === 1) return !Number.isNaN(periodOf(c, r, 12, 'm'));
  // A day is judged with its year and month: 31 is a day of March, not of April.
  if (kind === 'year-month-day' && i === 2)
    return !Number.isNaN(utc(yearOf(cols[0], r), periodOf(cols[1], r, 12, 'm'), dayOfMonthOf(c, r)));
  return !Number.isNaN(timeOfDayOf(c, r, dayFractions));
}

/** True when nearly all present cells of `c` satisfy `ok`, and at least two are present. */
function mostly(c: TableColumn, rows: number, ok: (r: number) => boolean): boolean {
  let present = 0;
  let good = 0;
  for (let r = 0; r < rows; r++) {
    if (cell(c, r) === null) continue;
    present++;
    if (ok(r)) good++;
  }
  return present >= 2 && good >= present * DETECT_SHARE;
}

function distinctCount(c: TableColumn, rows: number): number {
  const seen = new Set<string | number>();
  for (let r = 0; r < rows && seen.size < 3; r++) {
    const v = cell(c, r);
    if (v !== null) seen.add(v);
  }
  return seen.size;
}

/** A datetime column whose stamps are nearly all 1 January, midnight: years read as dates. */
function yearsOnly(c: TableColumn, rows: number): boolean {
  return mostly(c, rows, (r) => {
    const d = new Date(c.values[r] as number);
    return d.getUTCMonth() === 0 && d.getUTCDate() === 1 && d.getUTCHours() === 0;
  });
}

/** A datetime column finer than a year: when present it is the time, and year + period is not needed. */
function fullDateColumn(table: Table): TableColumn | null {
  return table.columns.find((c) => c.type === 'datetime' && !yearsOnly(c, table.rowCount)) ?? null;
}

function yearColumn(table: Table): TableColumn | undefined {
  return table.columns.find(
    (c) => NAMES.year.test(c.name) && mostly(c, table.rowCount, (r) => !Number.isNaN(yearOf(c, r))),
  );
}

/** A column named like `name` (other than those taken) that varies and nearly always reads with `read`. */
function partColumn(
  table: Table,
  name: RegExp,
  taken: TableColumn[],
  read: (c: TableColumn, r: number) => number,
): TableColumn | undefined {
  const rows = table.rowCount;
  return table.columns.find(
    (c) =>
      !taken.includes(c) &&
      name.test(c.name) &&
      c.type !== 'datetime' &&
      distinctCount(c, rows) >= 2 &&
      mostly(c, rows, (r) => !Number.isNaN(read(c, r))),
  );
}

/** Year, month and day columns, with an hour column when there is one (e.g. hourly sensor exports). */
function detectYearMonthDay(table: Table): TimeParts | null {
  const year = yearColumn(table);
  if (!year) return null;
  const month = partColumn(table, NAMES.month, [year], (c, r) => periodOf(c, r, 12, 'm'));
  if (!month) return null;
  const day = partColumn(table, NAMES.dayOfMonth, [year, month], (c, r) =>
    utc(yearOf(year, r), periodOf(month, r, 12, 'm'), dayOfMonthOf(c, r)),
  );
  if (!day) return null;
  const hour = table.columns.find(
    (c) =>
      ![year, month, day].includes(c) &&
      c.type !== 'datetime' &&
      NAMES.timeOfDay.test(c.name) &&
      distinctCount(c, table.rowCount) >= 2 &&
      mostly(c, table.rowCount, (r) => !Number.isNaN(timeOfDayOf(c, r, holdsDayFractions(c)))),
  );
  const columns = [year, month, day, ...(hour ? [hour] : [])].map((c) => c.name);
  return { kind: 'year-month-day', columns };
}

function detectYearPeriod(table: Table): TimeParts | null {
  const year = yearColumn(table);
  if (!year) return null;
  const periods: [TimePartKind, RegExp, (c: TableColumn, r: number) => number][] = [
    ['year-quarter', NAMES.quarter, (c, r) => periodOf(c, r, 4, 'q')],
    ['year-month', NAMES.month, (c, r) => periodOf(c, r, 12, 'm')],
    ['year-week', NAMES.week, (c, r) => periodOf(c, r, 53, 'w')],
  ];
  for (const [kind, name, read] of periods) {
    const period = partColumn(table, name, [year], read);
    if (period) return { kind, columns: [year.name, period.name] };
  }
  return null;
}

function detectDateTime(table: Table): TimeParts | null {
  const rows = table.rowCount;
  // Years read as dates (1 January of several years, or of a column named as a year) are not
  // the date a time of day belongs to.
  const date = table.columns.find(
    (c) =>
      c.type === 'datetime' &&
      !(yearsOnly(c, rows) && (distinctCount(c, rows) >= 2 || NAMES.year.test(c.name))) &&
      mostly(c, rows, (r) => (c.values[r] as number) % DAY === 0),
  );
  if (!date) return null;
  const time = table.columns.find((c) => {
    if (c === date || c.type === 'datetime' || !NAMES.timeOfDay.test(c.name)) return false;
    const fractions = holdsDayFractions(c);
    return distinctCount(c, rows) >= 2 && mostly(c, rows, (r) => !Number.isNaN(timeOfDayOf(c, r, fractions)));
  });
  return time ? { kind: 'date-time', columns: [date.name, time.name] } : null;
}

function detectExcelSerial(table: Table): TimeParts | null {
  if (table.columns.some((c) => c.type === 'datetime')) return null;
  const [lo, hi] = EXCEL_RANGE;
  const c = table.columns.find(
    (col) =>
      col.type === 'numeric' &&
      NAMES.date.test(col.name) &&
      mostly(col, table.rowCount, (r) => (col.values[r] as number) >= lo && (col.values[r] as number) <= hi),
  );
  return c ? { kind: 'excel-serial', columns: [c.name] } : null;
}

/**
 * The columns time is most likely read from together, or null when one time column (or none)
 * is enough. A date + time of day pair wins over year + month + day, which wins over year + period; a full date column makes
 * year + period columns redundant (see `timeClash` for when they disagree).
 */
export function detectTimeParts(table: Table): TimeParts | null {
  const dateTime = detectDateTime(table);
  if (dateTime) return dateTime;
  if (!fullDateColumn(table)) {
    const yearMonthDay = detectYearMonthDay(table);
    if (yearMonthDay) return yearMonthDay;
    const yearPeriod = detectYearPeriod(table);
    if (yearPeriod) return yearPeriod;
  }
  return detectExcelSerial(table);
}

/**
 * When a file has a full date column and also year + period columns, the rows where they
 * name different periods (a sign one of them is wrong): the count and the first data row.
 */
export function timeClash(table: Table): { date: string; parts: TimeParts; rows: number; first: number } | null {
  const date = fullDateColumn(table);
  if (!date) return null;
  const parts = detectYearPeriod(table);
  if (!parts || parts.kind === 'year-week') return null;
  const composed = composeTime(table, parts).column.values;
  const monthsPerStep = parts.kind === 'year-quarter' ? 3 : 1;
  let rows = 0;
  let first = -1;
  for (let r = 0; r < table.rowCount; r++) {
    const t = date.values[r] as number;
    if (Number.isNaN(t) || Number.isNaN(composed[r])) continue;
    const d = new Date(t);
    const start = utc(d.getUTCFullYear(), Math.floor(d.getUTCMonth() / monthsPerStep) * monthsPerStep + 1, 1);
    if (start !== composed[r]) {
      rows++;
      if (first < 0) first = r;
    }
  }
  return rows > 0 ? { date: date.name, parts, rows, first } : null;
}
