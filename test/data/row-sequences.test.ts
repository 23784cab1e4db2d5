import { describe, expect, it } from 'vitest';
import { loadTable } from '../../src-main/data/import/load-table';
import { column } from '../../src-main/data/table';
import { numbers, strings, tempFile } from './helpers';

/** A sequence of `n` steps: a rising or a falling ramp with a little wobble. */
const ramp = (up: boolean, n: number, k: number) =>
  Array.from({ length: n }, (_, s) => ((up ? s : n - s) / n + 0.01 * ((k * 7 + s) % 5)).toFixed(3));

describe('one labelled sequence per row', () => {
  it('unfolds the UCR archive layout (no header, the class first) and proposes sequence classification', async () => {
    const rows = Array.from({ length: 30 }, (_, k) => {
      const values = ramp(k % 2 === 0, 24, k);
      // Every third sequence is shorter, padded with NaN to the longest.
      if (k % 3 === 0) values.splice(20, 4, 'NaN', 'NaN', 'NaN', 'NaN');
      return [k % 2 === 0 ? '1' : '-1', ...values].join('\t');
    });
    const { table, summary } = await loadTable(tempFile(rows.join('\n'), '.tsv'));
    expect(table.columns.map((c) => c.name)).toEqual(['sequence', 'step', 'value', 'label']);
    expect(summary.layout).toBe('long');
    expect(summary.idColumn).toBe('sequence');
    expect(summary.proposedTask).toBe('sequence-classification');
    // 10 sequences of 20 steps and 20 of 24.
    expect(table.rowCount).toBe(10 * 20 + 20 * 24);
    expect(strings(column(table, 'label')).slice(0, 1)).toEqual(['1']);
    expect(numbers(column(table, 'step')).slice(18, 22)).toEqual([19, 20, 1, 2]);
    expect(numbers(column(table, 'value'))[0]).toBe(0);
    const note = summary.problems.map((p) => p.message).join(' ');
    expect(note).toContain("'column 1' holds its class (2 classes) and the 24 columns");
    expect(note).toContain('10 shorter ones end at their last value');
  });

  it('reads a header of numbered steps with the label last, and a first line that is a labelled sequence', async () => {
    const header = ['t1', 't2', 't3', 't4', 't5', 't6', 't7', 't8', 't9', 't10', 't11', 't12', 'activity'];
    const rows = Array.from({ length: 20 }, (_, k) => [...ramp(k % 2 === 0, 12, k), k % 2 ? 'sit' : 'walk'].join(','));
    const named = await loadTable(tempFile([header.join(','), ...rows].join('\n')));
    expect(named.summary.proposedTask).toBe('sequence-classification');
    expect(new Set(strings(column(named.table, 'label')))).toEqual(new Set(['sit', 'walk']));
    // Without a header the first line, a label and twelve measurements, is data.
    const bare = await loadTable(tempFile(rows.join('\n')));
    expect(bare.summary.proposedTask).toBe('sequence-classification');
    expect(new Set(strings(column(bare.table, 'sequence'))).size).toBe(20);
  });

  it('leaves tables of different variables as they are, and reads years as column names as series over time', async () => {
    const features = [
      'age',
      'income',
      'height',
      'weight',
      'score',
      'visits',
      'rooms',
      'floors',
      'cars',
      'pets',
      'kids',
    ];
    const people = Array.from({ length: 20 }, (_, k) =>
      [...features.map((_, i) => k + i + 0.5), k % 2 ? 'a' : 'b'].join(','),
    );
    const table = await loadTable(tempFile([[...features, 'group'].join(','), ...people].join('\n')));
    expect(table.table.rowCount).toBe(20);
    // Whole years as names: one series per country over time (time-as-columns.ts), not sequences to classify.
    const years = Array.from({ length: 12 }, (_, i) => 1990 + i);
    const countries = Array.from({ length: 20 }, (_, k) => [`country ${k}`, ...years.map((y) => y + k)].join(','));
    const wide = await loadTable(tempFile([['country', ...years].join(','), ...countries].join('\n')));
    expect(wide.summary.proposedTask).toBe('forecast');
    expect(wide.summary.idColumn).toBe('country');
    expect(wide.table.rowCount).toBe(20 * 12);
  });
});
