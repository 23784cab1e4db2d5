/**
 * Metrics for generated text: perplexity from the mean token cross-entropy, and BLEU (Papineni
 * et al., 2002: "BLEU: a Method for Automatic Evaluation of Machine Translation") with the
 * corpus-level sums, clipped n-gram counts, closest-reference brevity penalty and the smoothing
 * methods of Chen & Cherry (2014) as NLTK names them.
 */

/** Perplexity of a model whose mean cross-entropy (natural log) per token is `meanCrossEntropy`. */
export function perplexity(meanCrossEntropy: number): number {
  return Math.exp(meanCrossEntropy);
}

/** Perplexity from the probabilities the model gave the tokens that actually came next. */
export function perplexityOf(probabilities: ArrayLike<number>): number {
  if (probabilities.length === 0) throw new RangeError('Perplexity needs at least one token.');
  let sum = 0;
  for (let i = 0; i < probabilities.length; i++) sum -= Math.log(probabilities[i]);
  return perplexity(sum / probabilities.length);
}

/**
 * What to do with an n-gram order that has no match (which otherwise makes BLEU 0):
 * - 'none': nothing, BLEU is 0;
 * - 'epsilon': a zero match count becomes `epsilon` (Chen & Cherry method 1, NLTK method1);
 * - 'add-one': 1 is added to the matches and the total of every order above unigrams
 *   (Lin & Och 2004, NLTK method2).
 */
export type BleuSmoothing = 'none' | 'epsilon' | 'add-one';

export interface BleuOptions {
  /** Highest n-gram order, with uniform weights 1/maxOrder; 4 by default (BLEU-4). */
  maxOrder?: number;
  smoothing?: BleuSmoothing;
  /** The count a zero becomes with 'epsilon' smoothing; 0.1 by default, as in NLTK. */
  epsilon?: number;
}

export interface BleuScore {
  /** Between 0 and 1. */
  bleu: number;
  /** Modified n-gram precision per order (1-grams first), before smoothing. */
  precisions: number[];
  brevityPenalty: number;
  /** Total tokens of the candidates (c in the paper). */
  candidateLength: number;
  /** Sum over candidates of the reference length closest to the candidate's (r in the paper). */
  referenceLength: number;
}

/**
 * Corpus BLEU: n-gram matches and totals are summed over all candidates before dividing, and
 * the brevity penalty uses the summed lengths, as in the paper (not the mean of sentence scores).
 * @param references per candidate, one or more reference token lists
 * @param candidates token lists, one per entry of `references`
 */
export function corpusBleu(
  references: readonly (readonly (readonly string[])[])[],
  candidates: readonly (readonly string[])[],
  opts: BleuOptions = {},
): BleuScore {
  if (references.length !== candidates.length) {
    throw new RangeError(`${candidates.length} candidates but references for ${references.length}.`);
  }
  const maxOrder = opts.maxOrder ?? 4;
  const smoothing = opts.smoothing ?? 'none';
  const epsilon = opts.epsilon ?? 0.1;
  const matches = new Array<number>(maxOrder).fill(0);
  const totals = new Array<number>(maxOrder).fill(0);
  let candidateLength = 0;
  let referenceLength = 0;
  candidates.forEach((candidate, i) => {
    const refs = references[i];
    if (refs.length === 0) throw new RangeError(`Candidate ${i + 1} has no reference.`);
    for (let n = 1; n <= maxOrder; n++) {
      const counts = ngramCounts(candidate, n);
      const maxRef = new Map<string, number>();
      for (const ref of refs) {
        for (const [gram, c] of ngramCounts(ref, n)) if (c > (maxRef.get(gram) ?? 0)) maxRef.set(gram, c);
      }
      let clipped = 0;
      let total = 0;
      for (const [gram, c] of counts) {
        clipped += Math.min(c, maxRef.get(gram) ?? 0);
        total += c;
      }
      matches[n - 1] += clipped;
      // A candidate shorter than n still counts one (empty) trial, as NLTK does, so short
      // candidates cannot divide by zero.
      totals[n - 1] += Math.max(1, total);
    }
    candidateLength += candidate.length;
    referenceLength += closestLength(refs, candidate.length);
  });
  const precisions = matches.map((m, k) => m / totals[k]);
  const brevityPenalty = brevity(candidateLength, referenceLength);
  const result = { precisions, brevityPenalty, candidateLength, referenceLength };
  // Without a single matching word there is nothing to smooth.
  if (matches[0] === 0) return { bleu: 0, ...result };
  let logSum = 0;
  for (let k = 0; k < maxOrder; k++) {
    let p = precisions[k];
    if (smoothing === 'epsilon' && matches[k] === 0) p = epsilon / totals[k];
    if (smoothing === 'add-one' && k > 0) p = (matches[k] + 1) / (totals[k] + 1);
    if (p === 0) return { bleu: 0, ...result };
    logSum += Math.log(p) / maxOrder;
  }
  return { bleu: brevityPenalty * Math.exp(logSum), ...result };
}

/** BLEU of one candidate against its references (corpus BLEU over a corpus of one). */
export function sentenceBleu(
  references: readonly (readonly string[])[],
  candidate: readonly string[],
  opts: BleuOptions = {},
): BleuScore {
  return corpusBleu([references], [candidate], opts);
}

/** Brevity penalty: 1 for candidates at least as long as the references, exp(1 - r/c) otherwise. */
export function brevity(candidateLength: number, referenceLength: number): number {
  if (candidateLength > referenceLength) return 1;
  if (candidateLength === 0) return 0;
  return Math.exp(1 - referenceLength / candidateLength);
}

/** The reference length closest to `length`; the shorter one on a tie. */
function closestLength(refs: readonly (readonly string[])[], length: number): number {
  let best = refs[0].length;
  for (const r of refs) {
    const d = Math.abs(r.length - length);
    const bestD = Math.abs(best - length);
    if (d < bestD || (d === bestD && r.length < best)) best = r.length;
  }
  return best;
}

function ngramCounts(tokens: readonly string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i++) {
    // A separator that tokens never contain keeps ("a b", "c") apart from ("a", "b c").
    const gram = tokens.slice(i, i + n).join('\u0000');
    counts.set(gram, (counts.get(gram) ?? 0) + 1);
  }
  return counts;
}
