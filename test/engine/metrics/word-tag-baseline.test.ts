import { describe, expect, it } from 'vitest';
import { wordTagBaseline } from '../../../src-main/engine/metrics/word-tag-baseline';
import { withMajorityBaseline } from '../../../src-main/experiment/classification-baseline';
import type { ClassificationEvaluation } from '../../../src-main/shared/types';

describe('tagging each word alone', () => {
  // Tags: 0 DET, 1 NOUN, 2 VERB. Training rows 0–7, test rows 8–12.
  const tokens = ['the', 'run', 'we', 'run', 'the', 'dog', 'a', 'cat', 'the', 'run', 'we', 'zebra', null];
  const labels = [0, 1, 0, 2, 0, 1, 0, 1, 0, 1, 0, 1, 1];
  const train = [0, 1, 2, 3, 4, 5, 6, 7];
  const test = [8, 9, 10, 11, 12];

  it("gives each word its most frequent training tag, and an unseen word the rare words' most common tag", () => {
    // 'run' was NOUN once and VERB once: the first of the tied tags (NOUN) is kept. 'zebra' and the
    // missing word are unseen: the words seen once (we, dog, a, cat: DET, NOUN, DET, NOUN) tie, DET first.
    const b = wordTagBaseline(tokens, labels, 3, train, test);
    // the → DET ✓, run → NOUN ✓, we → DET ✓, zebra → DET ✗, (missing) → DET ✗.
    expect(b?.accuracy).toBeCloseTo(3 / 5);
  });

  it('skips rows without a label and is null when no test row has one', () => {
    const unlabeled = labels.map((y, i) => (i >= 11 ? -1 : y));
    expect(wordTagBaseline(tokens, unlabeled, 3, train, test)?.accuracy).toBe(1);
    expect(
      wordTagBaseline(
        tokens,
        labels.map(() => -1),
        3,
        train,
        test,
      ),
    ).toBeNull();
  });
});

describe('the verdict against tagging each word alone', () => {
  const evaluation = (accuracy: number, words: number): ClassificationEvaluation => ({
    kind: 'classification',
    classes: ['DET', 'NOUN', 'VERB'],
    accuracy,
    macroF1: accuracy,
    perClass: [
      { label: 'DET', precision: 0.5, recall: 0.5, f1: 0.5, support: 30 },
      { label: 'NOUN', precision: 0.5, recall: 0.5, f1: 0.5, support: 40 },
      { label: 'VERB', precision: 0.5, recall: 0.5, f1: 0.5, support: 30 },
    ],
    confusion: [],
    auc: null,
    wordTagBaseline: { accuracy: words },
  });

  it('says so when the tagger is below it, with what to try, and is silent when it is above', () => {
    const below = withMajorityBaseline(evaluation(0.8, 0.86));
    expect(below.wordTagVerdict).toMatch(/accuracy \(0\.80\) is below that of tagging each word alone \(0\.86/);
    expect(below.wordTagVerdict).toMatch(/bidirectional layer/);
    expect(below.wordCountVerdict).toBeNull();
    expect(withMajorityBaseline(evaluation(0.9, 0.86)).wordTagVerdict).toBeNull();
  });
});
