import { describe, expect, it } from 'vitest';
import { MAX_STRETCHES, rollingStretches } from '../../src-main/forecast/rolling-origins';

const range = (from: number, to: number) => Array.from({ length: to - from }, (_, i) => from + i);

describe('rollingStretches', () => {
  it('puts the validation stretch first, then stretches of the same span before it, newest first', () => {
    const stretches = rollingStretches(range(300, 330), 24);
    expect(stretches).toHaveLength(MAX_STRETCHES);
    expect(stretches[0]).toEqual(range(300, 330));
    expect(stretches[1]).toEqual(range(270, 300));
    expect(stretches[3]).toEqual(range(210, 240));
  });

  it('keeps 40% of the values before validation for fitting the earliest stretch', () => {
    // Validation starts at 100: stretches may not start before 40.
    const stretches = rollingStretches(range(100, 130), 2);
    expect(stretches.map((s) => s[0])).toEqual([100, 70, 40]);
  });

  it('keeps the history a candidate needs before every stretch', () => {
    expect(rollingStretches(range(60, 90), 48).map((s) => s[0])).toEqual([60]);
  });

  it('sorts the validation origins and returns nothing without any', () => {
    expect(rollingStretches([12, 10, 11], 1)[0]).toEqual([10, 11, 12]);
    expect(rollingStretches([], 1)).toEqual([]);
  });
});
