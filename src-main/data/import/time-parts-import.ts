/**
 * The import step that reads time from several columns: detects the parts (or takes the
 * spec's choice), appends the composed time column to the table and says so in the problems.
 */
import type { TimeParts } from '../../shared/spec';
import type { DataProblem } from '../../shared/types';
import type { Table } from '../table';
import { quotedList } from '../../shared/word-list';
import { composeTime, detectTimeParts, timeClash } from './time-columns';
import type { BuiltColumnInfo } from './table-builder';

const PART_LABEL: Record<TimeParts['kind'], string> = {
  'year-quarter': 'year and quarter',
  'year-month': 'year and month',
  'year-week': 'year and ISO week',
  'year-month-day': 'year, month and day',
  'date-time': 'date and time of day',
  'excel-serial': 'Excel serial day numbers',
};

/**
 * Adds the composed time column to `table` and `info` (in place) and returns the parts used.
 * @param requested the spec's time parts; null or undefined detects them from the table
 */
export function applyTimeParts(
  table: Table,
  info: BuiltColumnInfo[],
  requested: TimeParts | null | undefined,
  problems: DataProblem[],
): TimeParts | null {
  const parts = requested ?? detectTimeParts(table);
  if (!requested) reportClash(table, problems);
  if (!parts) return null;
  const { column, bad } = composeTime(table, parts);
  if (table.columns.some((c) => c.name === column.name)) return null;
  table.columns.push(column);
  info.push({ name: column.name, type: 'datetime', detectedType: 'datetime', format: parts.kind });
  const names = quotedList(parts.columns);
  const label =
    parts.kind === 'year-month-day' && parts.columns.length > 3 ? 'year, month, day and hour' : PART_LABEL[parts.kind];
  problems.push({
    severity: 'info',
    message: `Time is read from ${names} together (${label}) as the column '${column.name}'.`,
    column: column.name,
  });
  if (bad > 0) {
    problems.push({
      severity: 'warning',
      message: `${bad} ${bad === 1 ? 'row has' : 'rows have'} ${names} values that do not make a time stamp; ${bad === 1 ? 'it is' : 'they are'} left out when preparing the series.`,
      column: column.name,
    });
  }
  return parts;
}

function reportClash(table: Table, problems: DataProblem[]): void {
  const clash = timeClash(table);
  if (!clash) return;
  const names = clash.parts.columns.map((c) => `'${c}'`).join(' and ');
  problems.push({
    severity: 'warning',
    message:
      `The time columns clash: ${names} name a different period than '${clash.date}' on ${clash.rows} ${clash.rows === 1 ? 'row' : 'rows'} ` +
      `(first at data row ${clash.first + 1}). '${clash.date}' is used as the time; check which column is right.`,
    column: clash.date,
  });
}
