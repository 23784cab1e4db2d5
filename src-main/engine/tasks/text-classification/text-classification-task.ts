/**
 * Text classification: one text and one label per row. The vocabulary comes from the training
 * texts only; texts are encoded once to fixed-length token ids (small next to the raw text).
 */
import type * as tfTypes from '@tensorflow/tfjs';
import { DataError } from '../../../data/data-error';
import { buildVocabulary, encodeTexts, labelEncoder } from '../../../data/prepare/text';
import type { Table } from '../../../data/table';
import type { PreprocessingFile } from '../../../shared/preprocessing';
import { effectiveLoss, effectiveOutputActivation } from '../../../shared/spec';
import type { ExperimentSpec } from '../../../shared/spec';
import type { Tf } from '../../../tensorflow/load-tf';
import { classificationMetrics } from '../../metrics/classification-metrics';
import { wordCountBaseline } from '../../metrics/word-count-baseline';
import { savedClassOrder, savedVocabulary } from '../common/fixed-preprocessing';
import { checkClassLoss, classTargetWidth, writeClassTarget } from '../common/class-targets';
import { predictOrigins } from '../../model/predict';
import type { PreparedTask } from '../prepared-task';
import { textPreprocessing } from '../common/text-preprocessing';
import { splitSamples } from '../common/sample-split';
import { labelValues, requireColumn, stringValues, textColumn } from '../common/table-columns';

/** Prepares a text-classification run from a table of texts and labels. */
export function prepareTextClassification(
  table: Table,
  spec: ExperimentSpec,
  /** Saved preprocessing to reuse instead of fitting (continued training). */
  fixed?: PreprocessingFile,
): PreparedTask {
  const t = spec.data.text;
  const labelName = spec.data.targetColumns[0];
  const labelCol = requireColumn(table, labelName, 'label');
  const textCol = textColumn(table, t.column, [labelName]);
  const found = labelEncoder(labelValues(labelCol), labelName);
  const encoding = fixed ? { ...found, ...savedClassOrder(fixed, found) } : found;
  const rawTexts = stringValues(textCol);
  const rows: number[] = [];
  for (let i = 0; i < table.rowCount; i++) if (encoding.indices[i] >= 0 && rawTexts[i] !== null) rows.push(i);
  if (rows.length === 0)
    throw new DataError(`No row has both a text in '${textCol.name}' and a label in '${labelName}'.`);
  const texts = rows.map((r) => rawTexts[r]);
  const labels = Int32Array.from(rows, (r) => encoding.indices[r]);
  const classes = encoding.classes;
  const notes = [
    `${rows.length} texts from '${textCol.name}' with ${classes.length} classes from '${labelName}'${
      encoding.missing ? ` (${encoding.missing} rows without a label left out)` : ''
    }.`,
  ];

  const split = splitSamples(rows.length, spec.data.split, spec.training.seed);
  const vocabulary = fixed
    ? savedVocabulary(fixed)
    : buildVocabulary(
        Array.from(split.train, (i) => texts[i] ?? ''),
        { tokens: t.tokens, lowercase: t.lowercase, vocabSize: t.vocabSize },
      );
  notes.push(
    `Vocabulary: ${vocabulary.length} ${t.tokens === 'char' ? 'characters' : 'words'} ${fixed ? 'kept from the saved model' : 'from the training texts'}.`,
  );
  const ids = encodeTexts(texts, vocabulary, t);
  const L = t.maxLength;
  const loss = effectiveLoss(spec, classes.length);
  checkClassLoss(loss, classes.length, effectiveOutputActivation(spec, classes.length));
  const width = classTargetWidth(loss, classes.length);
  const inputsFor = (samples: ArrayLike<number>) => {
    const x = new Float32Array(samples.length * L);
    for (let s = 0; s < samples.length; s++) {
      const from = samples[s] * L;
      for (let j = 0; j < L; j++) x[s * L + j] = ids[from + j];
    }
    return x;
  };

  return {
    source: {
      xShape: [L],
      yShape: [width],
      train: split.train,
      validation: split.validation.length ? split.validation : null,
      nextBatch(samples) {
        const y = new Float32Array(samples.length * width);
        for (let s = 0; s < samples.length; s++) writeClassTarget(y, s, labels[samples[s]], width);
        return { x: inputsFor(samples), y, size: samples.length };
      },
    },
    dims: {
      timesteps: L,
      features: 1,
      outputs: 1,
      horizon: 1,
      vocabSize: vocabulary.length,
      classCount: classes.length,
    },
    loss,
    notes,
    evaluate(tf: Tf, model: tfTypes.LayersModel) {
      const probabilities = predictOrigins(tf, model, inputsFor, [L], split.test);
      const scored = classificationMetrics(
        classes,
        Array.from(split.test, (i) => labels[i]),
        probabilities,
      );
      // Word tokens only: which characters a text holds says little about it.
      const words =
        t.tokens === 'word'
          ? wordCountBaseline(ids, L, labels, classes.length, vocabulary.length, split.train, split.test)
          : null;
      return words ? { ...scored, wordCountBaseline: words } : scored;
    },
    preprocessing: () => textPreprocessing(spec, L, vocabulary, classes),
  };
}
