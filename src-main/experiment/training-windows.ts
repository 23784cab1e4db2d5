/**
 * Counts the samples each split of the data gives a spec, the way training will cut them, without
 * training anything: windows of the series for forecasts, windows of the corpus for generation,
 * texts or sequences for the classification tasks.
 */
import { prepareSeries } from '../data/prepare/series';
import { tokenize } from '../data/prepare/text';
import type { Table } from '../data/table';
import { sampleSplitSizes } from '../engine/tasks/common/sample-split';
import { readPairs } from '../engine/tasks/seq2seq/seq2seq-data';
import { readLabeledSequences } from '../engine/tasks/sequence-labeling/sequence-labeling-data';
import { labelValues, requireColumn, stringValues, textColumn } from '../engine/tasks/common/table-columns';
import type { ExperimentSpec } from '../shared/spec';
import type { SplitWindows } from '../shared/types-checks';
import { everySeriesLengths } from './global-windows';

/**
 * Samples per split for `spec` on `table`. Throws DataError when the data cannot feed the task at
 * all (a missing or non-numeric column), with the importer's message.
 */
export function countWindows(table: Table, spec: ExperimentSpec): SplitWindows {
  switch (spec.task) {
    case 'forecast':
      if (spec.data.series.scope === 'all') return summedWindows(everySeriesLengths(table, spec), spec, table.rowCount);
      return forecastWindows(seriesLength(table, spec), spec, table.rowCount);
    case 'text-generation':
      return corpusWindows(table, spec);
    case 'text-classification':
      return { ...sampleSplitSizes(labelledTexts(table, spec), spec.data.split), unit: 'texts', rows: table.rowCount };
    case 'sequence-classification':
      return {
        ...sampleSplitSizes(sequenceCount(table, spec), spec.data.split),
        unit: 'sequences',
        rows: table.rowCount,
      };
    case 'sequence-to-sequence':
      return {
        ...sampleSplitSizes(readPairs(table, spec).sources.length, spec.data.split),
        unit: 'pairs',
        rows: table.rowCount,
      };
    case 'sequence-labeling': {
      const sequences = readLabeledSequences(table, spec).rows.length;
      return { ...sampleSplitSizes(sequences, spec.data.split), unit: 'sequences', rows: table.rowCount };
    }
  }
}

/** Steps of the series a forecast trains on (the first series of a long file), after gap filling. */
export function seriesLength(table: Table, spec: ExperimentSpec): number {
  // Window and horizon 0: the length itself, without the preparation's own refusal of short series.
  return prepareSeries(table, { ...spec.data, lookback: 0, horizon: 0 })[0]?.target.length ?? 0;
}

/**
 * Forecast windows of a series of `length` steps, mirroring data/prepare/split.ts: the test and
 * validation segments are cut off the end, each at least one horizon long when its share is above 0;
 * a window's targets stay inside one segment.
 */
export function forecastWindows(length: number, spec: ExperimentSpec, rows = length): SplitWindows {
  const { lookback, horizon, split } = spec.data;
  const stride = Math.max(1, spec.data.stride);
  const segment = (share: number) => (share > 0 ? Math.max(Math.round(length * share), horizon) : 0);
  const testStart = length - segment(split.test);
  const validationStart = testStart - segment(split.validation);
  const origins = (from: number, last: number) => (last < from ? 0 : Math.floor((last - from) / stride) + 1);
  return {
    train: origins(lookback, validationStart - horizon),
    validation: origins(Math.max(validationStart, lookback), testStart - horizon),
    test: origins(Math.max(testStart, lookback), length - horizon),
    unit: 'windows',
    rows,
  };
}

/** Windows per split summed over series of these lengths, each split on its own. */
function summedWindows(lengths: number[], spec: ExperimentSpec, rows: number): SplitWindows {
  const total: SplitWindows = { train: 0, validation: 0, test: 0, unit: 'windows', rows };
  for (const length of lengths) {
    const w = forecastWindows(length, spec);
    total.train += w.train;
    total.validation += w.validation;
    total.test += w.test;
  }
  return total;
}

/** Next-token windows of each part of the corpus (text-generation-pipeline.ts cuts it by characters). */
function corpusWindows(table: Table, spec: ExperimentSpec): SplitWindows {
  const t = spec.data.text;
  const corpus = stringValues(textColumn(table, t.column, []))
    .filter((s): s is string => s !== null)
    .join('\n');
  const { validation, test } = spec.data.split;
  const testFrom = Math.floor(corpus.length * (1 - test));
  const valFrom = Math.floor(corpus.length * (1 - test - validation));
  const windows = (part: string) => Math.max(0, tokenize(part, t).length - t.maxLength);
  return {
    train: windows(corpus.slice(0, valFrom)),
    validation: validation > 0 ? windows(corpus.slice(valFrom, testFrom)) : 0,
    test: windows(corpus.slice(testFrom)),
    unit: 'windows',
    rows: table.rowCount,
  };
}

/** Rows with both a text and a label. */
function labelledTexts(table: Table, spec: ExperimentSpec): number {
  const labelName = spec.data.targetColumns[0];
  const labels = labelValues(requireColumn(table, labelName, 'label'));
  const texts = stringValues(textColumn(table, spec.data.text.column, [labelName]));
  let count = 0;
  for (let i = 0; i < table.rowCount; i++) if (texts[i] !== null && isLabel(labels[i])) count++;
  return count;
}

/** Sequences to classify: one per id when the spec names an id column, otherwise one per labelled row. */
function sequenceCount(table: Table, spec: ExperimentSpec): number {
  const labels = labelValues(requireColumn(table, spec.data.targetColumns[0], 'label'));
  if (!spec.data.idColumn) return labels.filter(isLabel).length;
  const ids = stringValues(requireColumn(table, spec.data.idColumn, 'id'));
  return new Set(ids.filter((id) => id !== null)).size;
}

function isLabel(v: string | number | null): boolean {
  return v !== null && !(typeof v === 'number' && Number.isNaN(v));
}
