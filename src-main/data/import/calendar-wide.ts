/**
 * A table of one row per year and one column per month (Jan … Dec) or per quarter (Q1 … Q4), as
 * statistical offices and climate records publish series, is one series laid out as a calendar.
 * Read as it stands it looks like twelve yearly series, and a forecast of one of them (December
 * after December) is not what anyone with such a file wants. The import unfolds it into one row
 * per month or quarter, in time order, and says so; other numbers beside the months (an annual
 * total or mean) are left out and named, and one column of labels (a station, a country) stays as
 * the series id.
 */
import type { DataProblem } from '../../shared/types';
import { quotedList } from '../../shared/word-list';
import { presentSpan, type Table, type TableColumn } from '../table';
import type { BuiltColumnInfo } from './table-builder';
import { yearOf } from './time-columns';

/** The names a month column goes by, in the languages of the importer's number formats; index = month. */
const MONTH_WORDS: string[][] = [
  ['jan', 'january', 'janv', 'janvier', 'januar', 'ene', 'enero', 'gen', 'gennaio'],
  ['feb', 'february', 'févr', 'fevr', 'février', 'fevrier', 'februar', 'febrero', 'febbraio'],
  ['mar', 'march', 'mars', 'mär', 'märz', 'maerz', 'mrz', 'marzo'],
  ['apr', 'april', 'avr', 'avril', 'abr', 'abril', 'aprile'],
  ['may', 'mai', 'mayo', 'mag', 'maggio'],
  ['jun', 'june', 'juin', 'juni', 'junio', 'giu', 'giugno'],
  ['jul', 'july', 'juil', 'juillet', 'juli', 'julio', 'lug', 'luglio'],
  ['aug', 'august', 'août', 'aout', 'ago', 'agosto'],
  ['sep', 'sept', 'september', 'septembre', 'septiembre', 'set', 'settembre'],
  ['oct', 'october', 'octobre', 'okt', 'oktober', 'octubre', 'ott', 'ottobre'],
  ['nov', 'november', 'novembre', 'noviembre'],
  ['dec', 'december', 'déc', 'décembre', 'decembre', 'dez', 'dezember', 'dic', 'diciembre', 'dicembre'],
];

/** The month (0–11) a column name stands for, or −1: a month word, or 1–12 alone or as M01. */
export function monthOfName(name: string): number {
  const n = name.trim().toLowerCase().replace(/\.$/, '');
  const number = /^m?(\d{1,2})$/.exec(n);
  if (number) {
    const m = Number(number[1]);
    return m >= 1 && m <= 12 ? m - 1 : -1;
  }
  return MONTH_WORDS.findIndex((words) => words.includes(n));
}

/** The quarter (0–3) a column name stands for, or −1: Q1, 1Q, Qtr 1, Quarter 1. */
export function quarterOfName(name: string): number {
  const m = /^(?:q|qtr|quarter)\s*([1-4])$|^([1-4])\s*q$/i.exec(name.trim());
  return m ? Number(m[1] ?? m[2]) - 1 : -1;
}

export interface CalendarWide {
  unit: 'month' | 'quarter';
  year: TableColumn;
  /** The month or quarter columns in calendar order. */
  periods: Extract<TableColumn, { type: 'numeric' }>[];
  /** A column of labels that names each row's series, or null. */
  id: TableColumn | null;
  /** Numeric columns beside the periods (an annual total or mean), left out. */
  leftOut: string[];
}

/** Share of rows whose year must read, and years are whole numbers 1000–2999. */
const YEAR_SHARE = 0.95;

/**
 * The calendar layout of `table`, or null: every month (or quarter) once as a column of numbers,
 * one column of years (named like a year, or else the first column), at most one column of labels,
 * and each year at most once per label. Columns named by bare numbers (1 … 12) need a column named as
 * years.
 */
export function detectCalendarWide(table: Table): CalendarWide | null {
  for (const unit of ['month', 'quarter'] as const) {
    const count = unit === 'month' ? 12 : 4;
    const of = unit === 'month' ? monthOfName : quarterOfName;
    const slots: (TableColumn | null)[] = Array.from({ length: count }, () => null);
    for (const c of table.columns) {
      const i = of(c.name);
      if (i < 0) continue;
      if (slots[i] !== null) return null;
      slots[i] = c;
    }
    if (slots.some((c) => c === null || c.type !== 'numeric')) continue;
    const periods = slots as Extract<TableColumn, { type: 'numeric' }>[];
    const rest = table.columns.filter((c) => !periods.includes(c as (typeof periods)[number]));
    // Columns named 1 … 12 may be anything numbered: then only a column named as years is the year.
    const numbered = periods.every((c) => /^\d/.test(c.name.trim()));
    const year =
      rest.find((c) => /^(year|yr|jahr|année|annee|año|anno|ano)$/i.test(c.name.trim()) && readsAsYears(c, table)) ??
      (!numbered && rest[0] === table.columns[0] && readsAsYears(rest[0], table) ? rest[0] : undefined);
    if (!year) return null;
    const others = rest.filter((c) => c !== year);
    const labels = others.filter((c) => c.type === 'categorical' || c.type === 'text');
    if (labels.length > 1 || others.some((c) => c.type === 'datetime')) return null;
    const id = labels[0] ?? null;
    if (!yearsOncePerLabel(year, id, table.rowCount)) return null;
    return { unit, year, periods, id, leftOut: others.filter((c) => c.type === 'numeric').map((c) => c.name) };
  }
  return null;
}

function readsAsYears(c: TableColumn, table: Table): boolean {
  if (c.type !== 'numeric' && c.type !== 'datetime' && c.type !== 'categorical') return false;
  let read = 0;
  for (let r = 0; r < table.rowCount; r++) if (!Number.isNaN(yearOf(c, r))) read++;
  return table.rowCount >= 2 && read >= YEAR_SHARE * table.rowCount;
}

function yearsOncePerLabel(year: TableColumn, id: TableColumn | null, rows: number): boolean {
  const seen = new Set<string>();
  for (let r = 0; r < rows; r++) {
    const y = yearOf(year, r);
    if (Number.isNaN(y)) continue;
    const key = `${id ? String(id.values[r]) : ''}\u0000${y}`;
    if (seen.has(key)) return false;
    seen.add(key);
  }
  return true;
}

/**
 * Unfolds a calendar layout (see detectCalendarWide) in place: `table` and `info` then hold the id
 * (when there is one), the time ('month' or 'quarter', the first day of each) and 'value', one row
 * per period in time order within each series, with the missing periods before a series' first
 * value and after its last (a year not over yet) left out. Rows whose year does not read are left
 * out too. Returns true when it unfolded, and adds the note to `problems`.
 */
export function unfoldCalendarWide(table: Table, info: BuiltColumnInfo[], problems: DataProblem[]): boolean {
  const layout = detectCalendarWide(table);
  if (!layout) return false;
  const { unit, year, periods, id } = layout;
  const per = periods.length;
  const order: number[] = [];
  for (let r = 0; r < table.rowCount; r++) if (!Number.isNaN(yearOf(year, r))) order.push(r);
  const firstSeen = new Map<string | null, number>();
  for (const r of order) {
    const label = id ? (id.values[r] as string | null) : null;
    if (!firstSeen.has(label)) firstSeen.set(label, firstSeen.size);
  }
  const labelOf = (r: number) => (id ? (id.values[r] as string | null) : null);
  order.sort((a, b) => firstSeen.get(labelOf(a))! - firstSeen.get(labelOf(b))! || yearOf(year, a) - yearOf(year, b));

  const times: number[] = [];
  const values: number[] = [];
  const labels: (string | null)[] = [];
  for (let start = 0; start < order.length;) {
    let end = start;
    while (end < order.length && labelOf(order[end]) === labelOf(order[start])) end++;
    const series: { t: number; v: number }[] = [];
    for (let i = start; i < end; i++) {
      const r = order[i];
      const y = yearOf(year, r);
      for (let p = 0; p < per; p++) series.push({ t: Date.UTC(y, (12 / per) * p, 1), v: periods[p].values[r] });
    }
    const [first, last] = presentSpan(series.length, (i) => series[i].v);
    for (let i = first; i <= last; i++) {
      times.push(series[i].t);
      values.push(series[i].v);
      labels.push(labelOf(order[start]));
    }
    start = end;
  }
  if (values.length < 2) return false;

  const timeName = unit;
  const idInfo = id ? info[table.columns.indexOf(id)] : null;
  const columns: TableColumn[] = [];
  const newInfo: BuiltColumnInfo[] = [];
  if (id && idInfo) {
    columns.push({ name: id.name, type: id.type as 'categorical', values: labels });
    newInfo.push(idInfo);
  }
  columns.push({ name: timeName, type: 'datetime', values: Float64Array.from(times) });
  newInfo.push({ name: timeName, type: 'datetime', detectedType: 'datetime', format: `year-${unit}` });
  columns.push({ name: 'value', type: 'numeric', values: Float64Array.from(values) });
  newInfo.push({ name: 'value', type: 'numeric', detectedType: 'numeric', format: undefined });

  const span = `'${periods[0].name}' … '${periods[per - 1].name}'`;
  const series = id ? `one ${unit}ly series per '${id.name}'` : `one ${unit}ly series`;
  const leftOut =
    layout.leftOut.length > 0
      ? ` ${quotedList(layout.leftOut)} ${layout.leftOut.length === 1 ? 'is' : 'are'} not a ${unit} and ${layout.leftOut.length === 1 ? 'was' : 'were'} left out.`
      : '';
  problems.push({
    severity: 'info',
    message: `The file has one row per year ('${year.name}') and a column per ${unit} (${span}): it is read as ${series}, 'value', of ${values.length} ${unit}s in time order (time column '${timeName}').${leftOut}`,
  });
  table.columns = columns;
  table.rowCount = values.length;
  info.splice(0, info.length, ...newInfo);
  return true;
}
