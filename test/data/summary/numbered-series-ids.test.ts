import { describe, expect, it } from 'vitest';
import { loadTable } from '../../../src-main/data/import/load-table';
import { column } from '../../../src-main/data/table';
import { strings, tempFile } from '../helpers';

const day = (i: number) => new Date(Date.UTC(2020, 0, 1 + i)).toISOString().slice(0, 10);

/** A sales file: `days` days per series, series named by `ids` (one cell or two per row). */
function sales(header: string, ids: string[], days = 40): string {
  const rows = [header];
  for (const id of ids) for (let i = 0; i < days; i++) rows.push(`${day(i)},${id},${10 + (i % 7)}`);
  return rows.join('\n');
}

describe('series named by whole numbers or by two columns', () => {
  it('reads a column of whole numbers whose values repeat the time stamps as the series id', async () => {
    const { table, summary } = await loadTable(tempFile(sales('date,store,sales', ['1', '2', '3'])));
    expect(summary.layout).toBe('long');
    expect(summary.idColumn).toBe('store');
    expect(summary.duplicateTimestamps).toBe(0);
    expect(column(table, 'store').type).toBe('categorical');
    expect(strings(column(table, 'store')).slice(39, 41)).toEqual(['1', '2']);
    expect(summary.problems.map((p) => p.message).join(' ')).toContain(
      "'store' holds whole numbers that name 3 series",
    );
  });

  it('joins two columns that together name the series into one id', async () => {
    const { table, summary } = await loadTable(tempFile(sales('date,store,item,sales', ['1,1', '1,2', '2,1', '2,2'])));
    expect(summary.layout).toBe('long');
    expect(summary.idColumn).toBe('store + item');
    expect(new Set(strings(column(table, 'store + item')))).toEqual(new Set(['1 / 1', '1 / 2', '2 / 1', '2 / 2']));
    // Neither part is a measurement any more.
    expect(column(table, 'item').type).toBe('categorical');
    expect(summary.problems.map((p) => p.message).join(' ')).toContain("'store' and 'item' together do (4 series");
  });

  it('leaves files alone where the time does not repeat, a label names the series, or the user set the type', async () => {
    // One series with a small whole-number measurement: no repeated stamps, nothing to name.
    const single = ['date,rooms,load', ...Array.from({ length: 40 }, (_, i) => `${day(i)},${1 + (i % 3)},${i}`)];
    const one = await loadTable(tempFile(single.join('\n')));
    expect(column(one.table, 'rooms').type).toBe('numeric');
    // A label column already names the series; the whole numbers beside it stay numbers.
    const labelled = await loadTable(tempFile(sales('date,shop,sales', ['north', 'south'])));
    expect(labelled.summary.idColumn).toBe('shop');
    expect(column(labelled.table, 'sales').type).toBe('numeric');
    // The user said 'store' is numeric: it stays so.
    const kept = await loadTable(tempFile(sales('date,store,sales', ['1', '2'])), {
      typeOverrides: { store: 'numeric' },
    });
    expect(column(kept.table, 'store').type).toBe('numeric');
  });

  it('does not take a measurement for an id when it does not make the time stamps unique', async () => {
    // Two readings per day from two sensors, with no column naming the sensor: nothing names them.
    const rows = ['date,level,flow'];
    for (let i = 0; i < 40; i++) rows.push(`${day(i)},${i % 4},${i}`, `${day(i)},${i % 4},${i + 1}`);
    const { table, summary } = await loadTable(tempFile(rows.join('\n')));
    expect(column(table, 'level').type).toBe('numeric');
    expect(summary.idColumn).toBeNull();
  });
});
