import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTf } from '../../../src-main/tensorflow/load-tf';
import { classifyText, generateText } from '../../../src-main/model-use/text-inference';
import type { GenerationEvaluation } from '../../../src-main/shared/types';
import { runSpec } from './run-helper';

let dir = '';
let runDir = '';
let evaluation: GenerationEvaluation;
let headline: Record<string, number> = {};
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'generation-'));
  // One sentence over and over: a model that learned it continues any prompt exactly.
  const file = path.join(dir, 'corpus.txt');
  await writeFile(file, 'the cat sat on the mat .\n'.repeat(150));
  const result = await runSpec(dir, 'words', {
    task: 'text-generation',
    data: { file, targetColumns: ['text'], text: { tokens: 'word', maxLength: 4 } },
    model: { cell: 'GRU', layers: [{ units: 16 }], embeddingDim: 8 },
    training: { epochs: 8, batchSize: 32, optimizer: { learningRate: 0.02 }, seed: 4 },
  });
  if (result.error) throw new Error(result.error);
  evaluation = result.evaluation as GenerationEvaluation;
  headline = result.headline;
  runDir = path.join(dir, 'words');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('text generation', () => {
  it('reports perplexity, a sample and BLEU of held-out continuations', () => {
    expect(evaluation.kind).toBe('generation');
    // 9 vocabulary entries; a model that learned the sentence is nearly certain of every next word.
    expect(evaluation.perplexity).toBeGreaterThanOrEqual(1);
    expect(evaluation.perplexity).toBeLessThan(1.5);
    expect(evaluation.bleu).toBeGreaterThan(0.8);
    expect(evaluation.bleu).toBeLessThanOrEqual(1);
    expect(evaluation.sample).toMatch(/the cat sat on the mat\./);
    expect(headline).toEqual({ perplexity: evaluation.perplexity, bleu: evaluation.bleu });
  });

  it('continues a typed seed with the learned text, repeatably for a fixed random seed', async () => {
    const { tf } = await loadTf();
    const tensors = tf.memory().numTensors;
    const options = { seed: 'sat on the mat', length: 12, temperature: 0.5, randomSeed: 9 };
    const first = await generateText(runDir, options);
    // The model is loaded and freed per call: nothing stays behind.
    expect(tf.memory().numTensors).toBe(tensors);
    expect(first.runId).toBe('words');
    expect(first.text.startsWith('sat on the mat.\nthe cat sat on the mat')).toBe(true);
    expect(await generateText(runDir, options)).toEqual(first);
    // Only words of the corpus come out (never padding or out-of-vocabulary markers).
    const generated = first.text.split(/\s+|(?=\.)/).filter((w) => w !== '');
    for (const w of generated) expect(['the', 'cat', 'sat', 'on', 'mat', '.']).toContain(w);
  });

  it('refuses to classify with a generator', async () => {
    await expect(classifyText(runDir, 'the cat')).rejects.toThrow(/text-classification model/);
  });
});
