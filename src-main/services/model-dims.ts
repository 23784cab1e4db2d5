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
    return {
      timesteps: d.text.maxLength,
      features: 1,
      outputs: 1,
      horizon: 1,
      vocabSize: d.text.vocabSize + RESERVED_TOKENS,
      classCount: spec.task === 'text-generation' ? d.text.vocabSize + RESERVED_TOKENS : classCount,
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
 * Sequences read one per id with no input columns chosen take every numeric column but the label,
 * time and id (as training does, numericFeatureColumns); 0 otherwise.
 */
function everyNumericFeature(spec: ExperimentSpec, dataset: DatasetSummary | null): number {
  const d = spec.data;
  const sequences = spec.task === 'sequence-classification' || (spec.task === 'sequence-labeling' && !d.text.column);
  if (!sequences || !d.idColumn || !dataset) return 0;
  return dataset.columns.filter((c) => readByDefault(c, d)).length;
}
