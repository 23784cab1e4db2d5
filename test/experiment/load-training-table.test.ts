import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadTrainingTable } from '../../src-main/experiment/load-training-table';
import { parseSpec } from '../../src-main/shared/spec';
import type { ExperimentSpec } from '../../src-main/shared/spec';

let dir = '';
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'load-training-table-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function forecastSpec(file: string): ExperimentSpec {
  const r = parseSpec({ data: { file, targetColumns: ['target'] } });
  if (!r.ok) throw new Error(r.problems.map((p) => p.message).join(' '));
  return r.spec;
}

describe('loadTrainingTable', () => {
  it('reads the file with progress and keeps only the columns the forecast uses', async () => {
    const file = path.join(dir, 'wide.csv');
    const rows = Array.from({ length: 50 }, (_, i) => `${i},${2 * i},${i % 7}`);
    await writeFile(file, `a,b,target\n${rows.join('\n')}\n`);
    const shares: number[] = [];
    const table = await loadTrainingTable(forecastSpec(file), undefined, (f) => shares.push(f));
    expect(table.columns.map((c) => c.name)).toEqual(['target']);
    expect(table.rowCount).toBe(50);
    expect(Array.from(table.columns[0].values as ArrayLike<number>).slice(0, 8)).toEqual([0, 1, 2, 3, 4, 5, 6, 0]);
    expect(shares.length).toBeGreaterThan(0);
  });

  it('uses a table the caller read already instead of reading the file again', async () => {
    const given = {
      rowCount: 2,
      columns: [
        { name: 'target', type: 'numeric' as const, values: Float64Array.from([1, 2]) },
        { name: 'other', type: 'numeric' as const, values: Float64Array.from([3, 4]) },
      ],
    };
    const table = await loadTrainingTable(forecastSpec(path.join(dir, 'absent.csv')), given as never, () => undefined);
    expect(table.columns.map((c) => c.name)).toEqual(['target']);
    expect(table.columns[0]).toBe(given.columns[0]);
  });
});
