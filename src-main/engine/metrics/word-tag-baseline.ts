/**
 * A word-by-word baseline for tagging words: each test word gets the tag it had most often in the
 * training sentences, and a word never seen there the tag most common among words seen only once
 * (rare words stand in for unknown ones: mostly names and nouns). It ignores the neighbours, which
 * is what a recurrent tagger is for; part-of-speech tagging scores about 0.9 this way on English, so
 * a network below it has not yet learned what the context adds, and the user should know that.
 */

export interface WordTagBaseline {
  accuracy: number;
}

/**
 * @param tokens the word of each row (null when missing), as the network reads it
 * @param labels the class index of each row, negative when the row has none
 * @param train rows of the training sentences
 * @param test rows of the test sentences
 * @returns null when no test row has both a word and a label
 */
export function wordTagBaseline(
  tokens: readonly (string | null)[],
  labels: ArrayLike<number>,
  classCount: number,
  train: Iterable<number>,
  test: Iterable<number>,
): WordTagBaseline | null {
  const counts = new Map<string, Int32Array>();
  for (const r of train) {
    const w = tokens[r];
    const y = labels[r];
    if (w === null || y < 0) continue;
    let c = counts.get(w);
    if (!c) counts.set(w, (c = new Int32Array(classCount)));
    c[y]++;
  }
  const best = new Map<string, number>();
  const rare = new Int32Array(classCount);
  const all = new Int32Array(classCount);
  for (const [w, c] of counts) {
    const top = argmax(c);
    best.set(w, top);
    let n = 0;
    for (let k = 0; k < classCount; k++) {
      n += c[k];
      all[k] += c[k];
    }
    if (n === 1) rare[top]++;
  }
  const unknown = rare.some((n) => n > 0) ? argmax(rare) : argmax(all);
  let right = 0;
  let scored = 0;
  for (const r of test) {
    const y = labels[r];
    if (y < 0) continue;
    const w = tokens[r];
    const guess = w === null ? unknown : (best.get(w) ?? unknown);
    scored++;
    if (guess === y) right++;
  }
  return scored > 0 ? { accuracy: right / scored } : null;
}

/** The first index of the largest count. */
function argmax(c: Int32Array): number {
  let top = 0;
  for (let k = 1; k < c.length; k++) if (c[k] > c[top]) top = k;
  return top;
}
