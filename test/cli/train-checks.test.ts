/** `recurrent train` refuses starved settings before training, in words, with exit code 2. */
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from './run-cli';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'cli-checks-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('recurrent train checks before training', () => {
  it('refuses a window that leaves too few training windows, naming the longest that works', async () => {
    const csv = path.join(dir, 'yearly.csv');
    const rows = Array.from({ length: 100 }, (_, i) => `${1900 + i}-01-01,${100 + (i % 7)}`);
    await writeFile(csv, ['year,flow', ...rows].join('\n'));
    const spec = path.join(dir, 'spec.json');
    await writeFile(
      spec,
      JSON.stringify({ data: { file: csv, timeColumn: 'year', targetColumns: ['flow'], lookback: 60 } }),
    );
    const out = path.join(dir, 'run');
    const r = await cli('train', '--spec', spec, '--out', out);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/leaves 10 training windows/);
    expect(r.err).toMatch(/at most 40 steps/);
    expect(r.err).not.toContain('data.lookback');
    // Nothing was trained, so nothing was written.
    await expect(stat(out)).rejects.toThrow();
  });

  it('names invalid fields by their labels', async () => {
    const spec = path.join(dir, 'bad.json');
    await writeFile(
      spec,
      JSON.stringify({ data: { file: '/x.csv', targetColumns: ['y'] }, model: { layers: [{ units: 0 }] } }),
    );
    const r = await cli('train', '--spec', spec, '--out', path.join(dir, 'never'));
    expect(r.code).toBe(2);
    expect(r.err).toContain('Layer 1 units must be at least 1.');
    expect(r.err).not.toContain('model.layers.0.units');
  });
});
