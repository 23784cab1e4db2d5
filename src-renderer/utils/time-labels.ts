/**
 * Time labels as an analyst reads them. Main keeps every timestamp as a full ISO date, so a
 * yearly series arrives as "1871-01-01"; such a series reads better as "1871".
 */

// A date on the first of January at midnight, with or without a time part.
const NEW_YEAR = /^(-?\d{4})-01-01(?:[T ]00:00(?::00(?:\.0+)?)?(?:Z|[+-]00:?00)?)?$/;
// Midnight with no other time of day: the time part says nothing.
const MIDNIGHT = /^(\d{4}-\d{2}-\d{2})[T ]00:00(?::00(?:\.0+)?)?(?:Z|[+-]00:?00)?$/;

/** The year of a first-of-January label ("1871-01-01" → "1871"); other labels unchanged. */
export function yearLabel(label: string): string {
  return NEW_YEAR.exec(label.trim())?.[1] ?? label;
}

/**
 * Shortens a whole axis at once: years when every label is a first of January (a yearly
 * series), dates without "T00:00:00Z" when every label is a midnight; otherwise unchanged.
 * Deciding for the whole axis keeps a monthly series' January ticks from turning into years.
 */
export function compactTimeLabels(labels: readonly string[]): string[] {
  const present = labels.filter((l) => l !== '');
  if (present.length > 0 && present.every((l) => NEW_YEAR.test(l.trim()))) return labels.map(yearLabel);
  if (present.length > 0 && present.every((l) => MIDNIGHT.test(l.trim())))
    return labels.map((l) => MIDNIGHT.exec(l.trim())?.[1] ?? l);
  return [...labels];
}
