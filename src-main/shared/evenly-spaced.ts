/** Thinning a list to evenly spaced items, for the work and the charts that need only so many. */

/** Evenly spaced positions of `count` items, at most `max` of them, the first and last included (all when they fit). */
export function evenlySpaced(count: number, max: number): number[] {
  if (count <= max) return Array.from({ length: count }, (_, i) => i);
  const keep = Math.max(2, max);
  return Array.from({ length: keep }, (_, i) => Math.round((i * (count - 1)) / (keep - 1)));
}
