/**
 * Text preparation: tokenization (characters or words), a vocabulary built on the training
 * texts (index 0 = padding, 1 = out-of-vocabulary, as in preprocessing.json), fixed-length
 * encoding, class labels, and next-token samples for text generation cut on the fly.
 */
import { DataError } from '../data-error';
import { type TokenizeOptions, tokenize } from '../../shared/tokenize';

export { type TokenizeOptions, tokenize };

export const PAD = 0;
export const OOV = 1;
export const PAD_TOKEN = '<pad>';
export const OOV_TOKEN = '<oov>';

export interface EncodeOptions {
  maxLength: number;
  padding: 'pre' | 'post';
  truncating: 'pre' | 'post';
}

/** Joins generated tokens back into text (words with spaces, no space before punctuation). */
export function detokenize(tokens: string[], mode: 'char' | 'word'): string {
  if (mode === 'char') return tokens.join('');
  let out = '';
  for (const tok of tokens) {
    const glue = out === '' || out.endsWith('\n') || tok === '\n' || /^[^\p{L}\p{N}]$/u.test(tok) ? '' : ' ';
    out += glue + tok;
  }
  return out;
}

/**
 * Vocabulary from the training texts: [pad, oov, ...tokens by falling frequency (ties in
 * alphabetical order, so it is reproducible)], at most `vocabSize` entries in all.
 */
export function buildVocabulary(texts: Iterable<string>, opts: TokenizeOptions & { vocabSize: number }): string[] {
  const counts = new Map<string, number>();
  for (const text of texts) {
    for (const tok of tokenize(text, opts)) counts.set(tok, (counts.get(tok) ?? 0) + 1);
  }
  const sorted = [...counts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const room = Math.max(0, opts.vocabSize - 2);
  return [PAD_TOKEN, OOV_TOKEN, ...sorted.slice(0, room).map(([tok]) => tok)];
}

/** Token → index lookup for a vocabulary; unknown tokens map to OOV. */
export function vocabularyIndex(vocabulary: string[]): (token: string) => number {
  const map = new Map<string, number>();
  for (let i = 2; i < vocabulary.length; i++) map.set(vocabulary[i], i);
  return (token) => map.get(token) ?? OOV;
}

/** Token ids of a text, unpadded. */
export function encodeTokens(text: string, lookup: (t: string) => number, opts: TokenizeOptions): Int32Array {
  const toks = tokenize(text, opts);
  const out = new Int32Array(toks.length);
  for (let i = 0; i < toks.length; i++) out[i] = lookup(toks[i]);
  return out;
}

/** Fits ids into `maxLength` slots, writing into `out` at `offset`: truncates and pads per the options. */
export function fitLength(
  ids: Int32Array,
  opts: EncodeOptions,
  out: Int32Array = new Int32Array(opts.maxLength),
  offset = 0,
): Int32Array {
  const n = opts.maxLength;
  const kept = ids.length > n ? (opts.truncating === 'pre' ? ids.subarray(ids.length - n) : ids.subarray(0, n)) : ids;
  const pad = n - kept.length;
  out.fill(PAD, offset, offset + n);
  out.set(kept, offset + (opts.padding === 'pre' ? pad : 0));
  return out;
}

/** Encodes texts to a [texts.length, maxLength] row-major Int32Array. */
export function encodeTexts(
  texts: readonly (string | null)[],
  vocabulary: string[],
  opts: TokenizeOptions & EncodeOptions,
): Int32Array {
  const lookup = vocabularyIndex(vocabulary);
  const out = new Int32Array(texts.length * opts.maxLength);
  texts.forEach((t, i) => fitLength(encodeTokens(t ?? '', lookup, opts), opts, out, i * opts.maxLength));
  return out;
}

export interface LabelEncoding {
  /** Sorted unique labels: index = class id. */
  classes: string[];
  /** Class id per row; -1 where the label is missing (the caller leaves those rows out). */
  indices: Int32Array;
  missing: number;
}

/** Class labels → ids. Throws DataError when fewer than two classes are present. */
export function labelEncoder(labels: readonly (string | number | null)[], column: string): LabelEncoding {
  const text = labels.map((l) => (l === null || (typeof l === 'number' && Number.isNaN(l)) ? null : String(l)));
  const classes = [...new Set(text.filter((l): l is string => l !== null))].sort();
  if (classes.length === 0) throw new DataError(`The label column '${column}' has no values.`, { column });
  if (classes.length === 1) {
    throw new DataError(`Only one class ('${classes[0]}') in column '${column}': a classifier needs at least two.`, {
      column,
    });
  }
  const index = new Map(classes.map((c, i) => [c, i]));
  let missing = 0;
  const indices = Int32Array.from(text, (l) => {
    if (l === null) {
      missing++;
      return -1;
    }
    return index.get(l)!;
  });
  return { classes, indices, missing };
}

export interface NextTokenBatch {
  /** [size, maxLength] token ids. */
  x: Int32Array;
  /** [size] the token following each sequence. */
  y: Int32Array;
  size: number;
}

/**
 * Next-token samples over one token stream: sample s is ids[s .. s+maxLength) → ids[s+maxLength].
 * Batches are cut on the fly; the samples × maxLength matrix is never built.
 */
export class NextTokenSampler {
  /** Number of samples (valid starts are 0 .. count-1). */
  readonly count: number;
  constructor(
    readonly ids: Int32Array,
    readonly maxLength: number,
  ) {
    this.count = Math.max(0, ids.length - maxLength);
    if (this.count === 0) {
      throw new DataError(
        `The text has ${ids.length} tokens; sequences of ${maxLength} need at least ${maxLength + 1}. Shorten the sequence length or add text.`,
      );
    }
  }

  batch(starts: ArrayLike<number>): NextTokenBatch {
    const n = starts.length;
    const L = this.maxLength;
    const x = new Int32Array(n * L);
    const y = new Int32Array(n);
    for (let b = 0; b < n; b++) {
      const s = starts[b];
      if (!(s >= 0 && s < this.count)) throw new RangeError(`Start ${s} is outside 0..${this.count - 1}.`);
      x.set(this.ids.subarray(s, s + L), b * L);
      y[b] = this.ids[s + L];
    }
    return { x, y, size: n };
  }
}

/** Encodes a corpus (texts joined by line breaks) into one token stream for next-token samples. */
export function encodeCorpus(
  texts: readonly (string | null)[],
  vocabulary: string[],
  opts: TokenizeOptions,
): Int32Array {
  const lookup = vocabularyIndex(vocabulary);
  return encodeTokens(texts.filter((t): t is string => t !== null).join('\n'), lookup, opts);
}
