import { describe, expect, it } from 'vitest';
import { DataError } from '../../src-main/data/data-error';
import { loadTable } from '../../src-main/data/import/load-table';
import { column } from '../../src-main/data/table';
import { numbers, strings, tempFile } from './helpers';

const records = Array.from({ length: 30 }, (_, i) => ({
  date: new Date(Date.UTC(2020, 0, 1 + i)).toISOString().slice(0, 10),
  weather: i % 3 === 0 ? 'rain' : 'sun',
  temp_max: 10 + (i % 5),
  precipitation: i % 3 === 0 ? 2.5 : null,
}));

describe('JSON import', () => {
  it('reads a list of records as vega-datasets and web services write them', async () => {
    const { table, summary } = await loadTable(tempFile(JSON.stringify(records), '.json'));
    expect(summary.format).toBe('json');
    expect(table.columns.map((c) => c.name)).toEqual(['date', 'weather', 'temp_max', 'precipitation']);
    expect(summary.timeColumn).toBe('date');
    expect(summary.frequency).toBe('daily');
    expect(numbers(column(table, 'temp_max')).slice(0, 3)).toEqual([10, 11, 12]);
    // null is a missing value, as an empty CSV cell is.
    expect(numbers(column(table, 'precipitation'))[1]).toBeNaN();
    expect(strings(column(table, 'weather'))[0]).toBe('rain');
  });

  it('reads JSON Lines, a list inside an object, and columns of equal length alike', async () => {
    const lines = records.map((r) => JSON.stringify(r)).join('\n');
    const inside = JSON.stringify({ source: 'a station', data: records });
    const byColumn = JSON.stringify({ date: records.map((r) => r.date), temp_max: records.map((r) => r.temp_max) });
    for (const [text, ext] of [
      [lines, '.jsonl'],
      [inside, '.json'],
      [byColumn, '.json'],
      // Saved without the name: the text says what it is.
      [JSON.stringify(records), '.csv'],
    ]) {
      const { table } = await loadTable(tempFile(text, ext));
      expect(table.rowCount).toBe(30);
      expect(numbers(column(table, 'temp_max'))[4]).toBe(14);
    }
  });

  it('takes the keys of every record, in the order they first appear', async () => {
    const { table } = await loadTable(
      tempFile(JSON.stringify([{ a: 1 }, { a: 2, b: 'x' }, { b: 'y', c: true }, { a: 4 }]), '.json'),
    );
    expect(table.columns.map((c) => c.name)).toEqual(['a', 'b', 'c']);
    expect(strings(column(table, 'b'))).toEqual([null, 'x', 'y', null]);
  });

  it('says what the file holds when it is not a table of records', async () => {
    const cases: [string, RegExp][] = [
      ['[1, 2, 3]', /item 1 is a number, not a record/],
      ['[]', /empty list/],
      ['{"a": 1}', /holds an object, not a table/],
      ['{"x": [{"a": 1}], "y": [{"b": 2}]}', /several lists of records \('x', 'y'\)/],
      ['[{"a": {"b": 1}}]', /Record 1 holds an object under 'a'/],
      ['[{"a": 1}, ', /not valid JSON/],
      ['{"a": 1}\n{"a": ', /Line 2 of this JSON Lines file is not valid JSON/],
      ['"text"', /holds a string, not a table/],
    ];
    for (const [text, message] of cases) {
      const load = loadTable(tempFile(text, '.json'));
      await expect(load).rejects.toThrow(DataError);
      await expect(load).rejects.toThrow(message);
    }
  });

  it('runs on the finest date column when a year column stands beside full dates', async () => {
    // vega-datasets' unemployment by industry: series, year, month, count and an ISO date per record.
    const rows = ['Finance', 'Mining'].flatMap((series) =>
      Array.from({ length: 36 }, (_, i) => ({
        series,
        year: 2000 + Math.floor(i / 12),
        month: (i % 12) + 1,
        count: 100 + i,
        date: new Date(Date.UTC(2000, i, 1, 8)).toISOString(),
      })),
    );
    const { summary } = await loadTable(tempFile(JSON.stringify(rows), '.json'));
    expect(summary.timeColumn).toBe('date');
    expect(summary.layout).toBe('long');
    expect(summary.idColumn).toBe('series');
    expect(summary.frequency).toBe('monthly');
  });

  it('reads a CSV whose first name starts with a bracket as the CSV it is', async () => {
    const rows = [
      '[time],[value]',
      ...Array.from({ length: 20 }, (_, i) => `2020-01-${String(i + 1).padStart(2, '0')},${i}`),
    ];
    const { table, summary } = await loadTable(tempFile(rows.join('\n'), '.csv'));
    expect(summary.format).toBe('csv');
    expect(table.columns.map((c) => c.name)).toEqual(['[time]', '[value]']);
    expect(table.rowCount).toBe(20);
  });
});
