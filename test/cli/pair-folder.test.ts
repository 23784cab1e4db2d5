/**
 * The command line on a folder of pairs: `inspect` says what it holds, `init` proposes sequence to
 * sequence with the folder's two sides, `train --data DIR` trains on it, and a folder whose files
 * do not line up is refused with the sentence and exit code 2.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from './run-cli';

const DIGITS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

let dir = '';
let pairs = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rs-cli-pairs-'));
  pairs = join(dir, 'spelled-digits');
  await mkdir(pairs);
  // 150 numbers, each spelled digit by digit ("four two") beside its digits ("42").
  const numbers = Array.from({ length: 150 }, (_, i) => (i * 37 + 11) % 1000);
  await writeFile(
    join(pairs, 'source.txt'),
    `${numbers.map((n) => [...String(n)].map((d) => DIGITS[Number(d)]).join(' ')).join('\n')}\n`,
  );
  await writeFile(join(pairs, 'target.txt'), `${numbers.join('\n')}\n`);
  await writeFile(join(pairs, 'README'), 'Numbers spelled digit by digit.');
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('recurrent on a folder of pairs', () => {
  it('inspect shows the pairs and proposes sequence to sequence', async () => {
    const r = await cli('inspect', pairs);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toContain('Layout:     pairs');
    expect(r.out).toContain('Task:       sequence-to-sequence');
    expect(r.out).toContain(
      "150 pairs from line-aligned files, line by line: 'source.txt' (source) and 'target.txt' (target)",
    );
  });

  it('init proposes the two sides and train --data DIR trains on them', async () => {
    const specPath = join(dir, 'spec.json');
    const init = await cli('init', '--data', pairs, '--out', specPath);
    expect(init.code, init.err).toBe(0);
    const spec = JSON.parse(await readFile(specPath, 'utf8')) as {
      task: string;
      data: { text: { column: string }; targetColumns: string[] };
      model: { layers: { units: number }[] };
      training: { epochs: number };
    };
    expect(spec.task).toBe('sequence-to-sequence');
    expect([spec.data.text.column, spec.data.targetColumns[0]]).toEqual(['source', 'target']);
    // A small network and one epoch: this checks the route, not the quality.
    spec.model.layers = [{ units: 8 }];
    await writeFile(specPath, JSON.stringify(spec));
    const run = join(dir, 'run');
    const trained = await cli('train', '--spec', specPath, '--data', pairs, '--out', run, '--epochs', '1');
    expect(trained.code, trained.err).toBe(0);
    const metrics = JSON.parse(await readFile(join(run, 'metrics.json'), 'utf8')) as Record<string, unknown>;
    expect(JSON.stringify(metrics)).toContain('exactMatch');
  }, 300_000);

  it('refuses files whose lines do not line up, with exit code 2', async () => {
    const bad = join(dir, 'uneven');
    await mkdir(bad);
    await writeFile(join(bad, 'train.en'), 'Go.\nHi.\nRun!\n');
    await writeFile(join(bad, 'train.fr'), 'Va !\nSalut !\n');
    const r = await cli('inspect', bad);
    expect(r.code).toBe(2);
    expect(r.err).toContain("'train.en' has 3 lines and 'train.fr' has 2 lines");
  });
});
