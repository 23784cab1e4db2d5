import { describe, expect, it } from 'vitest';
import { compactTimeLabels, yearLabel } from '../../../src-renderer/utils/time-labels';

describe('time labels', () => {
  it('shows a first of January as its year, with or without a midnight time', () => {
    expect(yearLabel('1871-01-01')).toBe('1871');
    expect(yearLabel('1871-01-01T00:00:00.000Z')).toBe('1871');
    expect(yearLabel('1871-02-01')).toBe('1871-02-01');
    expect(yearLabel('1871')).toBe('1871');
  });

  it('turns a yearly axis into years but keeps a monthly axis whole', () => {
    const yearly = Array.from({ length: 5 }, (_, i) => `${1871 + i}-01-01T00:00:00.000Z`);
    expect(compactTimeLabels(yearly)).toEqual(['1871', '1872', '1873', '1874', '1875']);
    const monthly = ['1990-01-01', '1990-02-01', '1990-03-01'];
    expect(compactTimeLabels(monthly)).toEqual(monthly);
  });

  it('drops a midnight time part only when every label has one', () => {
    expect(compactTimeLabels(['2020-03-01T00:00:00Z', '2020-03-02T00:00:00Z'])).toEqual(['2020-03-01', '2020-03-02']);
    const hourly = ['2020-03-01T00:00:00Z', '2020-03-01T01:00:00Z'];
    expect(compactTimeLabels(hourly)).toEqual(hourly);
  });
});
