/** Missing-value strategies for prepared series columns (NaN marks a missing value). */

export type FillStrategy = 'ffill' | 'interpolate' | 'mean';

/**
 * Fills NaN in place and returns how many were filled. Leading gaps in ffill, and edges in
 * interpolate, take the nearest observed value: there is nothing earlier to carry forward.
 * Returns -1 when the column has no value at all (nothing to fill from).
 */
export function fillMissing(v: Float64Array, strategy: FillStrategy): number {
  let first = -1;
  let sum = 0;
  let present = 0;
  for (let i = 0; i < v.length; i++) {
    if (Number.isNaN(v[i])) continue;
    if (first < 0) first = i;
    sum += v[i];
    present++;
  }
  if (present === 0) return v.length === 0 ? 0 : -1;
  const missing = v.length - present;
  if (missing === 0) return 0;
  if (strategy === 'mean') {
    const mean = sum / present;
    for (let i = 0; i < v.length; i++) if (Number.isNaN(v[i])) v[i] = mean;
    return missing;
  }
  for (let i = 0; i < first; i++) v[i] = v[first];
  let last = first;
  for (let i = first + 1; i < v.length; i++) {
    if (!Number.isNaN(v[i])) {
      if (strategy === 'interpolate' && i - last > 1) {
        const a = v[last];
        const b = v[i];
        for (let j = last + 1; j < i; j++) v[j] = a + ((b - a) * (j - last)) / (i - last);
      }
      last = i;
    } else if (strategy === 'ffill') {
      v[i] = v[i - 1];
      last = i;
    }
  }
  // Trailing gap under interpolate: nothing later to interpolate towards.
  for (let i = last + 1; i < v.length; i++) v[i] = v[last];
  return missing;
}
