import { describe, expect, it } from 'vitest';
import { fromStep } from '../../../../src-main/engine/tasks/forecast/origins-from';

describe('fromStep', () => {
  it('keeps the origins at or after the step, as a view of the same memory', () => {
    const origins = Int32Array.from([3, 5, 7, 9, 11]);
    const kept = fromStep(origins, 6);
    expect(Array.from(kept)).toEqual([7, 9, 11]);
    expect(kept.buffer).toBe(origins.buffer);
    expect(Array.from(fromStep(origins, 7))).toEqual([7, 9, 11]);
    expect(Array.from(fromStep(origins, 0))).toEqual([3, 5, 7, 9, 11]);
    expect(fromStep(origins, 12)).toHaveLength(0);
    expect(fromStep(new Int32Array(0), 1)).toHaveLength(0);
  });

  it('equals filtering the origins for any step', () => {
    const origins = Int32Array.from({ length: 40 }, (_, i) => 2 + 3 * i);
    for (let step = 0; step < 130; step++) {
      expect(Array.from(fromStep(origins, step))).toEqual(Array.from(origins.filter((t) => t >= step)));
    }
  });
});
