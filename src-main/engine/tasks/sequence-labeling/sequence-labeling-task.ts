/**
 * Sequence labeling (many-to-many): one label per step, e.g. the activity at every sensor
 * reading or the part of speech of every word. The table holds one row per step (see
 * `dataSchema` in shared/spec.ts): an id column, an optional step-order column, the inputs
 * (numeric feature columns, or one token column) and the label column.
 *
 * Sequences longer than `lookback` are cut into consecutive pieces of at most `lookback` steps;
 * shorter pieces are padded at the end (so the forward pass over the real steps is unchanged)
 * and padded steps carry the label -1, which the loss and accuracy skip. Training,
 * validation and test get whole sequences, so no sequence is seen in part during training.
 */
import type * as tfTypes from '@tensorflow/tfjs';
import { DataError } from '../../../data/data-error';
import type { Table } from '../../../data/table';
import { PREPROCESSING_FORMAT, PREPROCESSING_VERSION } from '../../../shared/preprocessing';
import type { PreprocessingFile } from '../../../shared/preprocessing';
import { effectiveLoss, effectiveOutputActivation } from '../../../shared/spec';
import type { ExperimentSpec } from '../../../shared/spec';
import type { ClassificationEvaluation } from '../../../shared/types';
import type { Tf } from '../../../tensorflow/load-tf';
import { classificationMetrics } from '../../metrics/classification-metrics';
import { wordTagBaseline } from '../../metrics/word-tag-baseline';
import { entityScores, isEntityTagSet } from '../../metrics/entity-spans';
import { predictOrigins } from '../../model/predict';
import type { PreparedTask } from '../prepared-task';
import { splitSamples } from '../common/sample-split';
import { layPieces, StepEncoder } from './sequence-labeling-batches';
import { readLabeledSequences } from './sequence-labeling-data';

/** Prepares a sequence-labeling run from a table with one row per step. */
export function prepareSequenceLabeling(table: Table, spec: ExperimentSpec): PreparedTask {
  const d = spec.data;
  const seqs = readLabeledSequences(table, spec);
  const classes = seqs.classes;
  const K = classes.length;
  const loss = checkedLoss(spec, K);
  const longest = seqs.rows.reduce((m, r) => Math.max(m, r.length), 0);
  const T = Math.min(longest, d.lookback);
  const split = splitSamples(seqs.rows.length, d.split, spec.training.seed);
  const layout = layPieces(seqs.rows, split, T);
  const encoder = new StepEncoder(seqs, layout.pieces, T, spec, layout.train);
  const vocabulary = encoder.vocabulary;
  const xShape = encoder.xShape;

  const notes = [
    `${seqs.rows.length} sequences (one per '${d.idColumn}') of up to ${longest} steps, ${K} classes from '${d.targetColumns[0]}'.`,
    seqs.tokens
      ? `Input: the tokens of '${seqs.tokenColumn}', a vocabulary of ${vocabulary?.length ?? 0} from the training sequences.`
      : `Input per step: ${seqs.features.map((c) => `'${c.name}'`).join(', ')}.`,
  ];
  if (seqs.tokens) {
    notes.push(
      'Words seen rarely in training are read as unknown now and then (word dropout), so the network learns to tag new words from the words around them.',
    );
  }
  if (longest > T) notes.push(`Sequences longer than ${T} steps are cut into pieces of ${T} steps.`);
  if (seqs.missingLabels) notes.push(`${seqs.missingLabels} steps without a label are not scored.`);

  return {
    source: {
      xShape,
      yShape: [T],
      train: layout.train,
      validation: layout.validation.length ? layout.validation : null,
      nextBatch(samples) {
        const { y, labeled } = encoder.targets(samples);
        return { x: encoder.inputs(samples), y, size: samples.length, labeledSteps: labeled };
      },
    },
    dims: {
      timesteps: T,
      features: encoder.features,
      outputs: 1,
      horizon: 1,
      classCount: K,
      ...(vocabulary ? { vocabSize: vocabulary.length } : {}),
    },
    loss,
    notes,
    evaluate(tf: Tf, model: tfTypes.LayersModel): ClassificationEvaluation {
      if (layout.test.length === 0) throw new DataError('No sequence is left for testing: raise the test fraction.');
      const probabilities = predictOrigins(tf, model, (ids) => encoder.inputs(ids), xShape, layout.test);
      const { y } = encoder.targets(layout.test);
      const scored = withEntities(scoreSteps(classes, y, probabilities), classes, y, probabilities, T);
      if (!seqs.tokens) return scored;
      // Words: the tag each word had most often in training, its neighbours ignored (word-tag-baseline.ts).
      const rowsOf = (sequences: ArrayLike<number>) => Array.from(sequences).flatMap((q) => seqs.rows[q]);
      const words = wordTagBaseline(seqs.tokens, seqs.labels, K, rowsOf(split.train), rowsOf(split.test));
      return words ? { ...scored, wordTagBaseline: words } : scored;
    },
    preprocessing: (): PreprocessingFile => ({
      format: PREPROCESSING_FORMAT,
      version: PREPROCESSING_VERSION,
      task: spec.task,
      lookback: T,
      horizon: 1,
      inputs: seqs.features.map((c, f) => ({
        name: c.name,
        source: c.name,
        derived: 'level',
        scaler: encoder.scalers[f],
      })),
      target: null,
      timeColumn: d.timeColumn,
      frequency: null,
      // One row holds one token, so the token mode is 'word'; pieces are padded and cut at the end.
      text: vocabulary
        ? {
            tokens: 'word',
            lowercase: d.text.lowercase,
            maxLength: T,
            padding: 'post',
            truncating: 'post',
            vocabulary,
          }
        : null,
      classes,
      spec,
    }),
  };
}

/** The loss sequence labeling trains with; the settings that cannot work are refused. */
function checkedLoss(spec: ExperimentSpec, classCount: number) {
  const loss = effectiveLoss(spec, classCount);
  if (loss !== 'sparseCategoricalCrossentropy') {
    throw new Error(
      'Sequence labeling trains with sparse categorical cross-entropy (one class id per step): leave the loss on automatic.',
    );
  }
  if (effectiveOutputActivation(spec, classCount) !== 'softmax') {
    throw new Error(
      'Sequence labeling needs a softmax output (one probability per class at each step): leave the output activation on automatic.',
    );
  }
  return loss;
}

/**
 * For entity tags (B-PER, I-PER, O): the entities found, span and type exact, piece by piece
 * (engine/metrics/entity-spans.ts). Other label sets are returned as they are.
 */
export function withEntities(
  scored: ClassificationEvaluation,
  classes: string[],
  labels: ArrayLike<number>,
  probabilities: ArrayLike<number>,
  T: number,
): ClassificationEvaluation {
  if (!isEntityTagSet(classes)) return scored;
  const K = classes.length;
  const predicted = new Int32Array(labels.length);
  for (let i = 0; i < labels.length; i++) {
    let best = 0;
    for (let k = 1; k < K; k++) if (probabilities[i * K + k] > probabilities[i * K + best]) best = k;
    predicted[i] = best;
  }
  const pieces = Array.from({ length: labels.length / T }, (_, p) => Array.from({ length: T }, (_, j) => p * T + j));
  return { ...scored, entities: entityScores(classes, labels, predicted, pieces) };
}

/**
 * Per-step scores: every labeled step counts once, padded and unlabeled steps not at all.
 * @param labels [pieces × steps] class ids, UNLABELED where there is none
 * @param probabilities [pieces × steps × classes] softmax outputs
 */
export function scoreSteps(
  classes: string[],
  labels: ArrayLike<number>,
  probabilities: ArrayLike<number>,
): ClassificationEvaluation {
  const K = classes.length;
  const actual: number[] = [];
  const probs: number[] = [];
  for (let i = 0; i < labels.length; i++) {
    if (labels[i] < 0) continue;
    actual.push(labels[i]);
    for (let c = 0; c < K; c++) probs.push(probabilities[i * K + c]);
  }
  return classificationMetrics(classes, actual, probs);
}
