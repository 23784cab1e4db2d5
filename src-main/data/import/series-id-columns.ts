/**
 * Series named by numbers or by two columns. A long file of several series whose time stamps
 * repeat needs the column that tells the series apart. A column of labels does that on its own
 * (summary/layout.ts); this step handles the two shapes it cannot see: a whole-number id (store 1,
 * 2, 3 — read as a measurement, it was averaged into the others), and an id made of two columns
 * (store and item, as sales files are laid out). The id column(s) become labels, so no model reads
 * them as an input or a target, and a pair is joined into one id column; the note says what was read.
 */
import type { DataProblem } from '../../shared/types';
import { cellLabel, type Table, type TableColumn } from '../table';
import { isTimeName } from './datetime';
import type { BuiltColumnInfo } from './table-builder';

/** Share of (time, id) rows that may repeat and still leave the id naming the series. */
const REPEAT_SHARE = 0.01;
/** Most series an id made here may name. */
const MAX_SERIES = 10_000;
/** Most candidate columns tried in pairs. */
const MAX_CANDIDATES = 8;

const isLabel = (c: TableColumn) => c.type === 'categorical' || c.type === 'text';

/** Names of a position in time or in a recording (a day of the week, a quarter, a step), never an id. */
const POSITION_NAME = /(^|[^a-z])(step|steps|index|idx|seq|position|pos|period|hour|minute|second|sec|min)([^a-z]|$)/i;

/**
 * A column of whole numbers with few distinct values, named like neither a time nor a position,
 * and, beside a column of years, not a count of months, weeks or quarters: a possible id.
 */
function wholeNumberIds(c: TableColumn, rows: number, years: boolean): boolean {
  if (c.type !== 'numeric' || isTimeName(c.name) || POSITION_NAME.test(c.name)) return false;
  const seen = new Set<number>();
  let max = -Infinity;
  for (const v of c.values) {
    if (Number.isNaN(v)) continue;
    if (!Number.isInteger(v)) return false;
    seen.add(v);
    if (v > max) max = v;
    if (seen.size > Math.min(MAX_SERIES, rows / 2)) return false;
  }
  return seen.size >= 2 && !(years && max <= 53);
}

/** True when every time stamp is 1 January, midnight: years. */
function onlyYears(time: TableColumn): boolean {
  for (const v of time.values as Float64Array) {
    if (Number.isNaN(v)) continue;
    const d = new Date(v);
    if (d.getUTCMonth() !== 0 || d.getUTCDate() !== 1 || d.getUTCHours() !== 0) return false;
  }
  return true;
}

/**
 * Rows whose (time, key) already appeared, counted up to `limit` + 1 (past it the answer is "too
 * many" and the count stops: most keys tried are not ids); rows without a time or key do not count.
 */
function repeats(time: TableColumn, keys: TableColumn[], rows: number, limit = Infinity): number {
  const seen = new Set<string>();
  let n = 0;
  for (let r = 0; r < rows && n <= limit; r++) {
    const t = time.values[r] as number;
    if (Number.isNaN(t)) continue;
    const parts = keys.map((k) => cellLabel(k, r));
    if (parts.includes(null)) continue;
    const key = `${t}\u0000${parts.join('\u0000')}`;
    if (seen.has(key)) n++;
    else seen.add(key);
  }
  return n;
}

/** The column as labels: whole numbers written as they were ("3", not "3.0"). */
function asLabels(c: TableColumn): TableColumn {
  return {
    name: c.name,
    type: 'categorical',
    values: Array.from({ length: c.values.length }, (_, r) => cellLabel(c, r)),
  };
}

/**
 * Finds a whole-number id or a pair of id columns in `table` and rewrites the table and `info` in
 * place (see the module comment). Does nothing when the time stamps do not repeat, when a column of
 * labels already names the series, or when nothing does. A column whose type the user set is never
 * made an id.
 */
export function applySeriesIds(
  table: Table,
  info: BuiltColumnInfo[],
  problems: DataProblem[],
  /** Columns whose type the user chose keep it. */
  typeOverrides: Record<string, unknown> = {},
): void {
  const rows = table.rowCount;
  // The date column with the most distinct stamps, as the layout takes it (summary/layout.ts).
  let time: TableColumn | undefined;
  let most = -1;
  for (const c of table.columns) {
    if (c.type !== 'datetime') continue;
    const distinct = new Set(c.values).size;
    if (distinct > most) [time, most] = [c, distinct];
  }
  if (!time || rows < 4) return;
  const allowed = Math.floor(rows * REPEAT_SHARE);
  if (repeats(time, [], rows, allowed) <= allowed) return;
  const labels = table.columns.filter((c) => isLabel(c));
  if (labels.some((c) => repeats(time, [c], rows, allowed) <= allowed)) return;
  const numeric = table.columns.filter((c) => c.type === 'numeric');
  const years = onlyYears(time);
  const numbered = numeric
    .filter((c) => !(c.name in typeOverrides) && wholeNumberIds(c, rows, years))
    .slice(0, MAX_CANDIDATES);
  // The series need a value to forecast besides their ids.
  const keepsValue = (ids: TableColumn[]) => numeric.some((c) => !ids.includes(c));

  const single = numbered.find((c) => keepsValue([c]) && repeats(time, [c], rows, allowed) <= allowed);
  if (single) {
    const labelled = asLabels(single);
    replace(table, info, single, labelled);
    const count = new Set(labelled.values as (string | null)[]).size;
    problems.push({
      severity: 'info',
      message: `'${single.name}' holds whole numbers that name ${count} series (the time stamps repeat once per value): it is read as the series id, not as a measurement.`,
      column: single.name,
    });
    return;
  }
  const candidates = [...labels.filter((c) => c.type === 'categorical'), ...numbered].slice(0, MAX_CANDIDATES);
  for (let i = 0; i < candidates.length; i++) {
    for (let j = i + 1; j < candidates.length; j++) {
      const pair = [candidates[i], candidates[j]];
      if (!keepsValue(pair) || repeats(time, pair, rows, allowed) > allowed) continue;
      const name = `${pair[0].name} + ${pair[1].name}`;
      if (table.columns.some((c) => c.name === name)) return;
      const values = Array.from({ length: rows }, (_, r) => {
        const a = cellLabel(pair[0], r);
        const b = cellLabel(pair[1], r);
        return a === null || b === null ? null : `${a} / ${b}`;
      });
      const count = new Set(values.filter((v) => v !== null)).size;
      if (count > MAX_SERIES) return;
      for (const c of pair) if (c.type === 'numeric') replace(table, info, c, asLabels(c));
      table.columns.unshift({ name, type: 'categorical', values });
      info.unshift({ name, type: 'categorical', detectedType: 'categorical', format: undefined });
      problems.push({
        severity: 'info',
        message: `No one column names the series, but '${pair[0].name}' and '${pair[1].name}' together do (${count} series; the time stamps repeat once per pair): they are read together as the series id '${name}'.`,
        column: name,
      });
      return;
    }
  }
}

function replace(table: Table, info: BuiltColumnInfo[], old: TableColumn, next: TableColumn): void {
  const i = table.columns.indexOf(old);
  table.columns[i] = next;
  info[i] = { ...info[i], type: 'categorical', detectedType: 'categorical' };
}
