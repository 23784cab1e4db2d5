/**
 * Filter-as-you-type over a file's series ids: with a thousand series only the first matches
 * become DOM options, and the picker says how many more a longer query would reach.
 */

/** Matches shown at once; typing narrows the rest. */
export const SHOWN_MATCHES = 50;

export interface SeriesMatches {
  /** The ids to list, at most `limit`: ids that start with the query first, then ones containing it. */
  shown: string[];
  /** Matches beyond `shown`. */
  more: number;
}

/** The ids matching `query` (case-insensitive; an empty query matches every id). */
export function matchSeries(ids: readonly string[], query: string, limit = SHOWN_MATCHES): SeriesMatches {
  const q = query.trim().toLowerCase();
  const starting: string[] = [];
  const containing: string[] = [];
  let total = 0;
  for (const id of ids) {
    const lower = id.toLowerCase();
    const at = q === '' ? 0 : lower.indexOf(q);
    if (at < 0) continue;
    total++;
    if (at === 0) {
      if (starting.length < limit) starting.push(id);
    } else if (containing.length < limit) containing.push(id);
  }
  const shown = [...starting, ...containing].slice(0, limit);
  return { shown, more: total - shown.length };
}
