/** `recurrent train --ensemble N` and `recurrent init`'s ensemble size. */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from './run-cli';

let dir = '';
let csv = '';
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'cli-ensemble-'));
  csv = path.join(dir, 'yearly.csv');
  const rows = Array.from({ length: 100 }, (_, i) => `${1900 + i}-01-01,${100 + (i % 7) + i / 10}`);
  await writeFile(csv, ['year,flow', ...rows].join('\n'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('recurrent train --ensemble', () => {
  it('trains that many networks into one model; init writes an ensemble size of 1', async () => {
    const init = await cli('init', '--data', csv);
    expect(init.code).toBe(0);
    const spec = JSON.parse(init.out) as { training: { ensemble: number; epochs: number } };
    expect(spec.training.ensemble).toBe(1);
    const specFile = path.join(dir, 'spec.json');
    await writeFile(specFile, JSON.stringify({ ...spec, model: { cell: 'GRU', layers: [{ units: 4 }] } }));
    const out = path.join(dir, 'run');
    const r = await cli('train', '--spec', specFile, '--out', out, '--epochs', '1', '--ensemble', '2');
    expect(r.err).not.toMatch(/error/i);
    expect(r.code).toBe(0);
    const used = JSON.parse(await readFile(path.join(out, 'spec.json'), 'utf8')) as typeof spec;
    expect(used.training.ensemble).toBe(2);
    const model = JSON.parse(await readFile(path.join(out, 'model', 'model.json'), 'utf8')) as {
      modelTopology: { config: { layers: { name: string }[] } };
    };
    const names = model.modelTopology.config.layers.map((l) => l.name);
    expect(names).toContain('member_1_output');
    expect(names).toContain('member_2_output');
    expect(names).toContain('median');
  });

  it('refuses a size outside 1 to 9, and an ensemble for another task, in words', async () => {
    const specFile = path.join(dir, 'classes.json');
    await writeFile(
      specFile,
      JSON.stringify({ task: 'text-generation', data: { file: csv, targetColumns: ['flow'] } }),
    );
    const big = await cli('train', '--spec', specFile, '--out', path.join(dir, 'never'), '--ensemble', '12');
    expect(big.code).toBe(2);
    expect(big.err).toContain('--ensemble must be a whole number from 1 to 9, not "12".');
    const other = await cli('train', '--spec', specFile, '--out', path.join(dir, 'never'), '--ensemble', '3');
    expect(other.code).toBe(2);
    expect(other.err).toContain('is for forecasts and classification: set the ensemble size to 1 for this task.');
  });
});
