import { describe, expect, it } from 'vitest';
import { accuracyMargin, majorityBaseline } from '../../../src-renderer/utils/class-baseline';

describe('majority-class baseline', () => {
  it('always answers the class with the most actual cases', () => {
    // rows: actual hot (6), idle (10), running (14)
    const confusion = [
      [4, 0, 2],
      [10, 0, 0],
      [0, 0, 14],
    ];
    const b = majorityBaseline(['hot', 'idle', 'running'], confusion);
    expect(b).toEqual({ label: 'running', accuracy: 14 / 30, total: 30 });
  });

  it('has nothing to say about an empty test split', () => {
    expect(
      majorityBaseline(
        ['a', 'b'],
        [
          [0, 0],
          [0, 0],
        ],
      ),
    ).toBeNull();
  });
});

describe('accuracy margin', () => {
  it('is wide on few predictions and narrow on many', () => {
    expect(accuracyMargin(0.6, 30)).toBeCloseTo(1.96 * Math.sqrt(0.24 / 30), 6);
    expect(accuracyMargin(0.6, 10_000)).toBeLessThan(0.01);
  });

  it('never claims certainty from a perfect score on a handful of cases', () => {
    expect(accuracyMargin(1, 8)).toBe(1 / 8);
  });
});
