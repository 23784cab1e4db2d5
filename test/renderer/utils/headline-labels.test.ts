import { describe, expect, it } from 'vitest';
import { formatHeadline } from '../../../src-renderer/utils/run-labels';

describe('headline metrics in the runs table', () => {
  it("names a global forecast's scaled error in words, with the naive forecast at 1", () => {
    expect(formatHeadline('scaledError', 0.5571)).toBe('Scaled error 0.557');
  });

  it('writes a missing score as a dash, not NaN', () => {
    expect(formatHeadline('scaledError', Number.NaN)).toBe('Scaled error —');
    expect(formatHeadline('rmse', Number.POSITIVE_INFINITY)).toBe('RMSE —');
  });
});
