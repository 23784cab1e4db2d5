/**
 * BLEU for a text generator: prompts cut from the held-out text are continued greedily and
 * the continuations scored against the words that really followed. Greedy decoding keeps the
 * score repeatable; words (not characters) are compared, whatever the model's token mode.
 */
import type * as tfTypes from '@tensorflow/tfjs';
import { detokenize, tokenize } from '../../data/prepare/text';
import type { Tf } from '../../tensorflow/load-tf';
import { corpusBleu } from './text-metrics';
import { continueWindows, greedyToken } from '../model/token-sampling';

/** Prompts scored at most; spread evenly over the held-out text. */
const MAX_PROMPTS = 24;

export interface ContinuationOptions {
  vocabulary: string[];
  tokens: 'char' | 'word';
  /** Tokens generated per prompt; by default 12 words or 60 characters (about a dozen words). */
  length?: number;
}

/**
 * Corpus BLEU-4 (epsilon smoothing) of greedy continuations; null when `ids` is too short for
 * one prompt of `window` tokens plus its continuation.
 */
export function continuationBleu(
  tf: Tf,
  model: tfTypes.LayersModel,
  ids: Int32Array,
  window: number,
  opts: ContinuationOptions,
): number | null {
  const length = opts.length ?? (opts.tokens === 'word' ? 12 : 60);
  const room = ids.length - window - length;
  if (room < 0) return null;
  const count = Math.min(MAX_PROMPTS, room + 1);
  const starts = Array.from({ length: count }, (_, i) => (count === 1 ? 0 : Math.round((i * room) / (count - 1))));
  const prompts = starts.map((s) => Array.from(ids.subarray(s, s + window)));
  const continuations = continueWindows(tf, model, prompts, length, greedyToken);
  const words = (tokenIds: ArrayLike<number>) =>
    tokenize(
      detokenize(
        Array.from(tokenIds, (id) => (id > 1 ? opts.vocabulary[id] : '')).filter((w) => w !== ''),
        opts.tokens,
      ),
      { tokens: 'word', lowercase: false },
    );
  const references = starts.map((s) => [words(ids.subarray(s + window, s + window + length))]);
  return corpusBleu(references, continuations.map(words), { smoothing: 'epsilon' }).bleu;
}
