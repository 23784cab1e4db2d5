/** What a sequence-to-sequence run reports on its test split, and what its try-it box answers. */

/** One test pair as the model wrote it. */
export interface Seq2seqExample {
  source: string;
  expected: string;
  produced: string;
  /** Sentence BLEU-4 (words, epsilon smoothing), 0..1. */
  bleu: number;
  /** Edits per expected character. */
  cer: number;
  /**
   * Attention heatmap (models with attention only): weights[output token][source token] over the
   * source's tokens as written (padding left out), with both sides' tokens as labels.
   */
  attention?: { weights: number[][]; sourceTokens: string[]; outputTokens: string[] };
}

export interface Seq2seqEvaluation {
  kind: 'sequence-to-sequence';
  /** Test pairs scored. */
  pairs: number;
  decoding: 'greedy' | 'beam' | 'sample';
  /** Share of outputs identical to the expected text. */
  exactMatch: number;
  /** Corpus BLEU-4 over words (0..1). */
  bleu: number;
  /** Mean sentence BLEU-4 (0..1). */
  sentenceBleu: number;
  /** Corpus character error rate (all edits over all expected characters). */
  cer: number;
  /** The worst outputs, highest character error rate first (ties: longer expected first). */
  worst: Seq2seqExample[];
  /** Rows left out of training and testing, one sentence per reason. */
  leftOut: string[];
  /** A plain sentence when the outputs are mostly wrong, with what to try; null otherwise. */
  verdict?: string | null;
  /** Shown beside the scores when the test set is too small for a firm judgement. */
  caution?: string | null;
}

/** A try-it answer: the output written for a typed source. */
export interface Seq2seqOutput {
  produced: string;
  /** Source tokens the vocabulary does not know (they entered as the unknown token). */
  unknownTokens: string[];
  /** A sentence when the source was longer than the model reads, or had unknown tokens; null otherwise. */
  warning: string | null;
  attention?: Seq2seqExample['attention'];
}
