/**
 * A complete, sensible spec for a dataset the user just opened: the time column, the target
 * (the last numeric column unless named), every series of a long file of several, a window length
 * from the seasonal period and the series length, and training defaults with early stopping; for
 * text and sequence tasks the token level, sequence grouping and a plateau-proof schedule
 * (classification-defaults.ts). Used by the forms ('spec.suggest') and by `recurrent init`.
 */
import { FORECAST_TRAINING_DEFAULTS, defaultLookback } from '../forecast/defaults';
import { classificationTraining, sequenceGrouping, textDefaults } from './classification-defaults';
import { seasonCalendar } from './season-calendar';
import type { ExperimentSpec, Task } from '../shared/spec';
import { parseSpec } from '../shared/spec';
import { proposeTask } from '../data/summary/proposed-task';
import { suggestSeq2seqSpec } from './seq2seq-defaults';
import { GENERATION_MODEL, generationStride } from './generation-defaults';
import type { DatasetSummary } from '../shared/types';

/** Seasonal period implied by a detected frequency, before the data confirms it. */
const PERIOD_BY_FREQUENCY: Record<string, number> = {
  quarterly: 4,
  monthly: 12,
  weekly: 52,
  daily: 7,
  hourly: 24,
};

export interface SuggestOptions {
  task?: Task;
  target?: string;
  time?: string;
}

export function suggestSpec(summary: DatasetSummary, options: SuggestOptions = {}): ExperimentSpec {
  const columnNames = new Set(summary.columns.map((c) => c.name));
  for (const [flag, name] of [
    ['target', options.target],
    ['time', options.time],
  ] as const) {
    if (name !== undefined && !columnNames.has(name)) {
      throw new Error(
        `The ${flag} column "${name}" is not in ${summary.fileName}. Columns: ${[...columnNames].join(', ')}.`,
      );
    }
  }
  const isText = summary.layout === 'text' || summary.layout === 'labeled-text' || summary.layout === 'pairs';
  const proposed = proposeTask(summary);
  const task: Task = options.task ?? proposed.task;
  if (task === 'sequence-to-sequence') return suggestSeq2seqSpec(summary, options.target);
  const detectedTime = summary.timeColumn ?? summary.columns.find((c) => c.type === 'datetime')?.name ?? null;
  // A step counter (a folder of recordings numbers each file's rows) orders sequences, but a forecast
  // reads dates; without them the rows' order is the time order, as the files wrote it.
  const stepsOnly = task === 'forecast' && summary.columns.find((c) => c.name === detectedTime)?.type !== 'datetime';
  const timeColumn = options.time ?? (stepsOnly ? null : detectedTime);
  const timeParts = !options.time && summary.timeParts && timeColumn === summary.timeColumn ? summary.timeParts : null;
  const numeric = summary.columns.filter(
    (c) =>
      c.type === 'numeric' &&
      c.name !== timeColumn &&
      c.name !== summary.timeColumn &&
      c.name !== summary.idColumn &&
      !(timeParts?.columns.includes(c.name) ?? false),
  );
  const categorical = summary.columns.filter((c) => c.type === 'categorical');
  const textColumn = summary.columns.find((c) => c.type === 'text')?.name ?? null;

  const tagged =
    summary.layout === 'tagged-words' && task === 'sequence-labeling' ? taggedWordsDefaults(summary) : null;
  let target: string | undefined = options.target;
  if (!target) {
    if (tagged) target = tagged.label;
    else if (task === 'forecast') target = numeric.at(-1)?.name;
    else if (task === 'text-generation') target = textColumn ?? summary.columns[0]?.name;
    else target = categorical.at(-1)?.name ?? summary.columns.at(-1)?.name;
  }
  if (!target) {
    const instead = proposed.task === 'forecast' ? '' : ` ${proposed.reason} Choose the task "${proposed.task}".`;
    throw new Error(
      `${summary.fileName} has no numeric column to forecast.${instead || ' Pick a file with at least one numeric column.'}`,
    );
  }

  const horizon = 1;
  const period = summary.frequency ? (PERIOD_BY_FREQUENCY[summary.frequency] ?? null) : null;
  const seriesLength =
    summary.layout === 'long' && summary.idColumn
      ? Math.max(1, Math.floor(summary.rows / Math.max(1, distinct(summary, summary.idColumn))))
      : summary.rows;
  const readsSequences = task === 'sequence-classification' || task === 'sequence-labeling';
  const grouping = readsSequences ? sequenceGrouping(summary, target) : null;
  const lookback =
    task === 'forecast'
      ? defaultLookback(seriesLength, period, horizon)
      : (tagged?.lookback ?? grouping?.lookback ?? 24);
  const idColumn = grouping?.idColumn ?? (summary.layout === 'long' ? summary.idColumn : null);
  // A long file of several series (stores, symbols, sensors) is forecast as a whole: one network over
  // every series, as the analyst who brings such a file expects; the form offers one series instead.
  const everySeries =
    task === 'forecast' && summary.layout === 'long' && idColumn !== null && distinct(summary, idColumn) > 1;
  const textClass = task === 'text-classification' ? textDefaults(columnText(summary, textColumn)) : null;
  const text = textClass ?? {};
  const samples = grouping ? grouping.column.distinct : summary.rows;

  const result = parseSpec({
    name: `${summary.fileName.replace(/\.[^.]+$/, '')} — ${task}`,
    task,
    data: {
      file: summary.path,
      sheet: summary.sheet,
      // A date column that names the sequences (a week) groups rows; it is not a time axis to sort on.
      timeColumn: isText || timeColumn === idColumn ? null : timeColumn,
      timeParts: isText ? null : timeParts,
      idColumn,
      ...(everySeries ? { series: { scope: 'all' } } : {}),
      targetColumns: [target],
      calendarFeatures: task === 'forecast' ? seasonCalendar(summary, target) : [],
      lookback,
      horizon,
      ...(task === 'text-generation'
        ? { stride: generationStride(summary.rows, columnText(summary, textColumn)) }
        : {}),
      text: tagged ? tagged.text : { column: isText ? textColumn : null, ...text },
    },
    ...(tagged ? { model: tagged.model } : {}),
    ...(task === 'text-generation'
      ? { model: { cell: GENERATION_MODEL.cell, layers: [{ units: GENERATION_MODEL.units }] } }
      : {}),
    training:
      task === 'forecast'
        ? FORECAST_TRAINING
        : task === 'text-generation'
          ? { batchSize: seriesLength < 500 ? 16 : 32, optimizer: { learningRate: GENERATION_MODEL.learningRate } }
          : {
              ...classificationTraining(samples, textClass?.tokens === 'word' ? textClass.maxLength : null),
              ...(tagged ? { earlyStopping: tagged.earlyStopping } : {}),
            },
  });
  if (!result.ok) throw new Error(result.problems.map((p) => p.message).join('\n'));
  return result.spec;
}

/** The spec fields behind FORECAST_TRAINING_DEFAULTS. */
const FORECAST_TRAINING = {
  batchSize: FORECAST_TRAINING_DEFAULTS.batchSize,
  optimizer: { learningRate: FORECAST_TRAINING_DEFAULTS.learningRate },
  earlyStopping: { enabled: true, patience: FORECAST_TRAINING_DEFAULTS.patience, restoreBest: true },
  weightAveraging: { enabled: true, decay: FORECAST_TRAINING_DEFAULTS.weightAveragingDecay },
};

/** Sentences longer than this many times the mean are cut into pieces (each tagged on its own). */
const TAGGED_LENGTH_FACTOR = 2.5;

/**
 * Labeling of tagged words (a CoNLL file): each word is a token of the 'word' column, the tags of
 * CoNLL-U's universal parts of speech (else the file's last column) are the labels, the window
 * holds a sentence of up to 2.5 times the mean length, and the network reads in both directions
 * (a word's tag depends on the words after it as much as on those before): on 2,000 web sentences
 * (UD English EWT, one split) one bidirectional LSTM(64) scored 0.860, one forward LSTM 0.836,
 * two bidirectional layers 0.843, a GRU 0.866.
 */
function taggedWordsDefaults(summary: DatasetSummary) {
  // A CoNLL file's 'word' and 'upos' (else its last column); a table's column of most distinct words and its last tag column.
  const labels = summary.columns.filter(
    (c) => c.name !== summary.idColumn && (c.type === 'categorical' || c.type === 'text'),
  );
  const words =
    summary.columns.find((c) => c.name === 'word') ?? [...labels].sort((a, b) => b.distinct - a.distinct)[0];
  const label = summary.columns.some((c) => c.name === 'upos')
    ? 'upos'
    : ([...labels].reverse().find((c) => c !== words)?.name ?? summary.columns.at(-1)?.name);
  const sentences = summary.idColumn ? distinct(summary, summary.idColumn) : 1;
  const meanLength = summary.rows / Math.max(1, sentences);
  return {
    label,
    lookback: Math.max(8, Math.min(MAX_TAGGED_WINDOW, Math.ceil(meanLength * TAGGED_LENGTH_FACTOR))),
    text: {
      column: words?.name ?? null,
      tokens: 'word' as const,
      // Lowercased: on web sentences (UD English EWT, three seeds) 0.866 against 0.863 with capitals kept.
      lowercase: true,
      vocabSize: Math.min(MAX_TAGGED_VOCABULARY, (words?.distinct ?? 10_000) + 2),
    },
    model: { layers: [{ units: 64, bidirectional: true }] },
    // Every sentence brings a label per word, so no plateau of sentences to wait out: on UD English
    // EWT the best epoch came between 4 and 13 in every run, and the sentence-count patience (28 epochs
    // for 1,000 sentences, never before epoch 20) doubled the training time for nothing.
    earlyStopping: { enabled: true, patience: 10, restoreBest: true, minEpochs: 0 },
  };
}
const MAX_TAGGED_WINDOW = 200;
const MAX_TAGGED_VOCABULARY = 30_000;

function columnText(summary: DatasetSummary, column: string | null) {
  return summary.columns.find((c) => c.name === column)?.text;
}

function distinct(summary: DatasetSummary, column: string): number {
  return summary.columns.find((c) => c.name === column)?.distinct ?? 1;
}
