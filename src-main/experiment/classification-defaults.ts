/**
 * Defaults for the tasks that read whole sequences (text classification, sequence classification
 * and labeling), from what the file shows: the token level and length from the texts' word counts
 * and vocabulary, the sequence id and length from the columns, and a schedule that survives the
 * plateau such data often starts on (a negation only helps once the network has learned its
 * interaction with the adjective; until then the loss sits at chance level).
 */
import type { ColumnSummary, DatasetSummary, TextColumnStats } from '../shared/types';

/** Texts averaging fewer words than this (names, codes, single words) are read character by character. */
const MIN_MEAN_WORDS = 3;
/** A vocabulary this large a share of all words means mostly unique tokens: characters generalise better. */
const MAX_UNIQUE_SHARE = 0.5;
const MAX_WORD_VOCABULARY = 20_000;
/** Optimizer steps without improvement before early stopping, spread over however many epochs they take. */
const PATIENCE_STEPS = 600;
const MIN_PATIENCE = 10;
const MAX_PATIENCE = 40;
/** Epochs that always run: the loss of such data often stays flat at first. */
const MIN_EPOCHS = 20;
/** Share of the samples that trains (validation and test take the default 15% each). */
const TRAIN_SHARE = 0.7;
/** Longest window a sequence default gets: longer recordings are cut into pieces. */
const MAX_SEQUENCE_LENGTH = 500;

export interface TextDefaults {
  tokens: 'char' | 'word';
  maxLength: number;
  vocabSize: number;
}

/**
 * Word tokens for sentences (at least 3 words on average, with a vocabulary that repeats),
 * characters otherwise; the length covers 95% of the texts; the vocabulary keeps every word
 * seen (up to 20,000). Without statistics (an older summary): characters, 100, 10,000.
 */
export function textDefaults(stats: TextColumnStats | undefined): TextDefaults {
  if (!stats) return { tokens: 'char', maxLength: 100, vocabSize: 10_000 };
  const words = stats.meanWords * stats.texts;
  const repeats = words > 0 && stats.vocabulary / words <= MAX_UNIQUE_SHARE;
  if (stats.meanWords >= MIN_MEAN_WORDS && repeats) {
    return {
      tokens: 'word',
      maxLength: clamp(stats.p95Words, 8, 400),
      // Two more than the words seen: padding and out-of-vocabulary take indices 0 and 1.
      vocabSize: Math.min(MAX_WORD_VOCABULARY, stats.vocabulary + 2),
    };
  }
  return { tokens: 'char', maxLength: clamp(Math.ceil(stats.meanChars * 1.5), 16, 1000), vocabSize: 10_000 };
}

/** Texts read as this many words or more are documents, not sentences (see classificationTraining). */
export const LONG_TEXT_WORDS = 100;

/**
 * Training for `samples` labelled sequences: batch 16 below 500 samples (else 32), learning rate
 * 0.003, early stopping after about 600 optimizer steps without improvement (10–40 epochs, so a
 * small dataset gets more epochs to leave its plateau) and never before epoch 20, epochs enough
 * for four patiences, and no learning-rate halving: halving while still on the plateau slows the
 * escape from it. Documents read as LONG_TEXT_WORDS words or more learn at 0.001: on 2,000 film
 * reviews of 400 words (Pang and Lee) 0.003 overfitted within three epochs and scored 0.64–0.72
 * over three seeds, 0.001 scored 0.73–0.80; sentences keep 0.003, which leaves the plateau of
 * negations sooner.
 */
export function classificationTraining(samples: number, wordsPerText: number | null = null) {
  const batchSize = samples < 500 ? 16 : 32;
  const batchesPerEpoch = Math.max(1, Math.ceil((samples * TRAIN_SHARE) / batchSize));
  const patience = clamp(Math.ceil(PATIENCE_STEPS / batchesPerEpoch), MIN_PATIENCE, MAX_PATIENCE);
  return {
    batchSize,
    epochs: Math.max(100, 4 * patience),
    optimizer: { learningRate: wordsPerText !== null && wordsPerText >= LONG_TEXT_WORDS ? 0.001 : 0.003 },
    earlyStopping: { enabled: true, patience, restoreBest: true, minEpochs: MIN_EPOCHS },
    reduceLrOnPlateau: { enabled: false },
  };
}

/**
 * The column whose values group rows into sequences (a recording, a week) and the typical
 * sequence length, for tables with several rows per sequence: the importer's id column, else the
 * first categorical or date column other than the target that repeats (2 or more rows per value
 * on average). Null when every row is its own sequence.
 */
export function sequenceGrouping(
  summary: DatasetSummary,
  target: string,
): { idColumn: string; lookback: number; column: ColumnSummary } | null {
  const candidates = summary.columns.filter(
    (c) =>
      c.name !== target &&
      (c.name === summary.idColumn || c.type === 'categorical' || c.type === 'datetime') &&
      c.distinct >= 2 &&
      c.distinct <= summary.rows / 2,
  );
  const column = candidates.find((c) => c.name === summary.idColumn) ?? candidates[0];
  if (!column) return null;
  const lookback = clamp(Math.ceil(summary.rows / column.distinct), 2, MAX_SEQUENCE_LENGTH);
  return { idColumn: column.name, lookback, column };
}

function clamp(x: number, lo: number, hi: number): number {
  return Math.max(lo, Math.min(hi, Math.round(x)));
}
