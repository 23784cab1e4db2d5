/**
 * How close written outputs are to the expected ones, character by character: exact match
 * and character error rate (edits needed per expected character, Levenshtein).
 */

/** Insertions, deletions and substitutions that turn `a` into `b` (code points, so emoji count once). */
export function editDistance(a: string, b: string): number {
  const x = Array.from(a);
  const y = Array.from(b);
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i++) {
    const current = [i];
    for (let j = 1; j <= y.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (x[i - 1] === y[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[y.length];
}

/** Character error rate of one output: edits over the expected length (1 edit per character when expected is empty). */
export function characterErrorRate(expected: string, produced: string): number {
  return editDistance(expected, produced) / Math.max(1, Array.from(expected).length);
}

/**
 * Over a corpus: the share of outputs equal to the expected text, and the corpus character error
 * rate (all edits over all expected characters, so long texts weigh more, as in speech scoring).
 */
export function matchScores(
  expected: readonly string[],
  produced: readonly string[],
): { exactMatch: number; cer: number } {
  if (expected.length !== produced.length) {
    throw new RangeError(`${produced.length} outputs but ${expected.length} expected texts.`);
  }
  let exact = 0;
  let edits = 0;
  let chars = 0;
  expected.forEach((e, i) => {
    if (e === produced[i]) exact++;
    edits += editDistance(e, produced[i]);
    chars += Array.from(e).length;
  });
  return { exactMatch: exact / Math.max(1, expected.length), cer: edits / Math.max(1, chars) };
}
