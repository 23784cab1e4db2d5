/** Columns of numbers that read as categories say why in `inspect`: the cells that are not numbers. */
import { describe, expect, it } from 'vitest';
import { loadTable } from '../../src-main/data/import/load-table';
import { tempFile } from './helpers';

const rows = (n: number, cell: (i: number) => string) =>
  Array.from({ length: n }, (_, i) => `2020-01-${String((i % 28) + 1).padStart(2, '0')},${cell(i)}`).join('\n');

describe('mixed-type columns', () => {
  it('names the infinite values that made a numeric column categorical', async () => {
    const csv = `date,flow\n${rows(40, (i) => (i % 8 === 3 ? 'inf' : String(i * 1.5)))}\n`;
    const { summary } = await loadTable(tempFile(csv, '.csv'));
    expect(summary.columns.find((c) => c.name === 'flow')?.type).toBe('categorical');
    const note = summary.problems.find((p) => p.column === 'flow');
    expect(note?.message).toBe(
      "Column 'flow' is read as categories: 35 of 40 values are numbers, but 5 are not ('inf'). Infinite values are not numbers a model can learn from. To use it as numbers, fix those cells or set the column's type to numeric (they then count as missing values).",
    );
  });

  it('lists the most frequent non-numbers of a mixed column, without blaming infinity', async () => {
    // '#DIV/0!' is a spreadsheet error: read as a missing value, so it is not counted against the column.
    const cell = (i: number) => (i % 5 === 0 ? '#DIV/0!' : i % 7 === 0 ? '12 kg' : i % 11 === 0 ? '1.2.3' : String(i));
    const { summary } = await loadTable(tempFile(`date,weight\n${rows(60, cell)}\n`, '.csv'));
    const note = summary.problems.find((p) => p.column === 'weight');
    expect(note?.message).toMatch(
      /^Column 'weight' is read as categories: 37 of 48 values are numbers, but 11 are not \('12 kg', '1\.2\.3'\)\. To use it/,
    );
  });

  it('says nothing about real categories, nor about numbers with NaN (read as missing)', async () => {
    const labels = await loadTable(tempFile(`date,label\n${rows(30, (i) => ['low', 'mid', 'high'][i % 3])}\n`, '.csv'));
    expect(labels.summary.problems.filter((p) => p.column === 'label')).toEqual([]);
    const withNaN = await loadTable(
      tempFile(`date,v\n${rows(30, (i) => (i % 6 === 0 ? 'NaN' : String(i)))}\n`, '.csv'),
    );
    expect(withNaN.summary.columns.find((c) => c.name === 'v')?.type).toBe('numeric');
  });
});
