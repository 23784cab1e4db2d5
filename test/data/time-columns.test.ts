/**
 * Time read from several columns. The first fixture is the case that caused the feature: a
 * statistics-office export with `year` and `quarter`, whose 203 quarterly rows were merged
 * into 51 yearly steps when `year` alone was taken as the time.
 */
import { describe, expect, it } from 'vitest';
import { DataError } from '../../src-main/data/data-error';
import { loadTable } from '../../src-main/data/import/load-table';
import { composeTime, detectTimeParts } from '../../src-main/data/import/time-columns';
import { prepareSeries } from '../../src-main/data/prepare/series';
import type { Table } from '../../src-main/data/table';
import { suggestSpec } from '../../src-main/experiment/suggest-spec';
import { parseSpec } from '../../src-main/shared/spec';
import { tempFile } from './helpers';

function csv(header: string, rows: (string | number)[][]): string {
  return `${header}\n${rows.map((r) => r.join(',')).join('\n')}\n`;
}

/** 203 quarters from 1960 Q1: year, quarter, value. */
function quarterlyRows(quarterText: (q: number) => string | number = (q) => q): (string | number)[][] {
  return Array.from({ length: 203 }, (_, i) => [1960 + Math.floor(i / 4), quarterText((i % 4) + 1), 100 + i]);
}

function iso(t: number): string {
  return new Date(t).toISOString();
}

describe('time from year + quarter', () => {
  it('reads 203 quarterly rows as 203 quarterly steps, not 51 yearly ones', async () => {
    const file = tempFile(csv('year,quarter,gdp', quarterlyRows()));
    const { summary } = await loadTable(file);
    expect(summary.timeParts).toEqual({ kind: 'year-quarter', columns: ['year', 'quarter'] });
    expect(summary.timeColumn).toBe('year + quarter');
    expect(summary.frequency).toBe('quarterly');
    expect(summary.duplicateTimestamps).toBe(0);
    // The quarter is part of the time, not a second series.
    expect(summary.layout).toBe('single');
    expect(summary.problems.some((p) => p.message.includes("Time is read from 'year' and 'quarter'"))).toBe(true);

    const spec = suggestSpec(summary);
    expect(spec.data.timeParts).toEqual(summary.timeParts);
    expect(spec.data.timeColumn).toBe('year + quarter');
    expect(spec.data.targetColumns).toEqual(['gdp']);

    const { table } = await loadTable(file, { timeParts: spec.data.timeParts });
    const [series] = prepareSeries(table, spec.data);
    expect(series.target).toHaveLength(203);
    expect(series.frequency).toBe('quarterly');
    expect(series.timeLabels.slice(0, 2)).toEqual(['1960-01-01', '1960-04-01']);
    expect(series.timeLabels[202]).toBe('2010-07-01');
    expect(series.features.map((f) => f.name)).not.toContain('quarter');
  });

  it('reads quarters written Q1..Q4', async () => {
    const { summary, table } = await loadTable(
      tempFile(
        csv(
          'Year,Qtr,value',
          quarterlyRows((q) => `Q${q}`),
        ),
      ),
    );
    expect(summary.timeParts).toEqual({ kind: 'year-quarter', columns: ['Year', 'Qtr'] });
    const time = table.columns.find((c) => c.name === 'Year + Qtr');
    expect(time?.type).toBe('datetime');
    expect(iso(time!.values[5] as number)).toBe('1961-04-01T00:00:00.000Z');
  });

  it('keeps an old spec that names year alone as it was, and says why its stamps repeat', async () => {
    const file = tempFile(csv('year,period,value', quarterlyRows()));
    const { summary, table } = await loadTable(file);
    // 'period' does not say quarter, so nothing is composed: the user is told instead.
    expect(summary.timeParts).toBeNull();
    const hint = summary.problems.find((p) => p.message.startsWith("Most time stamps in 'year' repeat"));
    expect(hint?.severity).toBe('warning');
    const old = parseSpec({ data: { file, timeColumn: 'year', targetColumns: ['value'], lookback: 4 } });
    if (!old.ok) throw new Error('spec');
    expect(old.spec.data.timeParts).toBeNull();
    expect(prepareSeries(table, old.spec.data)[0].target).toHaveLength(51);
  });

  it('reads year + period when the spec says so', async () => {
    const file = tempFile(csv('year,period,value', quarterlyRows()));
    const timeParts = { kind: 'year-quarter' as const, columns: ['year', 'period'] };
    const { summary, table } = await loadTable(file, { timeParts });
    expect(summary.timeColumn).toBe('year + period');
    expect(summary.frequency).toBe('quarterly');
    const r = parseSpec({
      data: { file, timeColumn: 'year + period', timeParts, targetColumns: ['value'], lookback: 4 },
    });
    if (!r.ok) throw new Error('spec');
    expect(prepareSeries(table, r.spec.data)[0].target).toHaveLength(203);
  });
});

describe('other time parts', () => {
  it('reads year + month names', async () => {
    const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
    const rows = Array.from({ length: 30 }, (_, i) => [2001 + Math.floor(i / 12), months[i % 12], i]);
    const { summary, table } = await loadTable(tempFile(csv('year,month,sales', rows)));
    expect(summary.timeParts?.kind).toBe('year-month');
    expect(summary.frequency).toBe('monthly');
    expect(iso(table.columns.at(-1)!.values[13] as number)).toBe('2002-02-01T00:00:00.000Z');
  });

  it('reads year + ISO week as the Monday of the week', async () => {
    const rows = Array.from({ length: 60 }, (_, i) => [2020 + Math.floor(i / 53), (i % 53) + 1, i]);
    // 2020 has 53 ISO weeks; 2021 does not, so its week 53 row cannot be read.
    rows.push([2021, 53, 0]);
    const table = (await loadTable(tempFile(csv('year,week,orders', rows)))).table;
    const composed = composeTime(table, { kind: 'year-week', columns: ['year', 'week'] });
    expect(iso(composed.column.values[0])).toBe('2019-12-30T00:00:00.000Z');
    expect(iso(composed.column.values[52])).toBe('2020-12-28T00:00:00.000Z');
    expect(iso(composed.column.values[53])).toBe('2021-01-04T00:00:00.000Z');
    expect(composed.bad).toBe(1);
  });

  it('reads a date + a time of day as hourly steps', async () => {
    const rows = Array.from({ length: 48 }, (_, i) => [
      `2024-03-0${1 + Math.floor(i / 24)}`,
      `${String(i % 24).padStart(2, '0')}:00`,
      i,
    ]);
    const { summary, table } = await loadTable(tempFile(csv('date,time,load', rows)));
    expect(summary.timeParts).toEqual({ kind: 'date-time', columns: ['date', 'time'] });
    expect(summary.frequency).toBe('hourly');
    expect(iso(table.columns.at(-1)!.values[25] as number)).toBe('2024-03-02T01:00:00.000Z');
  });

  it('reads an hour number beside a date', () => {
    const table: Table = {
      rowCount: 2,
      columns: [
        { name: 'day', type: 'datetime', values: Float64Array.of(Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 1)) },
        { name: 'hour', type: 'numeric', values: Float64Array.of(0, 13) },
      ],
    };
    expect(detectTimeParts(table)).toEqual({ kind: 'date-time', columns: ['day', 'hour'] });
    const t = composeTime(table, { kind: 'date-time', columns: ['day', 'hour'] }).column.values;
    expect(iso(t[1])).toBe('2024-01-01T13:00:00.000Z');
  });

  it('reads Excel serial dates', async () => {
    // 45292 is 2024-01-01 in Excel; one row a day.
    const rows = Array.from({ length: 40 }, (_, i) => [45292 + i, 10 + (i % 7)]);
    const { summary, table } = await loadTable(tempFile(csv('Date,visits', rows)));
    expect(summary.timeParts).toEqual({ kind: 'excel-serial', columns: ['Date'] });
    expect(summary.timeColumn).toBe('Date (Excel date)');
    expect(summary.frequency).toBe('daily');
    expect(iso(table.columns.at(-1)!.values[31] as number)).toBe('2024-02-01T00:00:00.000Z');
  });

  it('reads year, month, day and hour columns as one hourly axis, over more stamps than the summary counts', async () => {
    // An air-quality export: five years of hours in year, month, day and hour columns, an index
    // column and a wind-direction category. 'year' alone reads as a date column (1 January).
    const start = Date.UTC(2010, 0, 1);
    const winds = ['NW', 'cv', 'SE', 'NE'];
    const rows = Array.from({ length: 12_000 }, (_, i) => {
      const d = new Date(start + i * 3_600_000);
      return [
        i + 1,
        d.getUTCFullYear(),
        d.getUTCMonth() + 1,
        d.getUTCDate(),
        d.getUTCHours(),
        50 + (i % 24),
        winds[i % 4],
      ];
    });
    const { summary, table } = await loadTable(tempFile(csv('No,year,month,day,hour,pm2.5,cbwd', rows)));
    expect(summary.timeParts).toEqual({ kind: 'year-month-day', columns: ['year', 'month', 'day', 'hour'] });
    expect(summary.timeColumn).toBe('year + month + day + hour');
    expect(summary.frequency).toBe('hourly');
    expect(summary.gaps).toBe(0);
    expect(summary.duplicateTimestamps).toBe(0);
    // Unique stamps: the wind direction is a feature, not a series id (the file is not long).
    expect(summary.layout).toBe('multivariate');
    expect(summary.idColumn).toBeNull();
    expect(iso(table.columns.at(-1)!.values[11_999] as number)).toBe('2011-05-15T23:00:00.000Z');
    expect(summary.problems.map((p) => p.message)).toContain(
      "Time is read from 'year', 'month', 'day' and 'hour' together (year, month, day and hour) as the column 'year + month + day + hour'.",
    );
  });

  it('reads year, month and day columns as days, and never takes a year read as a date for a date', () => {
    const years = Float64Array.of(Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 1), Date.UTC(2024, 0, 1));
    const table: Table = {
      rowCount: 3,
      columns: [
        { name: 'Year', type: 'datetime', values: years },
        { name: 'Month', type: 'numeric', values: Float64Array.of(2, 2, 3) },
        { name: 'Day', type: 'numeric', values: Float64Array.of(28, 29, 1) },
        { name: 'rain', type: 'numeric', values: Float64Array.of(1, 2, 3) },
      ],
    };
    const parts = detectTimeParts(table);
    expect(parts).toEqual({ kind: 'year-month-day', columns: ['Year', 'Month', 'Day'] });
    expect(Array.from(composeTime(table, parts!).column.values, iso)).toEqual([
      '2024-02-28T00:00:00.000Z',
      '2024-02-29T00:00:00.000Z',
      '2024-03-01T00:00:00.000Z',
    ]);
    // A year column beside an hour column is not a date with its time of day.
    const yearAndHour: Table = {
      rowCount: 3,
      columns: [table.columns[0], { name: 'hour', type: 'numeric', values: Float64Array.of(0, 1, 2) }],
    };
    expect(detectTimeParts(yearAndHour)).toBeNull();
  });

  it('composes nothing for an ordinary dated file', async () => {
    const rows = Array.from({ length: 10 }, (_, i) => [`2020-01-${String(i + 1).padStart(2, '0')}`, i, 5]);
    const { summary } = await loadTable(tempFile(csv('date,value,month', rows)));
    expect(summary.timeParts).toBeNull();
    expect(summary.timeColumn).toBe('date');
  });
});

describe('bad time input', () => {
  it('names the row and column when a quarter is out of range', async () => {
    const rows = quarterlyRows().map((r, i) => (i % 3 === 0 ? [r[0], 5, r[2]] : r));
    const { table } = await loadTable(tempFile(csv('year,quarter,value', rows)));
    const parts = { kind: 'year-quarter' as const, columns: ['year', 'quarter'] };
    expect(() => composeTime(table, parts)).toThrow(DataError);
    expect(() => composeTime(table, parts)).toThrow(
      "Data row 1 has '5' in 'quarter', which should hold a quarter (1 to 4 or Q1 to Q4)",
    );
  });

  it('names a missing part column and a wrong number of parts', async () => {
    const { table } = await loadTable(tempFile(csv('year,quarter,value', quarterlyRows())));
    expect(() => composeTime(table, { kind: 'year-month', columns: ['year', 'month'] })).toThrow(
      "The time part column 'month' is not in this file",
    );
    expect(() => composeTime(table, { kind: 'year-quarter', columns: ['year'] })).toThrow(
      "Time read as year-quarter needs 2 columns; the spec names 1 ('year')",
    );
  });

  it('names the day that the month does not have, and a part named twice', () => {
    const rows = 40;
    const table: Table = {
      rowCount: rows,
      columns: [
        { name: 'year', type: 'numeric', values: new Float64Array(rows).fill(2023) },
        { name: 'month', type: 'numeric', values: new Float64Array(rows).fill(4) },
        // 1..30 April, then ten rows of "31 April".
        { name: 'day', type: 'numeric', values: Float64Array.from({ length: rows }, (_, i) => Math.min(i + 1, 31)) },
      ],
    };
    const parts = { kind: 'year-month-day' as const, columns: ['year', 'month', 'day'] };
    expect(() => composeTime(table, parts)).toThrow(
      "Time cannot be read from 'year', 'month' and 'day': 10 of 40 rows do not make a time stamp. Data row 31 has '31' in 'day', which should hold a day of the month that the month has (1 to 31).",
    );
    expect(() => composeTime(table, { kind: 'year-month-day', columns: ['year', 'month'] })).toThrow(
      'Time read as year-month-day needs 3 or 4 columns; the spec names 2',
    );
    expect(() => composeTime(table, { kind: 'year-month-day', columns: ['year', 'month', 'month'] })).toThrow(
      "Time is read from 'month' twice; name 3 different columns.",
    );
  });

  it('stops a spec whose time column clashes with its time parts', async () => {
    const file = tempFile(csv('year,quarter,value', quarterlyRows()));
    const { table } = await loadTable(file);
    const r = parseSpec({
      data: {
        file,
        timeColumn: 'year',
        timeParts: { kind: 'year-quarter', columns: ['year', 'quarter'] },
        targetColumns: ['value'],
        lookback: 4,
      },
    });
    if (!r.ok) throw new Error('spec');
    expect(() => prepareSeries(table, r.spec.data)).toThrow(
      "The time columns clash: time is read from 'year' and 'quarter' (time parts), but the time column is 'year'. Set the time column to 'year + quarter'",
    );
  });

  it('warns when a date column and year + month columns disagree', async () => {
    const rows = Array.from({ length: 24 }, (_, i) => {
      const d = new Date(Date.UTC(2020, i, 1)).toISOString().slice(0, 10);
      return [d, 2020 + Math.floor(i / 12), i === 7 ? 9 : (i % 12) + 1, i];
    });
    const { summary } = await loadTable(tempFile(csv('date,year,month,value', rows)));
    expect(summary.timeColumn).toBe('date');
    const clash = summary.problems.find((p) => p.message.startsWith('The time columns clash'));
    expect(clash?.message).toContain(
      "'year' and 'month' name a different period than 'date' on 1 row (first at data row 8)",
    );
  });

  it('says that an id seen once is a single row, not just too short', async () => {
    const rows = [
      ...Array.from({ length: 12 }, (_, i) => ['a', `2020-${String(i + 1).padStart(2, '0')}-01`, i]),
      ...Array.from({ length: 12 }, (_, i) => ['b', `2020-${String(i + 1).padStart(2, '0')}-01`, i * 2]),
      ['c', '2020-01-01', 1],
    ];
    const file = tempFile(csv('store,date,value', rows));
    const { table } = await loadTable(file);
    const r = parseSpec({
      data: { file, timeColumn: 'date', idColumn: 'store', targetColumns: ['value'], lookback: 3 },
    });
    if (!r.ok) throw new Error('spec');
    const series = prepareSeries(table, r.spec.data);
    expect(series.map((s) => s.id)).toEqual(['a', 'b']);
    expect(series[0].notes.join(' ')).toContain("'c' (the series 'c' has a single row)");
  });
});
