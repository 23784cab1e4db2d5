import { describe, expect, it } from 'vitest';
import { characterErrorRate, editDistance, matchScores } from '../../../src-main/engine/metrics/sequence-match';

describe('edit distance and character error rate', () => {
  it('counts insertions, deletions and substitutions', () => {
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('abc', '')).toBe(3);
    expect(editDistance('2021-03-04', '2021-03-04')).toBe(0);
    // Code points: an emoji is one character, not two UTF-16 units.
    expect(editDistance('a😀b', 'ab')).toBe(1);
  });

  it('divides the edits by the expected length', () => {
    expect(characterErrorRate('2021-03-04', '2021-04-03')).toBeCloseTo(2 / 10);
    expect(characterErrorRate('', 'x')).toBe(1);
  });

  it('scores a corpus: exact share, and all edits over all expected characters', () => {
    const s = matchScores(['abcd', 'xy'], ['abcd', 'x']);
    expect(s.exactMatch).toBe(0.5);
    expect(s.cer).toBeCloseTo(1 / 6);
    expect(() => matchScores(['a'], [])).toThrow(/1 expected/);
  });
});
