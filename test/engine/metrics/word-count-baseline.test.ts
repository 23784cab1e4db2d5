import { describe, expect, it } from 'vitest';
import { wordCountBaseline } from '../../../src-main/engine/metrics/word-count-baseline';
import { wordCountVerdict, withMajorityBaseline } from '../../../src-main/experiment/classification-baseline';
import type { ClassificationEvaluation } from '../../../src-main/shared/types';

/** Texts of `length` token ids, padded in front with 0 (ids 0 and 1 are padding and unknown). */
function encode(texts: number[][], length: number): Int32Array {
  const out = new Int32Array(texts.length * length);
  texts.forEach((t, i) => out.set(t.slice(-length), i * length + Math.max(0, length - t.length)));
  return out;
}

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

describe('the word-count baseline', () => {
  it('classifies texts by the words they hold', () => {
    // Class 0 texts hold word 2 or 3, class 1 texts word 4 or 5; every text also holds the common word 6.
    const texts = range(0, 40).map((i) =>
      i % 2 === 0 ? [6, 2 + (i % 4 === 0 ? 0 : 1), 1] : [6, 4 + (i % 4 === 1 ? 0 : 1)],
    );
    const labels = Int32Array.from(range(0, 40), (i) => i % 2);
    const result = wordCountBaseline(encode(texts, 4), 4, labels, 2, 7, range(0, 30), range(30, 40));
    expect(result).toEqual({ accuracy: 1 });
  });

  it('cannot tell texts apart that differ only in word order', () => {
    // "good not" (class 1) against "not good" (class 0): the same two words.
    const texts = range(0, 40).map((i) => (i % 2 === 0 ? [3, 2] : [2, 3]));
    const labels = Int32Array.from(range(0, 40), (i) => i % 2);
    const result = wordCountBaseline(encode(texts, 2), 2, labels, 2, 4, range(0, 30), range(30, 40));
    expect(result!.accuracy).toBeLessThanOrEqual(0.5);
  });

  it('counts a word once per text, ignores padding and unknown words, and has nothing to say without texts', () => {
    // Word 2 five times in the one class-0 text, once in each of two class-1 texts: counted once per
    // text it points to class 1 (counted five times it would point to class 0). Unknown words (1)
    // in the class-0 text change nothing.
    const texts = [[2, 2, 2, 2, 2, 1, 1], [2, 3], [2, 4], [2]];
    const labels = Int32Array.from([0, 1, 1, 1]);
    expect(wordCountBaseline(encode(texts, 7), 7, labels, 2, 5, [0, 1, 2], [3])).toEqual({ accuracy: 1 });
    expect(wordCountBaseline(encode(texts, 7), 7, labels, 2, 5, [], [3])).toBeNull();
  });
});

describe('the verdict against counting words', () => {
  const evaluation = (accuracy: number, words: number): ClassificationEvaluation => ({
    kind: 'classification',
    classes: ['neg', 'pos'],
    accuracy,
    macroF1: accuracy,
    perClass: [
      { label: 'neg', precision: 0.5, recall: 0.5, f1: 0.5, support: 50 },
      { label: 'pos', precision: 0.5, recall: 0.5, f1: 0.5, support: 50 },
    ],
    confusion: [
      [0, 0],
      [0, 0],
    ],
    auc: null,
    wordCountBaseline: { accuracy: words },
  });

  it('says so when the network is below it, and what to try', () => {
    const v = withMajorityBaseline(evaluation(0.72, 0.84));
    expect(v.verdict).toBeNull();
    expect(v.wordCountVerdict).toMatch(/accuracy \(0\.72\) is below that of counting words \(0\.84/);
    expect(v.wordCountVerdict).toMatch(/more texts help most/);
  });

  it('is silent when the network beats it, or when the most common class is not even beaten', () => {
    expect(wordCountVerdict(evaluation(0.9, 0.84))).toBeNull();
    expect(wordCountVerdict(evaluation(0.45, 0.84))).toBeNull();
  });
});
