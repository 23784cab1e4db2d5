/** The one number formatter: significant digits, rounded as main rounds them. */
import { describe, expect, it } from 'vitest';
import { threeDigits } from '../../../src-main/shared/number-format';
import { formatNumber, formatPoints, formatScore, formatSigned } from '../../../src-renderer/utils/format';

describe('formatNumber and its kin', () => {
  it('rounds as main does, to significant digits', () => {
    for (const value of [1517.3322983551025, 0.000123456, -42.195, 70.36761234]) {
      expect(formatNumber(value, 3).replace(/,/g, '')).toBe(threeDigits(value));
    }
    expect(formatNumber(0.1234567890123456)).toBe('0.1235');
  });

  it('writes signed changes, scores and percentage points', () => {
    expect(formatSigned(1.23456)).toBe('+1.23');
    expect(formatSigned(-0.5)).toBe('-0.5');
    expect(formatSigned(0)).toBe('0');
    // Scores line up in a column with three decimals; a score far outside [−1, 1] reads as a number.
    expect(formatScore(0.97)).toBe('0.970');
    expect(formatScore(-1234.5678)).toBe('-1,235');
    expect(formatScore(null)).toBe('—');
    expect(formatPoints(0.15)).toBe('15 points');
    expect(formatPoints(-0.0523)).toBe('5.2 points');
  });
});
