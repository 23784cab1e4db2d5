/** The data view names every season of the series a forecast would take, from the file's rows in time order. */
import { describe, expect, it } from 'vitest';
import { loadTable } from '../../src-main/data/import/load-table';
import { withSeasons } from '../../src-main/forecast/seasons-summary';
import { tempFile } from '../data/helpers';

function dailyCsv(days: number, value: (i: number) => number, shuffle = false): string {
  const rows = Array.from({ length: days }, (_, i) => {
    const date = new Date(Date.UTC(2019, 0, 1 + i)).toISOString().slice(0, 10);
    return `${date},${value(i).toFixed(3)}`;
  });
  // Reversed rows: the seasons are read in time order, not file order.
  if (shuffle) rows.reverse();
  return ['date,load', ...rows].join('\n');
}

describe('seasons in the data summary', () => {
  it('names the weekly and the yearly season of three years of daily data, in any row order', async () => {
    const value = (i: number) =>
      100 + 20 * Math.sin((2 * Math.PI * i) / 365.25) + 5 * Math.sin((2 * Math.PI * i) / 7) + ((i * 7919) % 13) / 13;
    const { summary } = withSeasons(await loadTable(tempFile(dailyCsv(3 * 365, value, true))));
    expect(summary.seasons?.column).toBe('load');
    expect(summary.seasons?.labels).toEqual(['7 days', '1 year']);
    expect(summary.seasons?.reason).toMatch(/^Seasons: 7 days and 1 year/);
  });

  it('says none is clear for a series without a season, and gives none for yearly files', async () => {
    const flat = withSeasons(await loadTable(tempFile(dailyCsv(100, (i) => ((i * 7919) % 101) / 101))));
    expect(flat.summary.seasons?.labels).toEqual([]);
    expect(flat.summary.seasons?.reason).toMatch(/No clear season/);
    const yearly = withSeasons(await loadTable(tempFile('year,flow\n2000,1\n2001,2\n2002,3\n2003,2\n')));
    expect(yearly.summary.seasons?.labels ?? []).toEqual([]);
  });
});
