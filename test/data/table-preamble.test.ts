import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { loadTable } from '../../src-main/data/import/load-table';
import { isSummaryText, preambleLength } from '../../src-main/data/import/table-preamble';
import { column } from '../../src-main/data/table';
import { numbers, strings, tempFile, tempPath } from './helpers';

const months = (n: number) =>
  Array.from({ length: n }, (_, i) => [
    `20${10 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`,
    100 + i,
  ]);

describe('rows around a table', () => {
  it('counts the title rows above a header from the rows shape', () => {
    const body = months(10).map(([m, v]) => [String(m), String(v)]);
    expect(preambleLength([['Monthly sales'], ['month', 'sales'], ...body])).toBe(1);
    expect(preambleLength([['Report'], ['Unit: EUR', ''], ['month', 'sales'], ...body])).toBe(2);
    // A full first row is the header; one column has no preamble; a wide table keeps a header of half its width.
    expect(preambleLength([['month', 'sales'], ...body])).toBe(0);
    expect(preambleLength([['title'], ['value'], ['1'], ['2'], ['3']])).toBe(0);
    const wide = Array.from({ length: 8 }, () => ['a', 'b', 'c', 'd', '1']);
    expect(preambleLength([['Country', 'France', '', '', ''], ['x', 'y', 'z', 'w', 'v'], ...wide])).toBe(1);
    expect(preambleLength([['x', 'y', '', '', ''], ...wide])).toBe(1);
    expect(preambleLength([['x', 'y', 'z', '', ''], ...wide])).toBe(0);
  });

  it('names the words that start a total row', () => {
    for (const t of ['Total', 'TOTAL 2020', 'Grand total', 'Subtotal', 'Summe', 'Gesamt', 'Average', 'Moyenne'])
      expect(isSummaryText(t)).toBe(true);
    for (const t of ['Totally new', '2020-01', 'Q1', 'Sumatra', 'Means test'].slice(0, 4))
      expect(isSummaryText(t)).toBe(false);
  });

  it('reads a CSV report: the title above and the total and source below are left out, and said so', async () => {
    const rows = months(30).map(([m, v]) => `${m},${v}`);
    const path = tempFile(
      ['Sales report all stores', '', 'month,sales', ...rows, 'Total,99999', 'Source: our books', ''].join('\n'),
    );
    const { table, summary } = await loadTable(path);
    expect(summary.rows).toBe(30);
    expect(column(table, 'month').type).toBe('datetime');
    expect(numbers(column(table, 'sales'))).toEqual(months(30).map(([, v]) => v));
    const messages = summary.problems.map((p) => p.message);
    expect(messages.some((m) => m.includes("The first line ('Sales report all stores') is a title"))).toBe(true);
    expect(
      messages.some((m) => m.includes("The last 2 lines ('Total', 'Source: our books') are a total or a note")),
    ).toBe(true);
    // Nothing else is reported: no short line, no value that is not a date.
    expect(summary.problems.filter((p) => p.severity !== 'info')).toEqual([]);
  });

  it('reads an Excel report the same way, dates and all', async () => {
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Report');
    ws.addRow(['Monthly champagne sales (thousands of bottles)']);
    ws.addRow([]);
    ws.addRow(['Month', 'Sales']);
    for (let i = 0; i < 24; i++) ws.addRow([new Date(Date.UTC(2020, i, 1)), 1000 + i]);
    ws.addRow(['Total', 24_276]);
    ws.addRow(['Source: the cellar book']);
    const path = tempPath('.xlsx');
    await wb.xlsx.writeFile(path);
    const { table, summary } = await loadTable(path);
    expect(summary.rows).toBe(24);
    expect(column(table, 'Month').type).toBe('datetime');
    expect(numbers(column(table, 'Sales')).at(-1)).toBe(1023);
    const messages = summary.problems.map((p) => p.message).join('\n');
    expect(messages).toContain("The first row ('Monthly champagne sales (thousands of bottles)') is a title");
    expect(messages).toContain("The last 2 rows ('Total', 'Source: the cellar book')");
  });

  it('keeps a last row whose time is mistyped but whose values are data, and labels that are words', async () => {
    const rows = months(30).map(([m, v]) => `${m},${v},${v}`);
    const typo = tempFile(['month,a,b', ...rows, 'Dec 2O11,5,6'].join('\n'));
    const first = await loadTable(typo);
    expect(first.summary.rows).toBe(31);
    expect(first.summary.problems.some((p) => p.message.includes("'Dec 2O11'"))).toBe(true);
    // A first column of words is a label, where 'Total' is one more label.
    const labels = tempFile(['store,units', 'north,1', 'south,2', 'east,3', 'Total,6'].join('\n'));
    const second = await loadTable(labels);
    expect(second.summary.rows).toBe(4);
    expect(strings(column(second.table, 'store')).at(-1)).toBe('Total');
  });

  it('leaves out a note below a table whose first column is an id, not a total that is one more label', async () => {
    const rows = Array.from({ length: 20 }, (_, i) => `S${Math.floor(i / 10)},${i % 10},${i / 10}`);
    const { table, summary } = await loadTable(
      tempFile(['shift,minute,load', ...rows, 'Exported by the controller'].join('\n')),
    );
    expect(summary.rows).toBe(20);
    expect(strings(column(table, 'shift')).at(-1)).toBe('S1');
    expect(summary.problems.filter((p) => p.severity !== 'info')).toEqual([]);
  });
});
