/**
 * Entity-level scores for tags in the BIO scheme (B-PER, I-PER, O; also IOB1 where an entity may
 * open with I-, and BIOES with E- and S-): the words are grouped into entities, and a predicted
 * entity counts as found only when its words and its type both match a true one exactly (the
 * CoNLL shared tasks' measure). Most words of a named-entity corpus carry "O", so the per-word
 * accuracy is high whatever the model finds; these scores say how many entities it finds.
 */

export interface EntityScores {
  precision: number;
  recall: number;
  f1: number;
  /** True entities in the test sequences. */
  support: number;
  /** Entities the model marked. */
  predicted: number;
}

const TAG = /^([BIES])-(.+)$/;

/** True when the classes are an entity tag set: "O" and prefixed tags, nothing else. */
export function isEntityTagSet(classes: string[]): boolean {
  return classes.includes('O') && classes.some((c) => TAG.test(c)) && classes.every((c) => c === 'O' || TAG.test(c));
}

/**
 * The entities of one sequence of tags as "start:end:type" keys. A B- or S- tag, or an I-/E- tag
 * of another type than the open entity (or after O), starts an entity; E- and S- end it; O ends it.
 */
export function entitySpans(tags: readonly string[]): string[] {
  const out: string[] = [];
  let start = -1;
  let type = '';
  const close = (end: number) => {
    if (start >= 0) out.push(`${start}:${end}:${type}`);
    start = -1;
  };
  tags.forEach((tag, i) => {
    const m = TAG.exec(tag);
    if (!m) {
      close(i - 1);
      return;
    }
    const [, prefix, kind] = m;
    if (prefix === 'B' || prefix === 'S' || start < 0 || kind !== type) {
      close(i - 1);
      start = i;
      type = kind;
    }
    if (prefix === 'E' || prefix === 'S') close(i);
  });
  close(tags.length - 1);
  return out;
}

/**
 * Scores predicted against true tags, sequence by sequence (`sequences` holds each sequence's
 * positions in `actual` and `predicted`; positions without a true tag are left out of both).
 */
export function entityScores(
  classes: string[],
  actual: ArrayLike<number>,
  predicted: ArrayLike<number>,
  sequences: readonly (readonly number[])[],
): EntityScores {
  let found = 0;
  let support = 0;
  let marked = 0;
  for (const positions of sequences) {
    const kept = positions.filter((p) => actual[p] >= 0);
    const truth = new Set(entitySpans(kept.map((p) => classes[actual[p]])));
    const guess = entitySpans(kept.map((p) => classes[predicted[p]]));
    support += truth.size;
    marked += guess.length;
    for (const g of guess) if (truth.has(g)) found++;
  }
  const precision = marked > 0 ? found / marked : 0;
  const recall = support > 0 ? found / support : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1, support, predicted: marked };
}
