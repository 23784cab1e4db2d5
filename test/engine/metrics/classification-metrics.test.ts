import { describe, expect, it } from 'vitest';
import { classificationMetrics, rocAuc, rocCurve } from '../../../src-main/engine/metrics/classification-metrics';
import { seededRandom } from '../../../src-main/engine/training/seeded-random';

/** AUC by its definition: the share of (positive, negative) pairs ranked correctly, ties half. */
function pairwiseAuc(actual: number[], score: number[]): number {
  let wins = 0;
  let pairs = 0;
  actual.forEach((a, i) =>
    actual.forEach((b, j) => {
      if (a === 1 && b === 0) {
        pairs += 1;
        wins += score[i] > score[j] ? 1 : score[i] === score[j] ? 0.5 : 0;
      }
    }),
  );
  return wins / pairs;
}

describe('classification metrics', () => {
  it('counts the confusion matrix, per-class scores and accuracy from softmax outputs', () => {
    // actual:    0  0  1  1  2
    // predicted: 0  1  1  1  0
    const probabilities = [0.8, 0.1, 0.1, 0.3, 0.6, 0.1, 0.2, 0.7, 0.1, 0.1, 0.5, 0.4, 0.5, 0.2, 0.3];
    const m = classificationMetrics(['a', 'b', 'c'], [0, 0, 1, 1, 2], probabilities);
    expect(m.confusion).toEqual([
      [1, 1, 0],
      [0, 2, 0],
      [1, 0, 0],
    ]);
    expect(m.accuracy).toBeCloseTo(3 / 5);
    const a = m.perClass[0];
    expect([a.precision, a.recall, a.support]).toEqual([0.5, 0.5, 2]);
    const b = m.perClass[1];
    expect(b.precision).toBeCloseTo(2 / 3);
    expect(b.recall).toBe(1);
    expect(b.f1).toBeCloseTo(0.8);
    expect(m.perClass[2].f1).toBe(0);
    expect(m.macroF1).toBeCloseTo((0.5 + 0.8 + 0) / 3);
    expect(m.auc).toBeNull();
  });

  it('computes ROC AUC for two classes, with ties, like the pairwise definition', () => {
    const random = seededRandom(9);
    const actual = Array.from({ length: 60 }, () => (random() < 0.4 ? 1 : 0));
    // Rounded scores create ties on purpose.
    const score = actual.map((a) => Math.round((a * 0.3 + random() * 0.7) * 10) / 10);
    expect(rocAuc(actual, score)).toBeCloseTo(pairwiseAuc(actual, score), 10);
    const m = classificationMetrics(['no', 'yes'], actual, score);
    expect(m.auc).toBeCloseTo(pairwiseAuc(actual, score), 10);
    expect(rocAuc([1, 1], [0.2, 0.3])).toBeNull();
  });
});

describe('ROC curve', () => {
  it('steps through each distinct threshold from (0,0) to (1,1)', () => {
    // Scores 0.9 (pos), 0.8 (neg), 0.7 (pos), 0.7 (neg), 0.1 (neg): hand-traced below.
    const actual = [1, 0, 1, 0, 0];
    const score = [0.9, 0.8, 0.7, 0.7, 0.1];
    const { fpr, tpr } = rocCurve(actual, score);
    expect(fpr).toEqual([0, 0, 1 / 3, 2 / 3, 1]);
    expect(tpr).toEqual([0, 0.5, 0.5, 1, 1]);
  });

  it('is empty when a class is missing and thinned to the point budget', () => {
    expect(rocCurve([1, 1], [0.2, 0.4])).toEqual({ fpr: [], tpr: [] });
    const n = 1000;
    const actual = Array.from({ length: n }, (_, i) => i % 2);
    const score = Array.from({ length: n }, (_, i) => i / n);
    const curve = rocCurve(actual, score, 50);
    expect(curve.fpr).toHaveLength(50);
    expect(curve.fpr[0]).toBe(0);
    expect(curve.tpr.at(-1)).toBe(1);
  });
});
