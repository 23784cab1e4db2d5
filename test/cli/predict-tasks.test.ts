/**
 * `recurrent predict` for the text tasks and "Predict a file" for a text classifier (the app said
 * it "needs a forecast model"). Two small models are trained once on the samples' texts.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatchPrediction, ClassProbabilities, GeneratedText } from '../../src-main/shared/types-model-use';
import { runSpec } from '../engine/tasks/run-helper';
import { cli } from './run-cli';

const REVIEWS = path.resolve('resources/samples/movie-reviews-sentiment.csv');
const PLAY = path.resolve('resources/samples/shakespeare-coriolanus.txt');
let dir = '';
let classifier = '';
let generator = '';

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'cli-predict-'));
  classifier = path.join(dir, 'sentiment');
  const c = await runSpec(dir, 'sentiment', {
    task: 'text-classification',
    data: { file: REVIEWS, targetColumns: ['sentiment'], text: { column: 'review', tokens: 'word', maxLength: 16 } },
    model: { layers: [{ units: 8 }], embeddingDim: 8 },
    training: { epochs: 2, batchSize: 32, seed: 1 },
  });
  if (c.status !== 'completed') throw new Error(c.error ?? c.status);
  // A short stretch of the play keeps the generator quick to train.
  const excerpt = path.join(dir, 'excerpt.txt');
  await writeFile(excerpt, (await readFile(PLAY, 'utf8')).slice(0, 6000));
  generator = path.join(dir, 'play');
  const g = await runSpec(dir, 'play', {
    task: 'text-generation',
    data: { file: excerpt, targetColumns: ['text'], text: { tokens: 'char', maxLength: 20 } },
    model: { layers: [{ units: 16 }], embeddingDim: 8 },
    training: { epochs: 1, batchSize: 64, seed: 1 },
  });
  if (g.status !== 'completed') throw new Error(g.error ?? g.status);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('recurrent predict with a text classifier', () => {
  it('classifies texts given on the command line, with the unknown-word share and a warning', async () => {
    const r = await cli(
      'predict',
      '--run',
      classifier,
      '--text',
      'The plot was clever.',
      '--text',
      'zxq wobbly frandle',
      '--json',
    );
    expect(r.code).toBe(0);
    const [known, unknown] = JSON.parse(r.out) as (ClassProbabilities & { text: string })[];
    expect(known.classes.map((c) => c.label).sort()).toEqual(['negative', 'positive']);
    expect(known.classes.reduce((s, c) => s + c.probability, 0)).toBeCloseTo(1, 5);
    expect(known.unknownShare).toBeLessThan(0.3);
    expect(known.warning).toBeNull();
    expect(unknown.unknownShare).toBe(1);
    expect(unknown.warning).toMatch(
      /100% of the words here were never seen in training \("zxq", "wobbly", "frandle"\)/,
    );
  });

  it('prints readable lines without --json', async () => {
    const r = await cli('predict', '--run', classifier, '--text', 'Not bad at all.');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^(positive|negative) \d\.\d\d {2}(positive|negative) \d\.\d\d {2}— Not bad at all\.$/);
  });

  it('classifies a file of texts into a CSV (the app’s "Predict a file")', async () => {
    const file = path.join(dir, 'new-reviews.csv');
    await writeFile(file, 'id,review\n1,"The acting was wonderful."\n2,"gronk blarp snee"\n3,\n');
    const out = path.join(dir, 'classified.csv');
    const r = await cli('predict', '--run', classifier, '--data', file, '--out', out, '--json');
    expect(r.code).toBe(0);
    const result = JSON.parse(r.out) as BatchPrediction;
    expect(result.rows).toBe(3);
    expect(result.header).toEqual([
      'review',
      'predicted',
      'probability_negative',
      'probability_positive',
      'unknown_share',
    ]);
    expect(result.problems.join(' ')).toMatch(/1 of 3 texts are mostly words the model never saw/);
    expect(result.problems.join(' ')).toMatch(/1 row has no text/);
    const lines = (await readFile(out, 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(4);
    expect(lines[2]).toMatch(/^gronk blarp snee,(positive|negative),[\d.]+,[\d.]+,1$/);
  });

  it('refuses a file without texts, naming its columns', async () => {
    const file = path.join(dir, 'numbers.csv');
    await writeFile(file, 'a,b\n1,2\n3,4\n');
    const r = await cli('predict', '--run', classifier, '--data', file);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/no column of texts \(the model was trained on 'review'\).*'a' \(numeric\)/);
  });

  it('asks for texts when given neither --data nor --text', async () => {
    const r = await cli('predict', '--run', classifier);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--data FILE .* --text/);
  });
});

describe('the classifier’s evaluation', () => {
  it('stands beside the majority-class baseline', async () => {
    const r = await cli('evaluate', '--run', classifier);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Always answering "(positive|negative)" \(the most common class\): accuracy 0\.\d+/);
    const json = JSON.parse((await cli('evaluate', '--run', classifier, '--json')).out) as {
      evaluation: { majorityBaseline: { label: string; accuracy: number } };
    };
    expect(json.evaluation.majorityBaseline.accuracy).toBeGreaterThanOrEqual(0.5);
  });
});

describe('recurrent predict with a text generator', () => {
  it('continues a seed, repeatably with --random-seed', async () => {
    const args = [
      'predict',
      '--run',
      generator,
      '--seed',
      'MENENIUS:',
      '--length',
      '30',
      '--random-seed',
      '5',
      '--json',
    ];
    const a = await cli(...args);
    const b = await cli(...args);
    expect(a.code).toBe(0);
    const first = JSON.parse(a.out) as GeneratedText;
    expect(first.text.startsWith('MENENIUS:')).toBe(true);
    expect(first.text.length).toBe('MENENIUS:'.length + 30);
    expect((JSON.parse(b.out) as GeneratedText).text).toBe(first.text);
  });

  it('needs a seed and a sensible temperature', async () => {
    expect((await cli('predict', '--run', generator)).err).toMatch(/--seed TEXT/);
    const hot = await cli('predict', '--run', generator, '--seed', 'A', '--temperature', '0');
    expect(hot.code).toBe(2);
    expect(hot.err).toMatch(/--temperature must be a number above 0/);
  });
});
