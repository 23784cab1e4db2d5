import { describe, expect, it } from 'vitest';
import { outline, sparkline } from '../../../src-main/data/summary/column-stats';
import { loadTable } from '../../../src-main/data/import/load-table';
import { tempFile } from '../helpers';

describe("the Data view's outline of a column", () => {
  it('keeps every value of a short column, missing ones left out, at their rows', () => {
    expect(outline(Float64Array.from([3, NaN, 5, 1]), 10)).toEqual({ at: [1, 3, 4], values: [3, 5, 1] });
  });

  it('keeps the season of a long monthly series that 64 evenly spaced samples turn into a slow wave', () => {
    // 1,200 months of a pure 12-month cycle: every 64-point sample lands on a few phases only.
    const v = Float64Array.from({ length: 1200 }, (_, i) => Math.sin((2 * Math.PI * i) / 12));
    const spark = sparkline(v);
    const range = (xs: readonly number[]) => Math.max(...xs) - Math.min(...xs);
    const line = outline(v, 1000);
    expect(line.values.length).toBeLessThanOrEqual(1000);
    expect(range(line.values)).toBeCloseTo(2, 5);
    // Each stretch's lowest and highest, in row order, at their true rows.
    for (let i = 1; i < line.at.length; i++) expect(line.at[i]).toBeGreaterThan(line.at[i - 1]);
    line.at.forEach((row, i) => expect(line.values[i]).toBe(v[row - 1]));
    // The evenly spaced sample lands on only a few phases of the cycle.
    expect(new Set(spark.map((x) => x.toFixed(6))).size).toBeLessThan(12);
  });

  it('keeps a single spike in a long column', () => {
    const v = new Float64Array(100_000).fill(1);
    v[54_321] = 500;
    expect(Math.max(...outline(v, 1000).values)).toBe(500);
    expect(Math.max(...sparkline(v))).toBe(1);
  });

  it('comes with the summary of a file, within a shared budget', async () => {
    const rows = ['t,a,b', ...Array.from({ length: 3000 }, (_, i) => `${i},${i % 7},${-i}`)];
    const { summary } = await loadTable(tempFile(rows.join('\n')));
    const a = summary.columns.find((c) => c.name === 'a')!;
    expect(a.outline!.values.length).toBeLessThanOrEqual(1000);
    expect(Math.max(...a.outline!.values)).toBe(6);
    expect(summary.columns.find((c) => c.name === 'b')!.outline!.at[0]).toBe(1);
  });
});
