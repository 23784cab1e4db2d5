/** The real sample files shipped with the app: each must import with the layout it stands for. */
import { describe, expect, it } from 'vitest';
import { loadTable } from '../../src-main/data/import/load-table';
import { column } from '../../src-main/data/table';
import { numbers } from './helpers';

const sample = (name: string) => new URL(`../../resources/samples/${name}`, import.meta.url).pathname;

describe('sample files', () => {
  it('nile-yearly: a single yearly series', async () => {
    const { table, summary } = await loadTable(sample('nile-yearly.csv'));
    expect(summary.layout).toBe('single');
    expect(summary.timeColumn).toBe('year');
    expect(summary.frequency).toBe('yearly');
    expect(summary.rows).toBe(100);
    expect(summary.columns.find((c) => c.name === 'year')?.format).toBe('year');
    expect(new Date(numbers(column(table, 'year'))[0]).getUTCFullYear()).toBe(1871);
    const volume = summary.columns.find((c) => c.name === 'volume')!;
    expect(volume.type).toBe('numeric');
    expect(volume.sparkline).toHaveLength(64);
    expect(summary.problems.filter((p) => p.severity !== 'info')).toEqual([]);
  });

  it('us-employment-monthly: several different variables, monthly', async () => {
    const { summary } = await loadTable(sample('us-employment-monthly.csv'));
    expect(summary.layout).toBe('multivariate');
    expect(summary.timeColumn).toBe('month');
    expect(summary.frequency).toBe('monthly');
    expect(summary.gaps).toBe(0);
    expect(summary.columns.filter((c) => c.type === 'numeric')).toHaveLength(23);
  });

  it('elnino-monthly-wide: a column per month, read as one monthly series', async () => {
    const { summary } = await loadTable(sample('elnino-monthly-wide.csv'));
    expect(summary.layout).toBe('single');
    expect(summary.timeColumn).toBe('month');
    expect(summary.frequency).toBe('monthly');
    expect(summary.rows).toBe(61 * 12);
  });

  it('iowa-electricity-long: one series per source', async () => {
    const { summary } = await loadTable(sample('iowa-electricity-long.csv'));
    expect(summary.layout).toBe('long');
    expect(summary.idColumn).toBe('source');
    expect(summary.timeColumn).toBe('year');
    expect(summary.frequency).toBe('yearly');
    // Years repeat across sources, not within one: no duplicates reported.
    expect(summary.duplicateTimestamps).toBe(0);
  });
});
