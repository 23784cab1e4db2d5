/**
 * Sequence-to-sequence data: pairs of texts from two columns, tokenized (characters or words),
 * vocabularies (one each side, or shared) with start / end / padding / unknown tokens, and the
 * pairs that cannot train (an empty side, longer than the maximum lengths) left out and counted.
 */
import { DataError } from '../../../data/data-error';
import { buildVocabulary, encodeTokens, tokenize, vocabularyIndex } from '../../../data/prepare/text';
import type { Table } from '../../../data/table';
import type { ExperimentSpec } from '../../../shared/spec';
import { requireColumn, stringValues } from '../common/table-columns';

/** Token ids every target vocabulary reserves (0 padding and 1 unknown come from data/prepare/text). */
export const START = 2;
export const END = 3;
export const START_TOKEN = '<start>';
export const END_TOKEN = '<end>';

/** The text sides of a pair table, after leaving out the rows that cannot train. */
export interface PairTexts {
  sources: string[];
  targets: string[];
  /** One sentence per kind of row left out, with its count; empty when every row is used. */
  leftOut: string[];
}

/** How a side is tokenized: the spec's token mode and case. */
export interface PairTokenizing {
  tokens: 'char' | 'word';
  /** Lowercases the source only: the target is what the model must write, case included. */
  lowercase: boolean;
}

/** The target's tokenizing: the source's token mode, case kept (a normalised "USD" stays "USD"). */
export function targetTokenizing(tok: PairTokenizing): PairTokenizing {
  return { tokens: tok.tokens, lowercase: false };
}

/** The vocabularies of a trained pair model, as preprocessing.json keeps them. */
export interface PairVocabularies {
  source: string[];
  /** Index 2 is the start token and 3 the end token. */
  target: string[];
}

/** Reads the source (`data.text.column`) and target (`data.targetColumns[0]`) columns. */
export function readPairs(table: Table, spec: ExperimentSpec): PairTexts {
  const sourceName = spec.data.text.column;
  if (!sourceName) throw new DataError('Choose the column that holds the source texts (what the model reads).');
  const targetName = spec.data.targetColumns[0];
  if (sourceName === targetName) {
    throw new DataError(`The source and the target are both '${sourceName}': choose two different columns.`, {
      column: targetName,
    });
  }
  const sourceColumn = textLike(table, sourceName, 'source');
  const targetColumn = textLike(table, targetName, 'target');
  const tok: PairTokenizing = { tokens: spec.data.text.tokens, lowercase: spec.data.text.lowercase };
  const maxSource = spec.data.text.maxLength;
  const maxTarget = spec.seq2seq.targetMaxLength;
  const sources: string[] = [];
  const targets: string[] = [];
  let empty = 0;
  let longSource = 0;
  let longTarget = 0;
  for (let i = 0; i < table.rowCount; i++) {
    const s = sourceColumn[i]?.trim() ?? '';
    const t = targetColumn[i]?.trim() ?? '';
    if (s === '' || t === '') empty++;
    else if (tokenize(s, tok).length > maxSource) longSource++;
    else if (tokenize(t, targetTokenizing(tok)).length > maxTarget) longTarget++;
    else {
      sources.push(s);
      targets.push(t);
    }
  }
  const unit = tok.tokens === 'char' ? 'characters' : 'words';
  const rows = (n: number) => `${n} row${n === 1 ? '' : 's'}`;
  const leftOut: string[] = [];
  if (empty > 0) leftOut.push(`${rows(empty)} with an empty source or target left out.`);
  if (longSource > 0) {
    leftOut.push(
      `${rows(longSource)} whose source is longer than ${maxSource} ${unit} left out (raise the source maximum length to keep them).`,
    );
  }
  if (longTarget > 0) {
    leftOut.push(
      `${rows(longTarget)} whose target is longer than ${maxTarget} ${unit} left out (raise the target maximum length to keep them).`,
    );
  }
  if (sources.length === 0) {
    throw new DataError(`No pair of '${sourceName}' → '${targetName}' can train: ${leftOut.join(' ')}`);
  }
  return { sources, targets, leftOut };
}

/** Cell values of a column as written; dates and numbers parsed on import cannot be read back. */
function textLike(table: Table, name: string, side: string): (string | null)[] {
  const c = requireColumn(table, name, side);
  if (c.type === 'datetime') {
    throw new DataError(
      `The ${side} column '${name}' was read as dates, which loses how they were written: set its type to text.`,
      { column: name },
    );
  }
  return stringValues(c);
}

/**
 * Vocabularies from the training pairs: [pad, unknown, ...] for the source, and [pad, unknown,
 * start, end, ...] for the target; shared, both are the same list (start and end included).
 */
export function buildPairVocabularies(
  sources: readonly string[],
  targets: readonly string[],
  opts: PairTokenizing & { vocabSize: number; shared: boolean },
): PairVocabularies {
  const withMarkers = (vocab: string[]) => [vocab[0], vocab[1], START_TOKEN, END_TOKEN, ...vocab.slice(2)];
  const targetOpts = { ...targetTokenizing(opts), vocabSize: opts.vocabSize - 2 };
  if (opts.shared) {
    // Sources lowercased as they will be read, targets as written: one list holds both.
    const read = opts.lowercase ? sources.map((s) => s.toLowerCase()) : sources;
    const both = withMarkers(buildVocabulary([...read, ...targets], targetOpts));
    return { source: both, target: both };
  }
  return {
    source: buildVocabulary(sources, opts),
    target: withMarkers(buildVocabulary(targets, targetOpts)),
  };
}

/** Encodes pairs for training: source ids pre-padded, decoder input and labels post-padded. */
export class PairEncoder {
  /** Steps of the encoder input. */
  readonly sourceLength: number;
  /** Steps of the decoder: the target maximum length plus the start (input) or end (label) token. */
  readonly targetLength: number;
  private readonly sourceLookup: (t: string) => number;
  private readonly targetLookup: (t: string) => number;

  constructor(
    readonly vocabularies: PairVocabularies,
    private readonly tok: PairTokenizing,
    sourceMax: number,
    targetMax: number,
  ) {
    this.sourceLength = sourceMax;
    this.targetLength = targetMax + 1;
    this.sourceLookup = vocabularyIndex(vocabularies.source);
    this.targetLookup = vocabularyIndex(vocabularies.target);
  }

  /** Source ids, cut to the last `sourceLength` tokens when longer (prediction only: training leaves them out). */
  sourceIds(text: string): Int32Array {
    const ids = encodeTokens(text, this.sourceLookup, this.tok);
    return ids.length > this.sourceLength ? ids.subarray(ids.length - this.sourceLength) : ids;
  }

  targetIds(text: string): Int32Array {
    return encodeTokens(text, this.targetLookup, targetTokenizing(this.tok));
  }

  /**
   * Writes one pair at `row`: x holds the source (padding first, so the encoder's last step is
   * the text's last token) then the decoder input [start, y1..yn, padding]; y holds the labels
   * [y1..yn, end] with -1 on padded steps, which the loss and accuracy skip.
   */
  writePair(source: string, target: string, x: Float32Array, y: Float32Array, row: number): number {
    const S = this.sourceLength;
    const T = this.targetLength;
    const xo = row * (S + T);
    const yo = row * T;
    const src = this.sourceIds(source);
    x.fill(0, xo, xo + S + T);
    for (let i = 0; i < src.length; i++) x[xo + S - src.length + i] = src[i];
    const tgt = this.targetIds(target).subarray(0, T - 1);
    y.fill(-1, yo, yo + T);
    x[xo + S] = START;
    for (let i = 0; i < tgt.length; i++) {
      x[xo + S + 1 + i] = tgt[i];
      y[yo + i] = tgt[i];
    }
    y[yo + tgt.length] = END;
    return tgt.length + 1;
  }
}
