import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Seq2seqEvaluation } from '../../../../src-main/shared/types-seq2seq';
import { runSpec } from '../run-helper';

let dir = '';
let data = '';
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'seq2seq-'));
  // The first 400 pairs of the sample: enough for the checks, small enough to train in seconds.
  const lines = (await readFile('resources/samples/dates-written-many-ways.csv', 'utf8')).split('\n').slice(0, 401);
  data = path.join(dir, 'dates.csv');
  await writeFile(data, `${lines.join('\n')}\n`);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('sequence-to-sequence runs', () => {
  it('trains an encoder–decoder with attention and scores outputs it writes itself', async () => {
    const t0 = performance.now();
    const result = await runSpec(dir, 'attn', {
      task: 'sequence-to-sequence',
      data: {
        file: data,
        columnTypes: { written: 'text', iso: 'text' },
        targetColumns: ['iso'],
        text: { column: 'written', tokens: 'char', maxLength: 30 },
      },
      model: { cell: 'GRU', layers: [{ units: 32, bidirectional: true }], embeddingDim: 16 },
      training: { epochs: 2, batchSize: 32, optimizer: { name: 'adam', learningRate: 0.01 } },
      seq2seq: { targetMaxLength: 10, attention: 'dot' },
    });
    console.log((performance.now() - t0) / 1000, result.log.join('\n'));
    expect(result.status, result.error ?? '').toBe('completed');
    const ev = result.evaluation as Seq2seqEvaluation;
    expect(ev.kind).toBe('sequence-to-sequence');
    expect(ev.pairs).toBe(60);
  }, 300_000);
});
