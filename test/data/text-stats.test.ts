import { describe, expect, it } from 'vitest';
import { summarizeColumn } from '../../src-main/data/summary/column-stats';
import { textStats } from '../../src-main/data/summary/text-stats';

describe('textStats', () => {
  it('counts words as the word tokenizer splits them, lowercased, skipping missing texts', () => {
    const s = textStats(['The plot was NOT good.', null, "It wasn't good", 'Good.']);
    // "the plot was not good ." / "it wasn't good" / "good ." → 6, 3, 2 tokens.
    expect(s).toMatchObject({ texts: 3, p95Words: 6, vocabulary: 8 });
    expect(s?.meanWords).toBeCloseTo(11 / 3);
    expect(s?.meanChars).toBeCloseTo((22 + 14 + 5) / 3);
  });

  it('is null for a column without any text', () => {
    expect(textStats([null, null])).toBeNull();
  });

  it('appears in the summary of text columns only', () => {
    const text = summarizeColumn({ name: 'review', type: 'text', values: ['a fine film', 'not fine'] }, 'text');
    const category = summarizeColumn({ name: 'label', type: 'categorical', values: ['a', 'b'] }, 'categorical');
    expect(text.text?.vocabulary).toBe(4);
    expect(category.text).toBeUndefined();
  });
});
