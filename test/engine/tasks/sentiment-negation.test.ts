import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { classifyText } from '../../../src-main/model-use/text-inference';
import type { ClassificationEvaluation } from '../../../src-main/shared/types';
import type { ClassProbabilities } from '../../../src-main/shared/types-model-use';
import { runSpec } from './run-helper';

const reviews = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'reviews.csv');

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sentiment-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function probabilityOf(result: ClassProbabilities, label: string): number {
  const found = result.classes.find((c) => c.label === label);
  if (!found) throw new Error(`No class ${label} in ${JSON.stringify(result.classes)}`);
  return found.probability;
}

describe('the sentiment lecture task', () => {
  it('learns that "not good" is negative and "I love this movie" positive', async () => {
    // The default text-classification spec with word tokens; only length and training budget
    // are sized to one-sentence reviews.
    const result = await runSpec(dir, 'sentiment', {
      task: 'text-classification',
      data: { file: reviews, targetColumns: ['label'], text: { column: 'review', tokens: 'word', maxLength: 12 } },
      model: { cell: 'LSTM', input: 'embedding' },
      training: { epochs: 30, batchSize: 16, optimizer: { learningRate: 0.01 }, seed: 7 },
    });
    expect(result.error).toBeNull();
    expect(result.status).toBe('completed');
    const evaluation = result.evaluation as ClassificationEvaluation;
    expect(evaluation.accuracy).toBeGreaterThan(0.8);
    // Counting words is scored on the same test reviews (word tokens).
    expect(evaluation.wordCountBaseline?.accuracy).toBeGreaterThanOrEqual(0);
    expect(evaluation.wordCountBaseline?.accuracy).toBeLessThanOrEqual(1);

    const notGood = await classifyText(path.join(dir, 'sentiment'), 'The movie was not good.');
    expect(notGood.runId).toBe('sentiment');
    expect(notGood.classes.map((c) => c.label)).toEqual(['negative', 'positive']);
    expect(probabilityOf(notGood, 'negative')).toBeGreaterThan(0.5);
    const love = await classifyText(path.join(dir, 'sentiment'), 'I love this movie');
    expect(probabilityOf(love, 'positive')).toBeGreaterThan(0.5);
    // The probabilities of the two classes are complementary.
    expect(probabilityOf(love, 'positive') + probabilityOf(love, 'negative')).toBeCloseTo(1, 5);
    // The negation, not the adjective alone, decides: without "not" the same sentence is positive.
    const good = await classifyText(path.join(dir, 'sentiment'), 'The movie was good.');
    expect(probabilityOf(good, 'positive')).toBeGreaterThan(0.5);
  });
});
