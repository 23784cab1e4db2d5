/**
 * What a classifier's accuracy means next to the simplest rule, and how much its test set can
 * say: the accuracy of always answering the most common class, and the chance swing of an
 * accuracy measured on few predictions.
 */

/** Always answering one class: which, and the accuracy it scores on the same test split. */
export interface MajorityBaseline {
  label: string;
  accuracy: number;
  /** Predictions in the test split (texts, sequences or time steps). */
  total: number;
}

/** The majority-class baseline from a confusion matrix (rows: actual); null when it counts nothing. */
export function majorityBaseline(
  classes: readonly string[],
  confusion: readonly (readonly number[])[],
): MajorityBaseline | null {
  const actual = confusion.map((row) => row.reduce((a, b) => a + b, 0));
  const total = actual.reduce((a, b) => a + b, 0);
  if (total === 0) return null;
  let best = 0;
  actual.forEach((n, i) => {
    if (n > (actual[best] ?? 0)) best = i;
  });
  return { label: classes[best] ?? String(best), accuracy: (actual[best] ?? 0) / total, total };
}

/** Half-width of the 95% interval of an accuracy measured on `n` predictions (normal approximation). */
export function accuracyMargin(accuracy: number, n: number): number {
  if (n <= 0) return 1;
  const p = Math.min(1, Math.max(0, accuracy));
  // Never below the margin of one prediction: at 100% or 0% the formula alone would claim certainty.
  return Math.max(1.96 * Math.sqrt((p * (1 - p)) / n), 1 / n);
}

/** A margin above this many points makes the test set small enough to say so beside the verdict. */
export const SMALL_TEST_MARGIN = 0.05;
