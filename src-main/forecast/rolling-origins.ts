/**
 * Rolling-origin validation for the automatic choices: besides the validation stretch itself,
 * the stretches of the same length just before it, each scored as if the series ended there, so
 * one unusual validation period cannot decide alone.
 */

/** At most this many stretches in all (the validation stretch and the ones before it). */
export const MAX_STRETCHES = 4;
/** An earlier stretch must leave at least this share of the values before validation for fitting. */
const MIN_FIT_SHARE = 0.4;

/**
 * The validation origins, then up to MAX_STRETCHES − 1 earlier stretches of the same span,
 * newest first. An earlier stretch is kept only when at least `minHistory` values (what its
 * candidates need to be fitted) and 40% of the values before validation precede it.
 */
export function rollingStretches(validationOrigins: number[], minHistory: number): number[][] {
  if (validationOrigins.length === 0) return [];
  const sorted = [...validationOrigins].sort((a, b) => a - b);
  const first = sorted[0];
  const span = sorted[sorted.length - 1] - first + 1;
  const earliest = Math.max(minHistory, Math.ceil(first * MIN_FIT_SHARE));
  const stretches = [sorted];
  for (let j = 1; j < MAX_STRETCHES; j++) {
    const shift = j * span;
    if (first - shift < earliest) break;
    stretches.push(sorted.map((t) => t - shift));
  }
  return stretches;
}

/**
 * The earliest of `origins`. A loop, not Math.min(...origins): spreading millions of origins
 * into call arguments overflows the stack on a long series.
 */
export function earliestOrigin(origins: ArrayLike<number>): number {
  let min = Number.POSITIVE_INFINITY;
  for (let i = 0; i < origins.length; i++) if (origins[i] < min) min = origins[i];
  return min;
}
