/** The classification table of the quality suite judges the mean over splits and shows each split. */
import { describe, expect, it } from 'vitest';
import { formatClassificationPart } from './classification-report';
import { meetsClassificationTarget } from './run-classification';
import type { ClassificationResult, ClassificationRun } from './run-classification';

function run(accuracy: number): ClassificationRun {
  return { accuracy, chance: 0.4, words: null, entityF1: null, epochs: 30, seconds: 2, notes: [] };
}

/** A result whose splits scored `defaults` and `tuned` (means computed here). */
function result(name: string, defaults: number[], tuned: number[]): ClassificationResult {
  const mean = (v: number[]) => v.reduce((a, b) => a + b, 0) / v.length;
  return {
    case: {
      name,
      part: 'held-out',
      task: 'sequence-classification',
      file: 'x.csv',
      target: 'y',
      columns: {},
      tuned: {},
    },
    defaults: run(mean(defaults)),
    tuned: run(mean(tuned)),
    splits: defaults.map((d, k) => ({ seed: 42 + k, defaults: d, tuned: tuned[k] })),
    defaultSummary: 'window 7, LSTM 32',
  };
}

describe('the classification part of the quality report', () => {
  it('judges the means over the splits, not any one split', () => {
    // One split 0.032 below the tuned run, the mean above it: a pass.
    const noisy = result('weeks', [0.645, 0.839, 0.677], [0.677, 0.774, 0.645]);
    expect(meetsClassificationTarget(noisy)).toBe(true);
    // Every split close, the mean 0.03 below: a miss.
    const worse = result('texts', [0.9, 0.9, 0.9], [0.93, 0.93, 0.93]);
    expect(meetsClassificationTarget(worse)).toBe(false);
  });

  it('shows the mean with its range, every split, and the count that met the target', () => {
    const text = formatClassificationPart('held-out', [
      result('weeks', [0.645, 0.839, 0.677], [0.677, 0.774, 0.645]),
      result('texts', [0.9, 0.9, 0.9], [0.93, 0.93, 0.93]),
    ]);
    expect(text).toContain('## Classification, held-out part');
    expect(text).toContain('| weeks | window 7, LSTM 32 | 0.720 (0.645–0.839) |');
    expect(text).toContain('0.699 (0.645–0.774)');
    expect(text).toContain('Each dataset trained on 3 splits (seeds 42, 43, 44)');
    expect(text).toContain('- weeks: 0.645 / 0.677, 0.839 / 0.774, 0.677 / 0.645');
    expect(text).toContain('FAIL: 0.030 below the tuned run');
    expect(text).toContain("1 of 2 datasets: defaults' mean within 0.02 of the tuned runs' mean test accuracy.");
    expect(formatClassificationPart('tuning', [result('weeks', [0.7], [0.7])])).toBe('');
  });
});
