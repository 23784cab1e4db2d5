import { describe, expect, it } from 'vitest';
import { clipToFloor, dataFloor } from '../../src-main/forecast/data-floor';

describe('dataFloor', () => {
  it('is 0 for a series that never goes negative (missing values ignored)', () => {
    expect(dataFloor([0, 3.5, Number.NaN, 12])).toBe(0);
  });

  it('is null for a series with a negative value, or without any value', () => {
    expect(dataFloor([4, -0.1, 7])).toBeNull();
    expect(dataFloor([Number.NaN])).toBeNull();
  });
});

describe('clipToFloor', () => {
  it('raises points and bounds below the floor, counts them and leaves the inputs alone', () => {
    const point = [2, -0.5];
    const bands = [{ level: 0.95, lower: [-3, -6], upper: [7, 5] }];
    const out = clipToFloor(point, bands, 0);
    expect(out.point).toEqual([2, 0]);
    expect(out.bands).toEqual([{ level: 0.95, lower: [0, 0], upper: [7, 5] }]);
    expect(out.raised).toBe(3);
    expect(point).toEqual([2, -0.5]);
    expect(bands[0].lower).toEqual([-3, -6]);
  });

  it('changes nothing without a floor', () => {
    const out = clipToFloor([-2], [{ lower: [-5], upper: [1] }], Number.NEGATIVE_INFINITY);
    expect(out).toEqual({ point: [-2], bands: [{ lower: [-5], upper: [1] }], raised: 0 });
  });
});
