/** The series picker's filter keeps a thousand ids down to a few options. */
import { describe, expect, it } from 'vitest';
import { SHOWN_MATCHES, matchSeries } from '../../../src-renderer/utils/series-filter';

const ids = Array.from({ length: 1000 }, (_, i) => `store-${String(i + 1).padStart(4, '0')}`);

describe('matchSeries', () => {
  it('lists at most a page of ids for an empty query and counts the rest', () => {
    const m = matchSeries(ids, '');
    expect(m.shown).toHaveLength(SHOWN_MATCHES);
    expect(m.shown[0]).toBe('store-0001');
    expect(m.more).toBe(1000 - SHOWN_MATCHES);
  });

  it('narrows as the user types, ignoring case, ids starting with the query first', () => {
    const m = matchSeries(['B-north', 'north', 'South', 'Northeast'], 'NORTH');
    expect(m.shown).toEqual(['north', 'Northeast', 'B-north']);
    expect(m.more).toBe(0);
    expect(matchSeries(ids, '0999').shown).toEqual(['store-0999']);
  });

  it('finds nothing for a query no id holds', () => {
    expect(matchSeries(ids, 'warehouse')).toEqual({ shown: [], more: 0 });
  });
});
