/**
 * Defaults for text generation: how far apart the training sequences start, from the length of the
 * text (an epoch of a book stays a minute or so), and the network and learning rate.
 *
 * Measured on the Coriolanus sample (150,000 characters, the tuning text; six epochs each, test
 * perplexity per character): LSTM(32) at 0.001, the spec's plain defaults, 7.79 (77 s); LSTM(64)
 * at 0.003 5.85 (139 s); LSTM(128) at 0.001 5.83; LSTM(128) at 0.003 5.47 (307 s). The plain
 * LSTM(32) trained four times as long (24 epochs, 319 s) reached only 6.40. Capacity is what a character
 * model lacks first. A short text trains few sequences an epoch, so the wider network costs it
 * little time, and early stopping keeps the epoch before it overfits.
 */
import type { TextColumnStats } from '../shared/types';

/** Sequences an epoch of text generation holds at most by default (a few seconds to a minute each). */
export const GENERATION_EPOCH_SEQUENCES = 50_000;

/** Share of the text that trains (validation and test take the default 15% each). */
const TRAIN_SHARE = 0.7;

/**
 * Characters between the starts of two training sequences of a generator: 1 (every position) for a
 * text of up to GENERATION_EPOCH_SEQUENCES characters in its training part (70% with the default
 * split), more for a longer one, so that an epoch of a book-length corpus takes seconds rather than
 * minutes and a hundred of them not hours. Each sequence still reads its full context; the next
 * characters of the others are skipped. `texts` counts the file's texts (lines), the statistics'
 * mean length is measured on the first few thousand.
 */
export function generationStride(texts: number, stats: Pick<TextColumnStats, 'meanChars'> | undefined): number {
  if (!stats) return 1;
  return Math.max(1, Math.round(trainingChars(texts, stats) / GENERATION_EPOCH_SEQUENCES));
}

/** The network and learning rate of a generator (see the measurements above). */
export const GENERATION_MODEL = {
  cell: 'LSTM' as const,
  units: 128,
  learningRate: 0.003,
};

function trainingChars(texts: number, stats: Pick<TextColumnStats, 'meanChars'>): number {
  return texts * stats.meanChars * TRAIN_SHARE;
}
