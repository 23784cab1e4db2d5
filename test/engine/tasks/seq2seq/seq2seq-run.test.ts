import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { predictPairsFile, translateTexts } from '../../../../src-main/model-use/seq2seq-inference';
import type { RunResult } from '../../../../src-main/shared/types';
import type { Seq2seqEvaluation } from '../../../../src-main/shared/types-seq2seq';
import { loadTf } from '../../../../src-main/tensorflow/load-tf';
import { runSpec } from '../run-helper';

let dir = '';
let data = '';
let attention: RunResult;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'seq2seq-'));
  // The first 400 pairs of the date sample (one has an empty date): enough for the checks
  // before training, small enough to train in seconds.
  const lines = (await readFile('resources/samples/dates-written-many-ways.csv', 'utf8')).split('\n').slice(0, 401);
  data = path.join(dir, 'dates.csv');
  await writeFile(data, `${lines.join('\n')}\n`);
  attention = await runSpec(dir, 'attn', {
    task: 'sequence-to-sequence',
    data: {
      file: data,
      columnTypes: { written: 'text', iso: 'text' },
      targetColumns: ['iso'],
      text: { column: 'written', tokens: 'char', maxLength: 30 },
    },
    model: { cell: 'GRU', layers: [{ units: 24, bidirectional: true }], embeddingDim: 16 },
    training: { epochs: 3, batchSize: 32, optimizer: { name: 'adam', learningRate: 0.01 } },
    seq2seq: { targetMaxLength: 10, attention: 'dot' },
  });
}, 300_000);
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('sequence-to-sequence runs', () => {
  it('trains with attention and scores the outputs the model writes on its own', () => {
    expect(attention.status, attention.error ?? '').toBe('completed');
    const ev = attention.evaluation as Seq2seqEvaluation;
    expect(ev.kind).toBe('sequence-to-sequence');
    // 399 usable pairs, 15% of them for testing.
    expect(ev.pairs).toBe(59);
    expect(ev.leftOut).toEqual(['1 row with an empty source or target left out.']);
    expect(attention.log).toContain('1 row with an empty source or target left out.');
    expect(ev.exactMatch).toBeGreaterThanOrEqual(0);
    expect(ev.cer).toBeGreaterThanOrEqual(0);
    expect(attention.headline).toEqual({ exactMatch: ev.exactMatch, bleu: ev.bleu, cer: ev.cer });
    // Worst first, and only wrong outputs.
    for (let i = 1; i < ev.worst.length; i++) expect(ev.worst[i - 1].cer).toBeGreaterThanOrEqual(ev.worst[i].cer);
    for (const w of ev.worst) expect(w.produced).not.toBe(w.expected);
    // The heatmap rows cover the source's characters and sum to about 1 (the padding's share is left out).
    const shown = ev.worst.find((w) => w.attention && w.attention.weights.length > 0);
    if (shown?.attention) {
      expect(shown.attention.weights[0]).toHaveLength(Array.from(shown.source.toLowerCase()).length);
      expect(shown.attention.weights[0].reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(1.0001);
      expect(shown.attention.outputTokens.join('')).toBe(shown.produced);
    }
  });

  it('decodes the saved model exactly as the run scored it, without leaking tensors', async () => {
    const { tf } = await loadTf();
    const ev = attention.evaluation as Seq2seqEvaluation;
    const sources = ev.worst.slice(0, 5).map((w) => w.source);
    if (sources.length === 0) return;
    const runDir = path.join(dir, 'attn');
    const first = await translateTexts(tf, runDir, sources);
    expect(first.map((o) => o.produced)).toEqual(ev.worst.slice(0, 5).map((w) => w.produced));
    const before = tf.memory().numTensors;
    await translateTexts(tf, runDir, sources, { method: 'beam', beamWidth: 3 });
    await translateTexts(tf, runDir, sources);
    expect(tf.memory().numTensors).toBe(before);
  });

  it('says which source characters the model never saw and refuses an empty source', async () => {
    const { tf } = await loadTf();
    const runDir = path.join(dir, 'attn');
    const [out] = await translateTexts(tf, runDir, ['4 März 2021 ☃']);
    expect(out.unknownTokens).toEqual(expect.arrayContaining(['ä', '☃']));
    expect(out.warning).toMatch(/never saw the characters .*'ä'.*read as unknown/);
    await expect(translateTexts(tf, runDir, ['  '])).rejects.toThrow(/Source 1 is empty/);
  });

  it('writes an output for every source of a file, leaving empty ones empty', async () => {
    const { tf } = await loadTf();
    const file = path.join(dir, 'new-dates.csv');
    await writeFile(file, 'id,written\n1,"March 4, 2021"\n2,\n3,2021-03-05\n');
    const result = await predictPairsFile(tf, path.join(dir, 'attn'), file, path.join(dir, 'out.csv'));
    expect(result.header).toEqual(['written', 'output', 'unknown_tokens']);
    expect(result.rows).toBe(3);
    expect(result.preview[1]).toEqual(['', '', '']);
    // An ISO date stays as written: the trained column is read as text, not as a date.
    expect(result.preview[2][0]).toBe('2021-03-05');
    expect(result.problems).toContain('1 row has no source; its output is left empty.');
  });

  it('trains a stacked LSTM encoder without attention (its cell state bridged to the decoder)', async () => {
    const result = await runSpec(dir, 'lstm', {
      task: 'sequence-to-sequence',
      data: {
        file: data,
        columnTypes: { written: 'text', iso: 'text' },
        targetColumns: ['iso'],
        text: { column: 'written', tokens: 'char', maxLength: 30 },
      },
      model: {
        cell: 'LSTM',
        layers: [{ units: 16 }, { units: 12, bidirectional: true, merge: 'sum' }],
        embeddingDim: 8,
      },
      training: { epochs: 1, batchSize: 64 },
      seq2seq: { targetMaxLength: 10, attention: 'none', decoding: 'beam', beamWidth: 2 },
    });
    expect(result.status, result.error ?? '').toBe('completed');
    expect(result.log.join('\n')).toMatch(/joins its two directions side by side/);
    const ev = result.evaluation as Seq2seqEvaluation;
    expect(ev.decoding).toBe('beam');
    expect(ev.worst.every((w) => w.attention === undefined)).toBe(true);
  }, 300_000);
});
