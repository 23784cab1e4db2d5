import { describe, expect, it } from 'vitest';
import { pairStats } from '../../../src-renderer/utils/pair-stats';

describe('pairStats', () => {
  const rows: [string | null, string | null][] = [
    ['March 4, 2021', '2021-03-04'],
    ['MAR 4 21', '2021-03-04'],
    ['', '2020-01-01'],
    ['4th of March, 2021, a Thursday', null],
    ['Thu 4 Mar 2021', '2021-03-04'],
  ];

  it('counts pairs, empty sides, lengths, vocabularies and pairs beyond the maximum lengths', () => {
    const s = pairStats(rows, { tokens: 'char', lowercase: true }, { source: 13, target: 10 });
    expect(s.pairs).toBe(3);
    expect(s.emptySide).toBe(2);
    expect(s.source.maxTokens).toBe(14);
    expect(s.source.meanTokens).toBeCloseTo((13 + 8 + 14) / 3);
    expect(s.source.overLimit).toBe(1);
    expect(s.target.overLimit).toBe(0);
    // Lowercased sources: 'M' of MAR and 'm' of March are one character.
    expect(s.source.vocabulary).toBe(new Set('march 4, 2021mar 4 21thu 4 mar 2021').size);
    expect(s.target.vocabulary).toBe(new Set('2021-03-04').size);
  });

  it('keeps the targets in their own case and counts words in word mode', () => {
    const s = pairStats(
      [
        ['five', 'V'],
        ['Five', 'v'],
      ],
      { tokens: 'word', lowercase: true },
      { source: 5, target: 5 },
    );
    expect(s.source.vocabulary).toBe(1);
    expect(s.target.vocabulary).toBe(2);
  });
});
