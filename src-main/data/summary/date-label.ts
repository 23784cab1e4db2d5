/** How the app writes a stored time stamp (epoch milliseconds, UTC) for people to read. */

/**
 * "2020-01-31" for a midnight time stamp, "2020-01-31T13:05:00Z" otherwise; '' for NaN. With
 * `withTime` (a column whose other stamps have a time of day) midnight is written out too, so an
 * hourly column does not show one row in twenty-four as a bare date.
 */
export function dateLabel(ms: number, withTime = false): string {
  if (Number.isNaN(ms)) return '';
  const iso = new Date(ms).toISOString();
  // Dates without a time of day read better without "T00:00:00.000Z".
  if (iso.endsWith('T00:00:00.000Z') && !withTime) return iso.slice(0, 10);
  return iso.endsWith('.000Z') ? iso.replace('.000Z', 'Z') : iso;
}
