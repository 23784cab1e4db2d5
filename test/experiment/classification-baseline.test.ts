/** Accuracy means little without the bar of always answering the most common class. */
import { describe, expect, it } from 'vitest';
import {
  classificationVerdict,
  majorityBaseline,
  withMajorityBaseline,
} from '../../src-main/experiment/classification-baseline';
import type { ClassificationEvaluation } from '../../src-main/shared/types';

function evaluation(accuracy: number, supports: Record<string, number>): ClassificationEvaluation {
  const classes = Object.keys(supports);
  return {
    kind: 'classification',
    classes,
    accuracy,
    macroF1: 0.5,
    perClass: classes.map((label) => ({ label, precision: 0.5, recall: 0.5, f1: 0.5, support: supports[label] })),
    confusion: classes.map(() => classes.map(() => 0)),
    auc: null,
  };
}

describe('the majority-class baseline', () => {
  it('is the share of the most common test class', () => {
    expect(majorityBaseline(evaluation(0.8, { neg: 10, pos: 90 }))).toEqual({ label: 'pos', accuracy: 0.9 });
  });

  it('says plainly when the model does not beat it', () => {
    const verdict = classificationVerdict(evaluation(0.88, { neg: 10, pos: 90 }));
    expect(verdict).toMatch(/accuracy \(0\.88\) does not beat always answering "pos", the most common class \(0\.90\)/);
  });

  it('is silent when the model beats it, and travels with the evaluation', () => {
    const ev = withMajorityBaseline(evaluation(0.95, { neg: 50, pos: 50 }));
    expect(ev.majorityBaseline).toEqual({ label: 'neg', accuracy: 0.5 });
    expect(ev.verdict).toBeNull();
  });

  it('has nothing to say about an empty test set', () => {
    expect(majorityBaseline(evaluation(0, { a: 0, b: 0 }))).toBeNull();
    expect(classificationVerdict(evaluation(0, { a: 0, b: 0 }))).toBeNull();
  });
});
