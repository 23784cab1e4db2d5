/**
 * `recurrent predict` on a sequence-to-sequence run: the help lists the decoding flags, and bad
 * input at prediction time (an empty source, unknown characters, a source longer than the model
 * reads, wrong flag values) gets a specific sentence instead of a crash or a silent guess.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from './run-cli';

let dir = '';
let run = '';

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'rs-cli-seq2seq-'));
  const lines = (await readFile('resources/samples/dates-written-many-ways.csv', 'utf8')).split('\n');
  const data = join(dir, 'dates.csv');
  await writeFile(data, `${lines.slice(0, 201).join('\n')}\n`);
  const spec = join(dir, 'spec.json');
  await writeFile(
    spec,
    JSON.stringify({
      task: 'sequence-to-sequence',
      data: {
        file: data,
        columnTypes: { written: 'text', iso: 'text' },
        targetColumns: ['iso'],
        text: { column: 'written', tokens: 'char', maxLength: 20 },
      },
      model: { cell: 'GRU', layers: [{ units: 8 }], embeddingDim: 6 },
      training: { epochs: 1, batchSize: 32 },
      seq2seq: { targetMaxLength: 10, attention: 'dot' },
    }),
  );
  run = join(dir, 'run');
  const trained = await cli('train', '--spec', spec, '--out', run);
  if (trained.code !== 0) throw new Error(trained.err);
}, 300_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('recurrent predict for sequence to sequence', () => {
  it('the help lists the decoding flags and the train help the seq2seq settings', async () => {
    const predict = await cli('predict', '--help');
    for (const flag of ['--decoding greedy|beam|sample', '--beam-width N', '--temperature T', '--max-length N']) {
      expect(predict.out).toContain(flag);
    }
    const train = await cli('train', '--help');
    for (const setting of ['targetMaxLength', 'sharedVocabulary', 'attention (none|dot|general)', 'beamWidth']) {
      expect(train.out).toContain(setting);
    }
    expect((await cli('--help')).out).toContain('sequence-to-sequence');
  });

  it('writes an output per source and warns about unknown characters and overlong sources', async () => {
    const r = await cli(
      'predict',
      '--run',
      run,
      '--text',
      'March 4, 2021',
      '--text',
      '4 März 2021 ☃',
      '--text',
      'the fourth of March in the year 2021',
      '--json',
    );
    expect(r.code, r.err).toBe(0);
    const outputs = JSON.parse(r.out) as { source: string; produced: string; warning: string | null }[];
    expect(outputs.map((o) => o.source)).toEqual([
      'March 4, 2021',
      '4 März 2021 ☃',
      'the fourth of March in the year 2021',
    ]);
    expect(outputs[1].warning).toMatch(/never saw the characters .*'ä'.*'☃'.* read as unknown/);
    expect(outputs[2].warning).toMatch(
      /The source is 16 characters longer than the model reads; its start was left out\./,
    );
    for (const o of outputs) expect(o.produced.length).toBeLessThanOrEqual(10);
  });

  it('refuses an empty source with a sentence and exit code 2', async () => {
    const r = await cli('predict', '--run', run, '--text', 'March 4, 2021', '--text', '   ');
    expect(r.code).toBe(2);
    expect(r.err).toContain('Source 2 is empty: type the text the model should rewrite.');
  });

  it('refuses wrong decoding flags with what they must be', async () => {
    const cases: [string[], string][] = [
      [['--decoding', 'best'], '--decoding must be one of greedy, beam, sample, not "best".'],
      [['--temperature', '0'], '--temperature must be a number above 0 and at most 10, not "0".'],
      [['--beam-width', 'two'], '--beam-width'],
      [['--max-length', '-3'], '--max-length'],
    ];
    for (const [flags, message] of cases) {
      const r = await cli('predict', '--run', run, '--text', 'March 4, 2021', ...flags);
      expect(r.code, flags.join(' ')).toBe(2);
      expect(r.err).toContain(message);
    }
  });

  it('asks for sources when none are given', async () => {
    const r = await cli('predict', '--run', run);
    expect(r.code).toBe(2);
    expect(r.err).toContain(
      'A sequence-to-sequence model needs --data FILE (a column of sources) or one or more --text',
    );
  });
});
