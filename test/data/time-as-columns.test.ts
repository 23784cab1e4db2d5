import { describe, expect, it } from 'vitest';
import { loadTable } from '../../src-main/data/import/load-table';
import { column } from '../../src-main/data/table';
import { numbers, strings, tempFile } from './helpers';

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

describe('one series per row, a column per time', () => {
  it("reads the World Bank's layout as one yearly series per country, missing years at the ends left out", async () => {
    const years = Array.from({ length: 10 }, (_, i) => 2000 + i);
    const header = ['Country Name', 'Country Code', 'Indicator Name', ...years.map(String)].map((h) => `"${h}"`);
    const row = (name: string, code: string, values: string[]) =>
      [name, code, 'Fertility rate, total', ...values].map((v) => `"${v}"`).join(',') + ',';
    const csv = [
      header.join(',') + ',',
      row('Aruba', 'ABW', ['', '', '2.1', '2.2', '2.3', '2.4', '2.5', '2.6', '2.7', '']),
      row(
        'Japan',
        'JPN',
        years.map((y) => String((y - 1990) / 10)),
      ),
    ].join('\n');
    const { table, summary } = await loadTable(tempFile(csv));
    expect(table.columns.map((c) => c.name)).toEqual(['Country Name', 'year', 'value']);
    expect(summary.layout).toBe('long');
    expect(summary.idColumn).toBe('Country Name');
    expect(summary.frequency).toBe('yearly');
    expect(table.rowCount).toBe(7 + 10);
    expect(numbers(column(table, 'year')).map(iso).slice(0, 2)).toEqual(['2002-01-01', '2003-01-01']);
    expect(numbers(column(table, 'value')).slice(0, 2)).toEqual([2.1, 2.2]);
    expect(strings(column(table, 'Country Name')).at(-1)).toBe('Japan');
    const note = summary.problems.map((p) => p.message).join(' ');
    expect(note).toContain("a column per year ('2000' … '2009'): it is read as 2 series named by 'Country Name'");
    expect(note).toContain("'Country Code', 'Indicator Name'");
  });

  it('reads months as column names, and two label columns together when neither alone tells the rows apart', async () => {
    const months = Array.from({ length: 8 }, (_, i) => `2024-${String(i + 1).padStart(2, '0')}`);
    const rows = [
      ['region', 'product', ...months].join(','),
      ...['north,tea', 'north,coffee', 'south,tea', 'south,coffee'].map(
        (id, k) => `${id},${months.map((_, i) => 10 * k + i).join(',')}`,
      ),
    ];
    const { table, summary } = await loadTable(tempFile(rows.join('\n')));
    expect(summary.idColumn).toBe('region + product');
    expect(summary.frequency).toBe('monthly');
    expect(new Set(strings(column(table, 'region + product')))).toEqual(
      new Set(['north / tea', 'north / coffee', 'south / tea', 'south / coffee']),
    );
    expect(table.rowCount).toBe(32);
  });

  it('leaves a series table with a time column, and numbered columns that are not times, as they are', async () => {
    const dated = [
      'date,a,b,c,d,e,f',
      ...Array.from({ length: 10 }, (_, i) => `2020-01-${String(i + 1).padStart(2, '0')},1,2,3,4,5,6`),
    ];
    expect((await loadTable(tempFile(dated.join('\n')))).table.rowCount).toBe(10);
    const sensors = ['name,1,2,3,4,5,6,7', ...Array.from({ length: 5 }, (_, i) => `s${i},1,2,3,4,5,6,7`)];
    expect((await loadTable(tempFile(sensors.join('\n')))).table.rowCount).toBe(5);
  });
});
