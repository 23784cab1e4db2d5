/**
 * A table of one series per row and one column per time — `Country Name, Country Code, 1960, 1961,
 * …` as the World Bank, Eurostat and OECD publish indicators, or `store, 2024-01, 2024-02, …` — is
 * read as one series per row in time order: the time from the column names, the series id from
 * the label column that tells the rows apart. Read as it stands it looks like sixty yearly columns
 * of one country each. Labels that are the same on every row (the indicator's name) and numbers
 * that are not times are left out and named.
 */
import type { DataProblem } from '../../shared/types';
import { quotedList } from '../../shared/word-list';
import { cellLabel, presentSpan, type Table, type TableColumn } from '../table';
import { detectDateFormat } from './datetime';
import type { BuiltColumnInfo } from './table-builder';

/** Fewest time columns such a table has. */
const MIN_TIMES = 6;

type NumericColumn = Extract<TableColumn, { type: 'numeric' }>;

/** The columns of numbers whose names are times in one format, in increasing order, with their stamps. */
function timeNamedColumns(table: Table): { columns: NumericColumn[]; stamps: number[]; format: string } | null {
  // An empty column (a comma at the end of every line) names nothing.
  const numeric = table.columns.filter(
    (c): c is NumericColumn => c.type === 'numeric' && c.values.some((v) => !Number.isNaN(v)),
  );
  const format = detectDateFormat(
    numeric.map((c) => c.name),
    true,
  );
  if (!format) return null;
  const columns = numeric.filter((c) => !Number.isNaN(format.parse(c.name)));
  if (columns.length < MIN_TIMES) return null;
  const stamps = columns.map((c) => format.parse(c.name));
  for (let i = 1; i < stamps.length; i++) if (!(stamps[i] > stamps[i - 1])) return null;
  return { columns, stamps, format: format.name };
}

/** The time column's name for a format: what one step is. */
function timeName(format: string): string {
  if (format === 'year') return 'year';
  if (format === 'year-quarter') return 'quarter';
  if (/month/i.test(format) || format === 'MM/YYYY' || format === 'MM.YYYY') return 'month';
  return 'date';
}

/**
 * Unfolds the table in place when it is one series per row with time as column names (see the
 * module comment); true when it did, with a note in `problems`.
 */
export function unfoldTimeColumns(table: Table, info: BuiltColumnInfo[], problems: DataProblem[]): boolean {
  if (table.rowCount < 2 || table.columns.some((c) => c.type === 'datetime')) return false;
  const times = timeNamedColumns(table);
  if (!times) return false;
  const rest = table.columns.filter((c) => !times.columns.includes(c as NumericColumn));
  const labels = rest.filter((c) => c.type === 'categorical' || c.type === 'text');
  if (labels.length === 0) return false;
  const rows = table.rowCount;
  const varying = labels.filter((c) => new Set(Array.from({ length: rows }, (_, r) => cellLabel(c, r))).size > 1);
  const unique = (c: TableColumn) => new Set(Array.from({ length: rows }, (_, r) => cellLabel(c, r))).size === rows;
  const id = varying.find(unique) ?? null;
  const idColumns = id ? [id] : varying;
  if (idColumns.length === 0) return false;
  const idName = idColumns.map((c) => c.name).join(' + ');
  const idOf = (r: number) => {
    const parts = idColumns.map((c) => cellLabel(c, r));
    return parts.includes(null) ? null : parts.join(' / ');
  };
  const ids = new Set(Array.from({ length: rows }, (_, r) => idOf(r)));
  if (ids.size !== rows || ids.has(null)) return false;

  const seriesIds: (string | null)[] = [];
  const stamps: number[] = [];
  const values: number[] = [];
  for (let r = 0; r < rows; r++) {
    const [first, last] = presentSpan(times.columns.length, (t) => times.columns[t].values[r]);
    for (let t = first; t <= last; t++) {
      seriesIds.push(idOf(r));
      stamps.push(times.stamps[t]);
      values.push(times.columns[t].values[r]);
    }
  }
  if (values.length < 2) return false;
  const time = timeName(times.format);
  const leftOut = rest.filter((c) => !idColumns.includes(c)).map((c) => c.name);
  table.columns = [
    { name: idName, type: 'categorical', values: seriesIds },
    { name: time, type: 'datetime', values: Float64Array.from(stamps) },
    { name: 'value', type: 'numeric', values: Float64Array.from(values) },
  ];
  table.rowCount = values.length;
  info.splice(
    0,
    info.length,
    { name: idName, type: 'categorical', detectedType: 'categorical', format: undefined },
    { name: time, type: 'datetime', detectedType: 'datetime', format: times.format },
    { name: 'value', type: 'numeric', detectedType: 'numeric', format: undefined },
  );
  const first = times.columns[0].name;
  const last = times.columns[times.columns.length - 1].name;
  problems.push({
    severity: 'info',
    message:
      `The file has one row per series and a column per ${time} ('${first}' … '${last}'): it is read as ${rows} series ` +
      `named by ${idColumns.length === 1 ? `'${idName}'` : `${quotedList(idColumns.map((c) => c.name))} together`}, one row per ${time} in time order ('${idName}', '${time}', 'value').` +
      (leftOut.length > 0
        ? ` ${quotedList(leftOut)} ${leftOut.length === 1 ? 'is' : 'are'} the same on every row or not a time, and left out.`
        : ''),
  });
  return true;
}
