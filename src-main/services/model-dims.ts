/**
 * The data-dependent sizes a model preview needs, estimated from the spec (and the dataset's
 * summary when it is open) so the architecture view updates without reading the data.
 */
import type { ExperimentSpec } from '../shared/spec';
import type { DatasetSummary } from '../shared/types';
import type { ModelDims } from '../engine/model/model-builder';
import { readByDefault } from '../engine/tasks/common/table-columns';

/** Token ids 0 (padding) and 1 (out-of-vocabulary) come on top of the vocabulary. */
const RESERVED_TOKENS = 2;

/** Model sizes implied by a spec; `dataset` (when known) gives the number of classes. */
export function estimateModelDims(spec: ExperimentSpec, dataset: DatasetSummary | null): ModelDims {
  const d = spec.data;
  const textTask =
    spec.task === 'text-classification' || spec.task === 'text-generation' || spec.task === 'sequence-to-sequence';
  const target = d.targetColumns[0];
  const targetColumn = dataset?.columns.find((c) => c.name === target);
  const classCount = Math.max(2, targetColumn?.distinct ?? 2);
  if (textTask) {
    const vocabSize = vocabularyEstimate(spec, dataset);
    return {
      timesteps: d.text.maxLength,
      features: 1,
      outputs: 1,
      horizon: 1,
      vocabSize,
      classCount: spec.task === 'text-generation' ? vocabSize : classCount,
    };
  }
  const features =
    (spec.task === 'forecast' ? d.targetColumns.length : 0) +
    (d.featureColumns.length || everyNumericFeature(spec, dataset)) +
    d.knownFutureColumns.length +
    d.calendarFeatures.length;
  return {
    timesteps: d.lookback,
    features: Math.max(1, features),
    outputs: spec.task === 'forecast' ? d.targetColumns.length : 1,
    horizon: spec.task === 'forecast' ? d.horizon : 1,
    classCount,
    // Token-column labeling reads word ids, like the text tasks.
    ...(spec.task === 'sequence-labeling' && d.text.column ? { vocabSize: d.text.vocabSize + RESERVED_TOKENS } : {}),
  };
}

/**
 * Entries of the vocabulary training will build (buildVocabulary: padding, out-of-vocabulary and
 * the tokens seen, at most the spec's vocabulary size): a text read as characters has a few dozen
 * of them whatever the size allows, and the preview's embedding and output layers (and parameter
 * count) should say so. From the text column's statistics when the dataset is open (the words of
 * its first few thousand texts, so a large corpus may hold more), else the spec's size.
 */
function vocabularyEstimate(spec: ExperimentSpec, dataset: DatasetSummary | null): number {
  const text = spec.data.text;
  const stats = dataset?.columns.find((c) => c.name === text.column)?.text;
  const seen =
    text.tokens === 'char'
      ? text.lowercase
        ? stats?.lowercaseCharacters
        : stats?.characters
      : text.lowercase
        ? stats?.vocabulary
        : undefined;
  if (seen === undefined) return text.vocabSize;
  // The statistics leave line breaks aside; a generator joins its texts with them.
  const joins = spec.task === 'text-generation' && text.tokens === 'char' ? 1 : 0;
  return Math.min(text.vocabSize, seen + joins + RESERVED_TOKENS);
}

/**
 * Sequences read one per id with no input columns chosen take every numeric column but the label,
 * time and id (as training does, numericFeatureColumns); 0 otherwise.
 */
function everyNumericFeature(spec: ExperimentSpec, dataset: DatasetSummary | null): number {
  const d = spec.data;
  const sequences = spec.task === 'sequence-classification' || (spec.task === 'sequence-labeling' && !d.text.column);
  if (!sequences || !d.idColumn || !dataset) return 0;
  return dataset.columns.filter((c) => readByDefault(c, d)).length;
}
