import { describe, expect, it } from 'vitest';
import {
  brevity,
  corpusBleu,
  perplexity,
  perplexityOf,
  sentenceBleu,
} from '../../../src-main/engine/metrics/text-metrics';

const words = (s: string) => s.split(' ');

// Papineni et al. (2002), "BLEU: a Method for Automatic Evaluation of Machine Translation",
// Example 1, as reproduced in the NLTK documentation of nltk.translate.bleu_score (3.x).
const hypothesis1 = words(
  'It is a guide to action which ensures that the military always obeys the commands of the party',
);
const hypothesis2 = words('It is to insure the troops forever hearing the activity guidebook that party direct');
const reference1 = words('It is a guide to action that ensures that the military will forever heed Party commands');
const reference2 = words(
  'It is the guiding principle which guarantees the military forces always being under the command of the Party',
);
const reference3 = words('It is the practical guide for the army always to heed the directions of the party');
const references = [reference1, reference2, reference3];

/** The documentation prints truncated values ("0.5045..."): the score must start with those digits. */
function expectDigits(value: number, printed: string): void {
  const low = Number(printed);
  const step = Math.pow(10, -(printed.length - printed.indexOf('.') - 1));
  expect(value).toBeGreaterThanOrEqual(low);
  expect(value).toBeLessThan(low + step);
}

describe('BLEU', () => {
  it('clips n-gram counts as in the paper (modified precision)', () => {
    // Papineni et al. section 2.1: "the the the the the the the" scores 2/7 against these references.
    const the = sentenceBleu(
      [words('the cat is on the mat'), words('there is a cat on the mat')],
      words('the the the the the the the'),
    );
    expect(the.precisions[0]).toBeCloseTo(2 / 7, 10);
    // Example 1 of the paper: 17/18 and 10/17 for candidate 1, 8/14 and 1/13 for candidate 2.
    const one = sentenceBleu(references, hypothesis1);
    expect(one.precisions[0]).toBeCloseTo(17 / 18, 10);
    expect(one.precisions[1]).toBeCloseTo(10 / 17, 10);
    const two = sentenceBleu(references, hypothesis2);
    expect(two.precisions[0]).toBeCloseTo(8 / 14, 10);
    expect(two.precisions[1]).toBeCloseTo(1 / 13, 10);
  });

  it('matches the published sentence and corpus scores of the NLTK documentation', () => {
    // sentence_bleu([reference1, reference2, reference3], hypothesis1) == 0.5045...
    expectDigits(sentenceBleu(references, hypothesis1).bleu, '0.5045');
    // hypothesis2 has no 3-gram or 4-gram match: 0 without smoothing, 0.0370... with method1.
    expect(sentenceBleu(references, hypothesis2).bleu).toBe(0);
    expectDigits(sentenceBleu(references, hypothesis2, { smoothing: 'epsilon' }).bleu, '0.0370');
    // corpus_bleu example: 0.5920..., not the mean of the two sentence scores (0.6223...).
    const hyp2 = words('he read the book because he was interested in world history');
    const ref2a = words('he was interested in world history because he read the book');
    const corpus = corpusBleu([references, [ref2a]], [hypothesis1, hyp2]);
    expectDigits(corpus.bleu, '0.5920');
    const mean = (sentenceBleu(references, hypothesis1).bleu + sentenceBleu([ref2a], hyp2).bleu) / 2;
    expectDigits(mean, '0.6223');
  });

  it('applies the brevity penalty with the closest reference length, and each smoothing', () => {
    // Candidate "a b c d e" against "a b c x e y", by hand: precisions 4/5, 2/4, 1/3, 0/2;
    // c = 5, r = 6, so BP = exp(1 - 6/5).
    const s = sentenceBleu([words('a b c x e y')], words('a b c d e'));
    expect(s.precisions).toEqual([4 / 5, 2 / 4, 1 / 3, 0]);
    expect(s.brevityPenalty).toBeCloseTo(Math.exp(-0.2), 12);
    expect(s.bleu).toBe(0);
    const bp = Math.exp(-0.2);
    // Epsilon: the zero 4-gram count becomes 0.1 of 2.
    expect(sentenceBleu([words('a b c x e y')], words('a b c d e'), { smoothing: 'epsilon' }).bleu).toBeCloseTo(
      bp * Math.pow(0.8 * 0.5 * (1 / 3) * (0.1 / 2), 1 / 4),
      12,
    );
    // Add-one from bigrams up: 3/5, 2/4, 1/3.
    expect(sentenceBleu([words('a b c x e y')], words('a b c d e'), { smoothing: 'add-one' }).bleu).toBeCloseTo(
      bp * Math.pow(0.8 * (3 / 5) * (2 / 4) * (1 / 3), 1 / 4),
      12,
    );
    // Closest reference length: 6 is closer to 5 than 9; on a tie (4 and 6) the shorter wins.
    expect(sentenceBleu([words('a b c d e f g h i'), words('a b c x e y')], words('a b c d e')).referenceLength).toBe(
      6,
    );
    expect(sentenceBleu([words('a b c x e y'), words('a b c d')], words('a b c d e')).referenceLength).toBe(4);
    expect(brevity(5, 4)).toBe(1);
    expect(brevity(0, 4)).toBe(0);
    // A perfect match scores 1.
    expect(sentenceBleu([hypothesis1], hypothesis1).bleu).toBeCloseTo(1, 12);
  });
});

describe('perplexity', () => {
  it('is exp of the mean cross-entropy', () => {
    // Probabilities 1/2 and 1/4 for the true tokens: mean cross-entropy (ln 2 + ln 4) / 2 = 1.5 ln 2.
    expect(perplexityOf([0.5, 0.25])).toBeCloseTo(Math.pow(2, 1.5), 12);
    expect(perplexity(1.5 * Math.LN2)).toBeCloseTo(Math.pow(2, 1.5), 12);
    // Guessing uniformly among 40 tokens gives perplexity 40.
    expect(perplexityOf(new Array(7).fill(1 / 40))).toBeCloseTo(40, 10);
    expect(() => perplexityOf([])).toThrow();
  });
});
