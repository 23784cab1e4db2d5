import { describe, expect, it } from 'vitest';
import { classificationMetrics } from '../../../src-main/engine/metrics/classification-metrics';

describe('classification scores against hand-computed values', () => {
  it('scores a single sigmoid output with a 0.5 threshold', () => {
    // actual:      1    1    1    0    0    0    0    1
    // probability: 0.9  0.6  0.4  0.2  0.7  0.1  0.5  0.8  → predicted 1 1 0 0 1 0 1 1
    // Class 1: actual ones at 0, 1, 2, 7 are predicted 1, 1, 0, 1: TP 3, FN 1.
    // Class 0: actual zeros at 3,4,5,6 → predicted 0,1,0,1: TN 2, FP 2.
    const m = classificationMetrics(['neg', 'pos'], [1, 1, 1, 0, 0, 0, 0, 1], [0.9, 0.6, 0.4, 0.2, 0.7, 0.1, 0.5, 0.8]);
    expect(m.confusion).toEqual([
      [2, 2],
      [1, 3],
    ]);
    expect(m.accuracy).toBe(5 / 8);
    const [neg, pos] = m.perClass;
    // pos: precision 3/5, recall 3/4, F1 = 2·(3/5)(3/4)/(3/5 + 3/4) = 2/3.
    expect(pos.precision).toBeCloseTo(3 / 5, 12);
    expect(pos.recall).toBeCloseTo(3 / 4, 12);
    expect(pos.f1).toBeCloseTo(2 / 3, 12);
    // neg: precision 2/3, recall 2/4, F1 = 2·(2/3)(1/2)/(2/3 + 1/2) = 4/7.
    expect(neg.precision).toBeCloseTo(2 / 3, 12);
    expect(neg.recall).toBeCloseTo(1 / 2, 12);
    expect(neg.f1).toBeCloseTo(4 / 7, 12);
    expect(m.macroF1).toBeCloseTo((2 / 3 + 4 / 7) / 2, 12);
    expect([neg.support, pos.support]).toEqual([4, 4]);
  });

  it('counts a class that is predicted but never present in the macro average, one that never occurs not at all', () => {
    // Classes a, b, c, d; actual a a b b; predicted a c b b. d is neither actual nor predicted.
    const onehot = (c: number) => [0, 1, 2, 3].map((i) => (i === c ? 0.7 : 0.1));
    const m = classificationMetrics(
      ['a', 'b', 'c', 'd'],
      [0, 0, 1, 1],
      [...onehot(0), ...onehot(2), ...onehot(1), ...onehot(1)],
    );
    // a: P 1, R 1/2, F1 2/3; b: P 1, R 1, F1 1; c: P 0 (one false positive), F1 0.
    expect(m.perClass.map((p) => p.f1)).toEqual([expect.closeTo(2 / 3, 12), 1, 0, 0]);
    expect(m.macroF1).toBeCloseTo((2 / 3 + 1 + 0) / 3, 12);
    expect(m.confusion[0]).toEqual([1, 0, 1, 0]);
    expect(m.auc).toBeNull();
  });
});
