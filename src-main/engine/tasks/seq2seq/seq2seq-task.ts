/**
 * Sequence to sequence: an encoder reads a source text, a decoder writes the target text (of any
 * length) one token at a time. Pairs are split at random into training, validation and test;
 * training uses teacher forcing (the decoder reads the true previous token) with the padded steps
 * masked out of the loss; the test split is scored on outputs the model writes on its own.
 */
import type * as tfTypes from '@tensorflow/tfjs';
import { detokenize, tokenize } from '../../../data/prepare/text';
import type { Table } from '../../../data/table';
import type { PreprocessingFile } from '../../../shared/preprocessing';
import type { ExperimentSpec } from '../../../shared/spec';
import type { Seq2seqEvaluation, Seq2seqExample } from '../../../shared/types-seq2seq';
import type { Tf } from '../../../tensorflow/load-tf';
import { matchScores, characterErrorRate } from '../../metrics/sequence-match';
import { corpusBleu, sentenceBleu } from '../../metrics/text-metrics';
import type { BatchSource } from '../../training/batch-source';
import { splitSamples } from '../common/sample-split';
import { textPreprocessing } from '../common/text-preprocessing';
import type { PreparedTask } from '../prepared-task';
import { buildPairVocabularies, PairEncoder, readPairs, targetTokenizing, type PairVocabularies } from './seq2seq-data';
import { buildSeq2seqModel } from './seq2seq-model';
import { Seq2seqTranslator } from './seq2seq-translator';

/** Worst test outputs kept for the results table. */
const WORST_SHOWN = 20;

/** Prepares a sequence-to-sequence run from a table of pairs. */
export function prepareSeq2seq(table: Table, spec: ExperimentSpec): PreparedTask {
  const t = spec.data.text;
  const pairs = readPairs(table, spec);
  const split = splitSamples(pairs.sources.length, spec.data.split, spec.training.seed);
  const pick = (ids: Int32Array, side: string[]) => Array.from(ids, (i) => side[i]);
  const vocabularies = buildPairVocabularies(pick(split.train, pairs.sources), pick(split.train, pairs.targets), {
    tokens: t.tokens,
    lowercase: t.lowercase,
    vocabSize: t.vocabSize,
    shared: spec.seq2seq.sharedVocabulary,
  });
  const encoder = new PairEncoder(
    vocabularies,
    { tokens: t.tokens, lowercase: t.lowercase },
    t.maxLength,
    spec.seq2seq.targetMaxLength,
  );
  const S = encoder.sourceLength;
  const T = encoder.targetLength;
  const source: BatchSource = {
    xShape: [S + T],
    yShape: [T],
    train: split.train,
    validation: split.validation.length > 0 ? split.validation : null,
    nextBatch(origins) {
      const x = new Float32Array(origins.length * (S + T));
      const y = new Float32Array(origins.length * T);
      let labeledSteps = 0;
      for (let i = 0; i < origins.length; i++) {
        labeledSteps += encoder.writePair(pairs.sources[origins[i]], pairs.targets[origins[i]], x, y, i);
      }
      return { x, y, size: origins.length, labeledSteps };
    },
  };
  const unit = t.tokens === 'char' ? 'characters' : 'words';
  const notes = [
    `${pairs.sources.length} pairs '${t.column}' → '${spec.data.targetColumns[0]}': ${split.train.length} for training, ${split.validation.length} for validation, ${split.test.length} for testing.`,
    ...pairs.leftOut,
    spec.seq2seq.sharedVocabulary
      ? `One shared vocabulary of ${vocabularies.source.length} ${unit}.`
      : `Vocabularies: ${vocabularies.source.length} source and ${vocabularies.target.length} target ${unit} (with padding, unknown, start and end).`,
  ];
  return {
    source,
    dims: { timesteps: S + T, features: 1, outputs: 1, horizon: 1, vocabSize: vocabularies.target.length },
    loss: 'sparseCategoricalCrossentropy',
    notes,
    buildModel: (tf) =>
      buildSeq2seqModel(tf, spec, {
        sourceLength: S,
        targetLength: T,
        sourceVocab: vocabularies.source.length,
        targetVocab: vocabularies.target.length,
      }),
    evaluate(tf: Tf, model: tfTypes.LayersModel): Seq2seqEvaluation {
      const test = Array.from(split.test);
      return evaluatePairs(
        tf,
        spec,
        model,
        vocabularies,
        test.map((i) => pairs.sources[i]),
        test.map((i) => pairs.targets[i]),
        pairs.leftOut,
      );
    },
    preprocessing: () => seq2seqPreprocessing(spec, vocabularies),
  };
}

/** Scores written outputs against the expected targets: BLEU, exact match, character error rate, worst examples. */
export function evaluatePairs(
  tf: Tf,
  spec: ExperimentSpec,
  model: tfTypes.LayersModel,
  vocabularies: PairVocabularies,
  sources: string[],
  targets: string[],
  leftOut: string[],
): Seq2seqEvaluation {
  const t = spec.data.text;
  const translator = new Seq2seqTranslator(tf, spec, model, vocabularies);
  const written = translator.translate(sources);
  // Compared as the model writes texts (its tokens, the target's own case), so a word-token model
  // is not marked wrong for the spacing its tokens cannot keep.
  const expected = targets.map((x) => detokenize(tokenize(x, targetTokenizing(t)), t.tokens));
  const produced = written.map((w) => w.produced);
  const words = (s: string) => tokenize(s, { tokens: 'word', lowercase: false });
  const bleuOptions = { smoothing: 'epsilon' as const };
  const examples: Seq2seqExample[] = written.map((w, i) => ({
    source: sources[i],
    expected: expected[i],
    produced: produced[i],
    bleu: sentenceBleu([words(expected[i])], words(produced[i]), bleuOptions).bleu,
    cer: characterErrorRate(expected[i], produced[i]),
    ...(w.attention ? { attention: w.attention } : {}),
  }));
  const { exactMatch, cer } = matchScores(expected, produced);
  const worst = examples
    .filter((e) => e.produced !== e.expected)
    .sort((a, b) => b.cer - a.cer || b.expected.length - a.expected.length)
    .slice(0, WORST_SHOWN);
  return {
    kind: 'sequence-to-sequence',
    pairs: sources.length,
    decoding: spec.seq2seq.decoding,
    exactMatch,
    bleu: corpusBleu(
      expected.map((e) => [words(e)]),
      produced.map(words),
      bleuOptions,
    ).bleu,
    sentenceBleu: examples.reduce((sum, e) => sum + e.bleu, 0) / Math.max(1, examples.length),
    cer,
    worst,
    leftOut,
    verdict: seq2seqVerdict(exactMatch, cer, spec),
  };
}

/** A sentence for outputs that are mostly wrong, with what to try; null when most are right. */
function seq2seqVerdict(exactMatch: number, cer: number, spec: ExperimentSpec): string | null {
  if (exactMatch >= 0.5) return null;
  const tries = [
    spec.seq2seq.attention === 'none' ? 'turn attention on' : null,
    'train for more epochs',
    'use more pairs',
  ].filter((s): s is string => s !== null);
  return `Only ${Math.round(exactMatch * 100)}% of the test outputs are exactly right (${Math.round(cer * 100)}% of characters wrong): ${tries.join(', ')}.`;
}

/** preprocessing.json: the source side in `text`, the target side in `seq2seq`. */
export function seq2seqPreprocessing(spec: ExperimentSpec, vocabularies: PairVocabularies): PreprocessingFile {
  const file = textPreprocessing(spec, spec.data.text.maxLength, vocabularies.source, null);
  return {
    ...file,
    // Sources are always padded and cut at the front, so the encoder's last step is the text's end.
    text: file.text && { ...file.text, padding: 'pre', truncating: 'pre' },
    seq2seq: { targetVocabulary: vocabularies.target, targetMaxLength: spec.seq2seq.targetMaxLength },
  };
}
