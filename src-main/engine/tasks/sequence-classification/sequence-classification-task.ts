/**
 * Sequence classification on numbers. Two layouts:
 * - with an id column, the rows of each id (in time order) form one sequence, one value per
 *   feature column at every step, and the id's label is its first label;
 * - without one, every row is a sequence whose steps are the feature columns in order (e.g.
 *   twelve month columns), one value per step.
 * Sequences are padded at the front with zeros (after scaling) or cut to the last `lookback` steps.
 */
import type * as tfTypes from '@tensorflow/tfjs';
import { fitScaler } from '../../../data/prepare/scaler';
import type { ScalerState } from '../../../data/prepare/scaler';
import { labelEncoder } from '../../../data/prepare/text';
import type { Table, TableColumn } from '../../../data/table';
import { PREPROCESSING_FORMAT, PREPROCESSING_VERSION } from '../../../shared/preprocessing';
import type { PreprocessingFile } from '../../../shared/preprocessing';
import { effectiveLoss, effectiveOutputActivation } from '../../../shared/spec';
import type { ExperimentSpec } from '../../../shared/spec';
import type { Tf } from '../../../tensorflow/load-tf';
import { checkClassLoss, classTargetWidth, writeClassTarget } from '../common/class-targets';
import { classificationMetrics } from '../../metrics/classification-metrics';
import { predictOrigins } from '../../model/predict';
import type { PreparedTask } from '../prepared-task';
import { splitSamples } from '../common/sample-split';
import { labelValues, numericFeatureColumns, requireColumn, stringValues } from '../common/table-columns';

interface Sequences {
  /** Per sequence: [steps × features] row-major values in original units. */
  values: Float64Array[];
  labels: (string | number | null)[];
  features: string[];
  timesteps: number;
  layout: 'rows' | 'ids';
}

/** Prepares a sequence-classification run. */
export function prepareSequenceClassification(table: Table, spec: ExperimentSpec): PreparedTask {
  const d = spec.data;
  const labelName = d.targetColumns[0];
  const labelCol = requireColumn(table, labelName, 'label');
  const seqs = d.idColumn ? byId(table, spec, labelCol) : byRow(table, spec, labelCol);
  const encoding = labelEncoder(seqs.labels, labelName);
  const keep = seqs.values.map((_, i) => i).filter((i) => encoding.indices[i] >= 0);
  const values = keep.map((i) => seqs.values[i]);
  const labels = Int32Array.from(keep, (i) => encoding.indices[i]);
  const classes = encoding.classes;
  const F = seqs.layout === 'ids' ? seqs.features.length : 1;
  const T = seqs.timesteps;
  const split = splitSamples(values.length, d.split, spec.training.seed);

  // One scaler per feature, fitted on the training sequences only. In the row layout every
  // step is the same quantity (e.g. a month's value), so all steps share one scaler.
  const scalers: ScalerState[] = [];
  for (let f = 0; f < F; f++) {
    const train: number[] = [];
    for (const i of split.train) for (let j = f; j < values[i].length; j += F) train.push(values[i][j]);
    scalers.push(fitScaler(train, d.scaling));
  }
  const loss = effectiveLoss(spec, classes.length);
  checkClassLoss(loss, classes.length, effectiveOutputActivation(spec, classes.length));
  const width = classTargetWidth(loss, classes.length);
  const inputsFor = (samples: ArrayLike<number>) => {
    const x = new Float32Array(samples.length * T * F);
    for (let s = 0; s < samples.length; s++) {
      const v = values[samples[s]];
      const steps = v.length / F;
      const from = Math.max(0, steps - T);
      const pad = T - (steps - from);
      for (let j = from; j < steps; j++) {
        for (let f = 0; f < F; f++) {
          const raw = v[j * F + f];
          const sc = scalers[f];
          // Missing values enter as 0 after scaling: the feature's training mean (standard scaling).
          x[(s * T + pad + j - from) * F + f] = Number.isFinite(raw) ? (raw - sc.center) / sc.scale : 0;
        }
      }
    }
    return x;
  };
  const notes = [
    seqs.layout === 'ids'
      ? `${values.length} sequences (one per '${d.idColumn}') of up to ${T} steps × ${F} features, ${classes.length} classes.`
      : `${values.length} sequences (one per row) over the steps ${seqs.features.map((f) => `'${f}'`).join(', ')}, ${classes.length} classes.`,
  ];
  if (encoding.missing) notes.push(`${encoding.missing} sequences without a label left out.`);

  return {
    source: {
      xShape: [T, F],
      yShape: [width],
      train: split.train,
      validation: split.validation.length ? split.validation : null,
      nextBatch(samples) {
        const y = new Float32Array(samples.length * width);
        for (let s = 0; s < samples.length; s++) writeClassTarget(y, s, labels[samples[s]], width);
        return { x: inputsFor(samples), y, size: samples.length };
      },
    },
    dims: { timesteps: T, features: F, outputs: 1, horizon: 1, classCount: classes.length },
    loss,
    notes,
    evaluate(tf: Tf, model: tfTypes.LayersModel) {
      const probabilities = predictOrigins(tf, model, inputsFor, [T, F], split.test);
      return classificationMetrics(
        classes,
        Array.from(split.test, (i) => labels[i]),
        probabilities,
      );
    },
    preprocessing: (): PreprocessingFile => ({
      format: PREPROCESSING_FORMAT,
      version: PREPROCESSING_VERSION,
      task: spec.task,
      lookback: T,
      horizon: 1,
      inputs:
        seqs.layout === 'ids'
          ? seqs.features.map((name, f) => ({ name, source: name, derived: 'level', scaler: scalers[f] }))
          : [{ name: 'value', source: seqs.features.join(','), derived: 'level', scaler: scalers[0] }],
      target: null,
      timeColumn: d.timeColumn,
      frequency: null,
      text: null,
      classes,
      spec,
    }),
  };
}

function byRow(table: Table, spec: ExperimentSpec, labelCol: TableColumn): Sequences {
  const cols = numericFeatureColumns(table, spec.data, 'Choose the numeric columns that make up each sequence.');
  const values: Float64Array[] = [];
  for (let r = 0; r < table.rowCount; r++) values.push(Float64Array.from(cols, (c) => c.values[r] as number));
  return {
    values,
    labels: labelValues(labelCol),
    features: cols.map((c) => c.name),
    timesteps: cols.length,
    layout: 'rows',
  };
}

function byId(table: Table, spec: ExperimentSpec, labelCol: TableColumn): Sequences {
  const d = spec.data;
  const ids = stringValues(requireColumn(table, d.idColumn ?? '', 'id'));
  const timeCol = d.timeColumn ? requireColumn(table, d.timeColumn, 'time') : null;
  const time = timeCol && (timeCol.type === 'numeric' || timeCol.type === 'datetime') ? timeCol.values : null;
  const cols = numericFeatureColumns(table, spec.data, 'Choose the numeric columns that make up each sequence.');
  const labels = labelValues(labelCol);
  const rowsById = new Map<string, number[]>();
  ids.forEach((id, r) => {
    if (id === null) return;
    let rows = rowsById.get(id);
    if (!rows) rowsById.set(id, (rows = []));
    rows.push(r);
  });
  const values: Float64Array[] = [];
  const seqLabels: (string | number | null)[] = [];
  let longest = 0;
  for (const rows of rowsById.values()) {
    if (time) rows.sort((a, b) => time[a] - time[b]);
    const v = new Float64Array(rows.length * cols.length);
    rows.forEach((r, j) => cols.forEach((c, f) => (v[j * cols.length + f] = c.values[r] as number)));
    values.push(v);
    const labelled = rows.find(
      (r) => labels[r] !== null && !(typeof labels[r] === 'number' && Number.isNaN(labels[r])),
    );
    seqLabels.push(labelled === undefined ? null : labels[labelled]);
    longest = Math.max(longest, rows.length);
  }
  return {
    values,
    labels: seqLabels,
    features: cols.map((c) => c.name),
    timesteps: Math.min(longest, d.lookback),
    layout: 'ids',
  };
}
