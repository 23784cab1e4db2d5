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
import { fitScaler } from '../../../data/prepare/scaler';
import type { ScalerState } from '../../../data/prepare/scaler';
import { vocabularyIndex } from '../../../data/prepare/text';
import type { Table } from '../../../data/table';
import { PREPROCESSING_FORMAT, PREPROCESSING_VERSION } from '../../../shared/preprocessing';
import type { PreprocessingFile } from '../../../shared/preprocessing';
import { effectiveLoss, effectiveOutputActivation } from '../../../shared/spec';
import type { ExperimentSpec } from '../../../shared/spec';
import type { ClassificationEvaluation } from '../../../shared/types';
import type { Tf } from '../../../tensorflow/load-tf';
import { classificationMetrics } from '../../metrics/classification-metrics';
import { predictOrigins } from '../../model/predict';
import type { PreparedTask } from '../prepared-task';
import { splitSamples } from '../common/sample-split';
import { readLabeledSequences, tokenVocabulary } from './sequence-labeling-data';

/** The label of a padded step: no class, skipped by loss and metrics. */
export const UNLABELED = -1;

/** A piece of one sequence: rows[start .. start + length) of sequence `sequence`. */
interface Piece {
  sequence: number;
  start: number;
  length: number;
}

/** Prepares a sequence-labeling run from a table with one row per step. */
export function prepareSequenceLabeling(table: Table, spec: ExperimentSpec): PreparedTask {
  const d = spec.data;
  const seqs = readLabeledSequences(table, spec);
  const classes = seqs.classes;
  const K = classes.length;
  const loss = effectiveLoss(spec, K);
  if (loss !== 'sparseCategoricalCrossentropy') {
    throw new Error(
      'Sequence labeling trains with sparse categorical cross-entropy (one class id per step): leave the loss on automatic.',
    );
  }
  if (effectiveOutputActivation(spec, K) !== 'softmax') {
    throw new Error(
      'Sequence labeling needs a softmax output (one probability per class at each step): leave the output activation on automatic.',
    );
  }
  const longest = seqs.rows.reduce((m, r) => Math.max(m, r.length), 0);
  const T = Math.min(longest, d.lookback);
  const split = splitSamples(seqs.rows.length, d.split, spec.training.seed);
  const piecesOf = (sequences: ArrayLike<number>): Piece[] => {
    const out: Piece[] = [];
    for (const s of Array.from(sequences)) {
      const n = seqs.rows[s].length;
      for (let start = 0; start < n; start += T) out.push({ sequence: s, start, length: Math.min(T, n - start) });
    }
    return out;
  };
  // One sample id space over all pieces: training first, then validation, then test.
  const trainPieces = piecesOf(split.train);
  const valPieces = piecesOf(split.validation);
  const testPieces = piecesOf(split.test);
  const pieces = [...trainPieces, ...valPieces, ...testPieces];
  const ids = (from: number, count: number) => Int32Array.from({ length: count }, (_, i) => from + i);
  const trainIds = ids(0, trainPieces.length);
  const valIds = ids(trainPieces.length, valPieces.length);
  const testIds = ids(trainPieces.length + valPieces.length, testPieces.length);
  const trainRows = trainPieces.flatMap((p) => seqs.rows[p.sequence].slice(p.start, p.start + p.length));

  const tokens = seqs.tokens;
  const vocabulary = tokens
    ? tokenVocabulary(
        trainRows.map((r) => tokens[r]),
        d.text.vocabSize,
      )
    : null;
  const lookup = vocabulary ? vocabularyIndex(vocabulary) : null;
  const scalers: ScalerState[] = seqs.features.map((c) =>
    fitScaler(
      trainRows.map((r) => c.values[r] as number),
      d.scaling,
    ),
  );
  const F = tokens ? 1 : seqs.features.length;

  const inputsFor = (samples: ArrayLike<number>): Float32Array => {
    // Zeros are the padding token, or a feature's training mean after standard scaling.
    const x = new Float32Array(samples.length * T * F);
    for (let s = 0; s < samples.length; s++) {
      const p = pieces[samples[s]];
      const rows = seqs.rows[p.sequence];
      for (let j = 0; j < p.length; j++) {
        const r = rows[p.start + j];
        if (tokens && lookup) {
          const tok = tokens[r];
          x[s * T + j] = tok === null || tok === '' ? 0 : lookup(tok);
        } else {
          seqs.features.forEach((c, f) => {
            const raw = c.values[r] as number;
            const sc = scalers[f];
            x[(s * T + j) * F + f] = Number.isFinite(raw) ? (raw - sc.center) / sc.scale : 0;
          });
        }
      }
    }
    return x;
  };
  const targetsFor = (samples: ArrayLike<number>): { y: Float32Array; labeled: number } => {
    const y = new Float32Array(samples.length * T).fill(UNLABELED);
    let labeled = 0;
    for (let s = 0; s < samples.length; s++) {
      const p = pieces[samples[s]];
      const rows = seqs.rows[p.sequence];
      for (let j = 0; j < p.length; j++) {
        const label = seqs.labels[rows[p.start + j]];
        y[s * T + j] = label;
        if (label >= 0) labeled += 1;
      }
    }
    return { y, labeled };
  };
  const xShape = tokens ? [T] : [T, F];

  const notes = [
    `${seqs.rows.length} sequences (one per '${d.idColumn}') of up to ${longest} steps, ${K} classes from '${d.targetColumns[0]}'.`,
    tokens
      ? `Input: the tokens of '${seqs.tokenColumn}', a vocabulary of ${vocabulary?.length ?? 0} from the training sequences.`
      : `Input per step: ${seqs.features.map((c) => `'${c.name}'`).join(', ')}.`,
  ];
  if (longest > T) notes.push(`Sequences longer than ${T} steps are cut into pieces of ${T} steps.`);
  if (seqs.missingLabels) notes.push(`${seqs.missingLabels} steps without a label are not scored.`);

  return {
    source: {
      xShape,
      yShape: [T],
      train: trainIds,
      validation: valIds.length ? valIds : null,
      nextBatch(samples) {
        const { y, labeled } = targetsFor(samples);
        return { x: inputsFor(samples), y, size: samples.length, labeledSteps: labeled };
      },
    },
    dims: {
      timesteps: T,
      features: F,
      outputs: 1,
      horizon: 1,
      classCount: K,
      ...(vocabulary ? { vocabSize: vocabulary.length } : {}),
    },
    loss,
    notes,
    evaluate(tf: Tf, model: tfTypes.LayersModel): ClassificationEvaluation {
      if (testIds.length === 0) throw new DataError('No sequence is left for testing: raise the test fraction.');
      const probabilities = predictOrigins(tf, model, inputsFor, xShape, testIds);
      const { y } = targetsFor(testIds);
      return scoreSteps(classes, y, probabilities);
    },
    preprocessing: (): PreprocessingFile => ({
      format: PREPROCESSING_FORMAT,
      version: PREPROCESSING_VERSION,
      task: spec.task,
      lookback: T,
      horizon: 1,
      inputs: seqs.features.map((c, f) => ({ name: c.name, source: c.name, derived: 'level', scaler: scalers[f] })),
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
