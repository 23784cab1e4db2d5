import { describe, expect, it } from 'vitest';
import { loadTable } from '../../src-main/data/import/load-table';
import { column } from '../../src-main/data/table';
import { numbers, tempFile } from './helpers';

const iso = (t: number) => new Date(t).toISOString();

/** Each case: column name, two cells, the expected UTC instants and the reported format. */
const CASES: { name: string; cells: [string, string]; expect: [string, string]; format: string }[] = [
  {
    name: 'date',
    cells: ['2001-01-01', '2001-01-02'],
    expect: ['2001-01-01T00:00:00.000Z', '2001-01-02T00:00:00.000Z'],
    format: 'ISO date',
  },
  {
    name: 'when',
    cells: ['2020-03-01T12:30:00Z', '2020-03-01 13:30'],
    expect: ['2020-03-01T12:30:00.000Z', '2020-03-01T13:30:00.000Z'],
    format: 'ISO date',
  },
  {
    name: 'stamp',
    cells: ['2020-03-01T12:00:00+02:00', '2020-03-01T12:00:00-01:00'],
    expect: ['2020-03-01T10:00:00.000Z', '2020-03-01T13:00:00.000Z'],
    format: 'ISO date',
  },
  {
    name: 'day',
    cells: ['2012/01/01', '2012/01/02'],
    expect: ['2012-01-01T00:00:00.000Z', '2012-01-02T00:00:00.000Z'],
    format: 'YYYY/MM/DD',
  },
  {
    name: 'day',
    cells: ['Jan-1-1995', 'Feb-15-1995'],
    expect: ['1995-01-01T00:00:00.000Z', '1995-02-15T00:00:00.000Z'],
    format: 'month name, day, year',
  },
  {
    name: 'day',
    cells: ['19580329', '19580330'],
    expect: ['1958-03-29T00:00:00.000Z', '1958-03-30T00:00:00.000Z'],
    format: 'YYYYMMDD',
  },
  {
    name: 'year',
    cells: ['1871', '1872'],
    expect: ['1871-01-01T00:00:00.000Z', '1872-01-01T00:00:00.000Z'],
    format: 'year',
  },
  {
    name: 'quarter',
    cells: ['1995Q1', '1995Q2'],
    expect: ['1995-01-01T00:00:00.000Z', '1995-04-01T00:00:00.000Z'],
    format: 'year-quarter',
  },
  {
    name: 'quarter',
    cells: ['1995 Q3', '1995 Q4'],
    expect: ['1995-07-01T00:00:00.000Z', '1995-10-01T00:00:00.000Z'],
    format: 'year-quarter',
  },
  {
    name: 'timestamp',
    cells: ['1600000000', '1600003600'],
    expect: ['2020-09-13T12:26:40.000Z', '2020-09-13T13:26:40.000Z'],
    format: 'Unix seconds',
  },
  {
    name: 'month',
    cells: ['2019-11', '2019-12'],
    expect: ['2019-11-01T00:00:00.000Z', '2019-12-01T00:00:00.000Z'],
    format: 'year-month',
  },
  {
    name: 'sold',
    cells: ['12/2019', '01/2020'],
    expect: ['2019-12-01T00:00:00.000Z', '2020-01-01T00:00:00.000Z'],
    format: 'MM/YYYY',
  },
  {
    name: 'month',
    cells: ['11.2019', '12.2019'],
    expect: ['2019-11-01T00:00:00.000Z', '2019-12-01T00:00:00.000Z'],
    format: 'MM.YYYY',
  },
  {
    name: 'day',
    cells: ['12/31/2019', '01/01/2020'],
    expect: ['2019-12-31T00:00:00.000Z', '2020-01-01T00:00:00.000Z'],
    format: 'MM/DD/YYYY',
  },
  {
    name: 'day',
    cells: ['31/12/2019', '01/01/2020'],
    expect: ['2019-12-31T00:00:00.000Z', '2020-01-01T00:00:00.000Z'],
    format: 'DD/MM/YYYY',
  },
  {
    name: 'period',
    cells: ['Mar 2001', 'Apr 2001'],
    expect: ['2001-03-01T00:00:00.000Z', '2001-04-01T00:00:00.000Z'],
    format: 'month name and year',
  },
  {
    // A spreadsheet's "mmm-yy" display, as its CSV export writes it: 00–29 are this century.
    name: 'month',
    cells: ['Dec-99', 'Jan-00'],
    expect: ['1999-12-01T00:00:00.000Z', '2000-01-01T00:00:00.000Z'],
    format: 'month name and two-digit year',
  },
  {
    name: 'day',
    cells: ['31-Dec-64', '1-Jan-65'],
    expect: ['1964-12-31T00:00:00.000Z', '1965-01-01T00:00:00.000Z'],
    format: 'day, month name, two-digit year',
  },
];

describe('date formats', () => {
  for (const c of CASES) {
    it(`reads ${c.cells[0]} as ${c.format}`, async () => {
      const { table, summary } = await loadTable(tempFile(`${c.name},value\n${c.cells[0]},1\n${c.cells[1]},2\n`));
      const col = column(table, c.name);
      expect(col.type).toBe('datetime');
      expect(numbers(col).map(iso)).toEqual(c.expect);
      expect(summary.columns[0].format).toBe(c.format);
    });
  }

  it('keeps plain numbers numeric when the column name does not say time', async () => {
    const { table } = await loadTable(tempFile('population,value\n1871,1\n1650,2\n'));
    expect(column(table, 'population').type).toBe('numeric');
    // Decimals that happen to look like month.year are numbers unless the name says time.
    const rates = await loadTable(tempFile('rate,value\n3.1415,1\n2.1828,2\n'));
    expect(column(rates.table, 'rate').type).toBe('numeric');
  });

  it('rejects impossible dates as bad values, not as shifted dates', async () => {
    const rows = Array.from({ length: 30 }, (_, i) => `2001-01-${String(i + 1).padStart(2, '0')},${i}`);
    rows.push('2001-02-30,99');
    const { table, summary } = await loadTable(tempFile(`date,value\n${rows.join('\n')}\n`));
    const t = numbers(column(table, 'date'));
    expect(Number.isNaN(t[30])).toBe(true);
    const p = summary.problems.find((x) => x.column === 'date' && x.message.includes('2001-02-30'));
    expect(p?.line).toBe(32);
  });
});
