import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTable } from '../../src-main/data/import/load-table';
import {
  classificationTraining,
  sequenceGrouping,
  textDefaults,
} from '../../src-main/experiment/classification-defaults';
import { GENERATION_EPOCH_SEQUENCES, generationStride } from '../../src-main/experiment/generation-defaults';
import { suggestSpec } from '../../src-main/experiment/suggest-spec';

import { tempFile } from '../data/helpers';

const SAMPLES = path.resolve(import.meta.dirname, '../../resources/samples');
const QUALITY_DATA = path.resolve(import.meta.dirname, '../quality/data');

describe('textDefaults', () => {
  it('reads sentences word by word, long enough for 95% of them, with every word in the vocabulary', () => {
    const d = textDefaults({ texts: 480, meanWords: 7.5, p95Words: 13, meanChars: 40, vocabulary: 129 });
    expect(d).toEqual({ tokens: 'word', maxLength: 13, vocabSize: 131 });
  });

  it('reads single words and codes character by character', () => {
    expect(textDefaults({ texts: 900, meanWords: 1.2, p95Words: 2, meanChars: 9, vocabulary: 850 }).tokens).toBe(
      'char',
    );
  });

  it('reads texts of mostly unique tokens character by character', () => {
    // 1000 texts of 4 tokens with 3000 distinct ones: a word seen once teaches nothing.
    const d = textDefaults({ texts: 1000, meanWords: 4, p95Words: 6, meanChars: 30, vocabulary: 3000 });
    expect(d.tokens).toBe('char');
    expect(d.maxLength).toBe(45);
  });

  it('caps the vocabulary and keeps the old defaults without statistics', () => {
    expect(textDefaults({ texts: 5000, meanWords: 80, p95Words: 900, meanChars: 400, vocabulary: 60_000 })).toEqual({
      tokens: 'word',
      maxLength: 400,
      vocabSize: 20_000,
    });
    expect(textDefaults(undefined)).toEqual({ tokens: 'char', maxLength: 100, vocabSize: 10_000 });
  });
});

describe('classificationTraining', () => {
  it('gives a small dataset more epochs of patience and never halves the learning rate', () => {
    const small = classificationTraining(180);
    const large = classificationTraining(20_000);
    expect(small.earlyStopping.patience).toBe(40);
    expect(large.earlyStopping.patience).toBe(10);
    expect(small.reduceLrOnPlateau.enabled).toBe(false);
    expect(small.optimizer.learningRate).toBe(0.003);
    expect(small.epochs).toBeGreaterThanOrEqual(4 * small.earlyStopping.patience);
    expect(large.earlyStopping.minEpochs).toBe(20);
  });

  it('learns documents of 100 words or more at 0.001 and sentences at 0.003', () => {
    expect(classificationTraining(2000, 400).optimizer.learningRate).toBe(0.001);
    expect(classificationTraining(2000, 100).optimizer.learningRate).toBe(0.001);
    expect(classificationTraining(2000, 99).optimizer.learningRate).toBe(0.003);
    expect(classificationTraining(2000).optimizer.learningRate).toBe(0.003);
  });

  it('proposes the lower rate for a file of long reviews, word tokens', async () => {
    const long = Array.from(
      { length: 60 },
      (_, i) =>
        `"${Array.from({ length: 150 }, (_, w) => `word${(i * 7 + w) % 300}`).join(' ')}",${i % 2 ? 'pos' : 'neg'}`,
    );
    const { summary } = await loadTable(tempFile(['review,label', ...long].join('\n')));
    const spec = suggestSpec(summary, { task: 'text-classification' });
    expect(spec.data.text.tokens).toBe('word');
    expect(spec.training.optimizer.learningRate).toBe(0.001);
  });

  it('waits about 600 optimizer steps: 480 samples in batches of 16 make 21 a epoch, so 29 epochs', () => {
    expect(classificationTraining(480)).toMatchObject({ batchSize: 16, earlyStopping: { patience: 29 } });
  });
});

describe('sequence defaults from the file', () => {
  it('groups accelerometer rows by recording, one window per recording', async () => {
    const { summary } = await loadTable(path.join(SAMPLES, 'activity-accelerometer.csv'));
    expect(sequenceGrouping(summary, 'activity')).toMatchObject({ idColumn: 'recording', lookback: 64 });
    const spec = suggestSpec(summary, { task: 'sequence-classification', target: 'activity' });
    expect(spec.data.idColumn).toBe('recording');
    expect(spec.data.lookback).toBe(64);
  });

  it('groups by a repeated date column and does not also sort on it as a time axis', async () => {
    const { summary } = await loadTable(path.join(QUALITY_DATA, 'seattle-weeks-season.csv'));
    const spec = suggestSpec(summary, { task: 'sequence-classification', target: 'season' });
    expect(spec.data.idColumn).toBe('week');
    expect(spec.data.timeColumn).toBeNull();
    expect(spec.data.lookback).toBe(7);
  });

  it('leaves one-row sequences alone', async () => {
    const { summary } = await loadTable(path.join(SAMPLES, 'nile-yearly.csv'));
    expect(sequenceGrouping(summary, 'volume')).toBeNull();
  });
});

describe('text classification defaults from the file', () => {
  it('proposes word tokens and a plateau-proof schedule for short reviews', async () => {
    const { summary } = await loadTable(path.join(SAMPLES, 'movie-reviews-sentiment.csv'));
    const spec = suggestSpec(summary, { task: 'text-classification' });
    expect(spec.data.text).toMatchObject({ column: 'review', tokens: 'word' });
    expect(spec.data.text.maxLength).toBeLessThan(30);
    expect(spec.training.reduceLrOnPlateau.enabled).toBe(false);
    expect(spec.training.earlyStopping.patience).toBeGreaterThanOrEqual(20);
  });
});

describe('text generation defaults from the file', () => {
  it('keeps a play-length text near 50,000 sequences an epoch, and every position of a short text', async () => {
    const { summary } = await loadTable(path.join(SAMPLES, 'shakespeare-coriolanus.txt'));
    const spec = suggestSpec(summary, { task: 'text-generation' });
    const trainingChars = summary.rows * (summary.columns[0].text?.meanChars ?? 0) * 0.7;
    expect(spec.data.stride).toBeGreaterThan(1);
    expect(trainingChars / spec.data.stride).toBeGreaterThan(GENERATION_EPOCH_SEQUENCES * 0.7);
    expect(trainingChars / spec.data.stride).toBeLessThan(GENERATION_EPOCH_SEQUENCES * 1.4);
    const short = await loadTable(tempFile(`${'A short log line of the lighthouse keeper.\n'.repeat(400)}`, 'log.txt'));
    expect(suggestSpec(short.summary, { task: 'text-generation' }).data.stride).toBe(1);
  });

  it('gives a generator a network wide enough to learn spelling, at a learning rate that gets there', async () => {
    const { summary } = await loadTable(path.join(SAMPLES, 'shakespeare-coriolanus.txt'));
    const spec = suggestSpec(summary, { task: 'text-generation' });
    expect(spec.model.cell).toBe('LSTM');
    expect(spec.model.layers).toHaveLength(1);
    expect(spec.model.layers[0].units).toBe(128);
    expect(spec.training.optimizer.learningRate).toBe(0.003);
    // Other tasks keep their own networks.
    const reviews = await loadTable(path.join(SAMPLES, 'movie-reviews-sentiment.csv'));
    expect(suggestSpec(reviews.summary, { task: 'text-classification' }).model.layers[0].units).not.toBe(128);
  });

  it('spaces the sequences of a book-length text so an epoch holds about 50,000 of them', () => {
    // 4,728 lines of 251 characters on average, as Plato's Republic as a plain-text file.
    expect(generationStride(4728, { meanChars: 250.87 })).toBe(17);
    const sequences = (4728 * 250.87 * 0.7) / generationStride(4728, { meanChars: 250.87 });
    expect(sequences).toBeGreaterThan(40_000);
    expect(sequences).toBeLessThan(60_000);
    expect(generationStride(100, { meanChars: 40 })).toBe(1);
    expect(generationStride(5000, undefined)).toBe(1);
  });
});
