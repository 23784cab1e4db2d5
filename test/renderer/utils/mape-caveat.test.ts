import { describe, expect, it } from 'vitest';
import { mapeCaveat } from '../../../src-renderer/utils/mape-caveat';

describe('MAPE caveat', () => {
  it('keeps MAPE for actuals well away from zero', () => {
    expect(mapeCaveat([1120, 1160, 963, 1210])).toBeNull();
  });

  it('leaves MAPE out, saying why, when the actuals cross zero', () => {
    // Winter temperatures around freezing.
    expect(mapeCaveat([-3.2, -0.5, 1.4, 6.8])).toBe(
      'MAPE is left out: the test actuals cross zero (from -3.2 to 6.8), where percentage errors explode.',
    );
  });

  it('leaves MAPE out for an exact zero and for values close to zero', () => {
    expect(mapeCaveat([0, 4, 7])).toContain('exactly zero');
    expect(mapeCaveat([0.05, 40, 60, 55])).toContain('come close to zero');
  });
});
