import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { monthOfName, quarterOfName } from '../../src-main/data/import/calendar-wide';
import { loadTable } from '../../src-main/data/import/load-table';
import { column } from '../../src-main/data/table';
import { numbers, strings, tempFile, tempPath } from './helpers';
import { resolve } from 'node:path';

const SAMPLES = resolve(import.meta.dirname, '../../resources/samples');
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const noteOf = (problems: { message: string }[]) =>
  problems.map((p) => p.message).find((m) => m.includes('one row per year'));

describe('a year per row and a column per month or quarter', () => {
  it('knows month and quarter columns by their names, in several languages', () => {
    expect(['JAN', 'january', 'Janv.', 'Januar', 'enero', '1', '01', 'M01'].map(monthOfName)).toEqual([
      0, 0, 0, 0, 0, 0, 0, 0,
    ]);
    expect(['Mär', 'Mai', 'Okt', 'Dez', 'août', 'dic', '12'].map(monthOfName)).toEqual([2, 4, 9, 11, 7, 11, 11]);
    expect(['Month', '13', 'Annual', 'Marathon'].map(monthOfName)).toEqual([-1, -1, -1, -1]);
    expect(['Q1', 'q4', '2Q', 'Qtr 3', 'Quarter 2', 'Q5'].map(quarterOfName)).toEqual([0, 3, 1, 2, 1, -1]);
  });

  it('reads the El Niño sample (a row per year, JAN … DEC) as one monthly series in time order', async () => {
    const { table, summary } = await loadTable(resolve(SAMPLES, 'elnino-monthly-wide.csv'));
    expect(table.columns.map((c) => c.name)).toEqual(['month', 'value']);
    const time = numbers(column(table, 'month')).map(iso);
    expect(time.slice(0, 2)).toEqual(['1950-01-01', '1950-02-01']);
    expect(time[12]).toBe('1951-01-01');
    expect(time.at(-1)).toBe('2010-12-01');
    // 1950: JAN 23.11, FEB 24.20; 1951: JAN 24.19 (the file's first two rows).
    const values = numbers(column(table, 'value'));
    expect([values[0], values[1], values[12]]).toEqual([23.11, 24.2, 24.19]);
    expect(noteOf(summary.problems)).toContain("a column per month ('JAN' … 'DEC')");
  });

  it('unfolds an Excel sheet of quarters: an annual total left out and named, the year not over yet cut at its last value', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Turnover');
    ws.addRow(['Year', 'Q1', 'Q2', 'Q3', 'Q4', 'Total']);
    ws.addRow([2021, 10, 11, 12, 13, 46]);
    ws.addRow([2022, 14, 15, 16, 17, 62]);
    ws.addRow([2023, 18, 19, null, null, 37]);
    const path = tempPath('.xlsx');
    await wb.xlsx.writeFile(path);
    const { table, summary } = await loadTable(path);
    expect(summary.frequency).toBe('quarterly');
    expect(numbers(column(table, 'value'))).toEqual([10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
    expect(numbers(column(table, 'quarter')).map(iso).slice(0, 3)).toEqual(['2021-01-01', '2021-04-01', '2021-07-01']);
    expect(noteOf(summary.problems)).toContain("'Total' is not a quarter and was left out");
  });

  it('keeps a column of labels as the series id and puts each series years in order', async () => {
    const rows = ['station,year,' + MONTHS.join(',')];
    const row = (s: string, y: number) => `${s},${y},${MONTHS.map((_, m) => y * 100 + m).join(',')}`;
    rows.push(row('north', 2001), row('north', 2000), row('south', 2000), row('south', 2001));
    const { table, summary } = await loadTable(tempFile(rows.join('\n')));
    expect(summary.layout).toBe('long');
    expect(summary.idColumn).toBe('station');
    expect(strings(column(table, 'station')).slice(11, 13)).toEqual(['north', 'north']);
    expect(numbers(column(table, 'value')).slice(0, 2)).toEqual([200000, 200001]);
    expect(numbers(column(table, 'value'))[24]).toBe(200000);
    expect(table.rowCount).toBe(48);
  });

  it('leaves other tables as they are: numbered columns without a year column, a year twice, several series as columns', async () => {
    const numbered = ['sample,' + MONTHS.map((_, m) => m + 1).join(',')];
    for (let i = 0; i < 5; i++) numbered.push(`${1001 + i},${MONTHS.map((_, m) => i + m).join(',')}`);
    expect((await loadTable(tempFile(numbered.join('\n')))).table.rowCount).toBe(5);
    const named = ['Year,' + MONTHS.map((_, m) => m + 1).join(','), ...numbered.slice(1)];
    expect((await loadTable(tempFile(named.join('\n')))).table.rowCount).toBe(60);

    const twice = [
      'year,' + MONTHS.join(','),
      `2000,${MONTHS.map(() => 1).join(',')}`,
      `2000,${MONTHS.map(() => 2).join(',')}`,
    ];
    expect((await loadTable(tempFile(twice.join('\n')))).table.rowCount).toBe(2);

    const stocks = ['date,AAPL,MSFT,IBM'];
    for (let d = 1; d <= 20; d++) stocks.push(`2020-01-${String(d).padStart(2, '0')},${d},${d + 1},${d + 2}`);
    const wide = await loadTable(tempFile(stocks.join('\n')));
    expect(wide.table.rowCount).toBe(20);
    expect(noteOf(wide.summary.problems)).toBeUndefined();
  });
});
