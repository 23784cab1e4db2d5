import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { DataError } from '../../src-main/data/data-error';
import { loadTable } from '../../src-main/data/import/load-table';
import { column } from '../../src-main/data/table';
import { numbers, strings, tempPath } from './helpers';

async function workbook(): Promise<string> {
  const wb = new ExcelJS.Workbook();
  const first = wb.addWorksheet('Readme');
  first.addRow(['note']);
  first.addRow(['This workbook holds sales.']);
  const ws = wb.addWorksheet('Sales');
  ws.addRow(['month', 'units', 'store', 'price']);
  ws.addRow([new Date(Date.UTC(2021, 0, 1)), 10, 'north', { formula: 'B2*2', result: 20 }]);
  ws.addRow([
    new Date(Date.UTC(2021, 1, 1)),
    12,
    { richText: [{ text: 'so' }, { text: 'uth' }] },
    { formula: 'B3*2', result: 24 },
  ]);
  ws.addRow([new Date(Date.UTC(2021, 2, 1)), null, 'north', { error: '#N/A' }]);
  const path = tempPath('.xlsx');
  await wb.xlsx.writeFile(path);
  return path;
}

describe('xlsx import', () => {
  it('lists sheets, reads the first by default and a chosen one on request', async () => {
    const path = await workbook();
    const first = await loadTable(path);
    expect(first.summary.format).toBe('xlsx');
    expect(first.summary.sheets).toEqual(['Readme', 'Sales']);
    expect(first.summary.sheet).toBe('Readme');
    expect(first.summary.layout).toBe('text');

    const { table, summary } = await loadTable(path, { sheet: 'Sales' });
    expect(summary.sheet).toBe('Sales');
    expect(summary.rows).toBe(3);
    expect(column(table, 'month').type).toBe('datetime');
    expect(numbers(column(table, 'month')).map((t) => new Date(t).toISOString().slice(0, 10))).toEqual([
      '2021-01-01',
      '2021-02-01',
      '2021-03-01',
    ]);
    expect(numbers(column(table, 'units'))).toEqual([10, 12, NaN]);
    expect(strings(column(table, 'store'))).toEqual(['north', 'south', 'north']);
    // Formula cells read as their cached results; error cells as missing.
    expect(numbers(column(table, 'price'))).toEqual([20, 24, NaN]);
    expect(summary.frequency).toBe('monthly');
    expect(summary.id).not.toBe(first.summary.id);
  });

  it('names the sheets when the requested one does not exist', async () => {
    const path = await workbook();
    const err = await loadTable(path, { sheet: 'Costs' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DataError);
    expect((err as Error).message).toBe("This workbook has no sheet named 'Costs'. Its sheets are: Readme, Sales.");
  });
});
