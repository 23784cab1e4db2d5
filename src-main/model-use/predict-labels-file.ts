/**
 * Labeling a new file with a sequence-labeling model: every row (a word of a sentence, a reading of
 * a recording) gets the label the model gives it. The file is shaped like the training data — the
 * same id column and either the same word column (a CoNLL file of new sentences, tags not needed)
 * or the same numeric columns. Sequences are cut into pieces of the model's length exactly as
 * training did (padding after the last step). When the file holds the label column too, the
 * predictions are compared with it. The result is written as CSV, one row per row of the file.
 */
import { writeFile } from 'node:fs/promises';
import type * as tfTypes from '@tensorflow/tfjs';
import { DataError } from '../data/data-error';
import { loadTable } from '../data/import/load-table';
import { vocabularyIndex } from '../data/prepare/text';
import type { Table } from '../data/table';
import { predictOrigins } from '../engine/model/predict';
import { stringValues } from '../engine/tasks/common/table-columns';
import { importTfjsModel } from '../export/index';
import type { PreprocessingFile } from '../shared/preprocessing';
import type { BatchPrediction } from '../shared/types-model-use';
import type { Tf } from '../tensorflow/load-tf';
import { previewRows, toCsv, type CsvValue } from './csv-safe';
import { readRunResult, runModelDir } from './load-run';
import { defaultPredictionPath } from './predict-file';

const PREVIEW_ROWS = 20;

/** The steps of one labelled sequence: table rows in order, and its pieces of the model's length. */
interface Piece {
  rows: number[];
}

/** The label of every row of `file`, written as CSV beside it (or to `output`). */
export async function predictLabelsFile(
  tf: Tf,
  runDir: string,
  file: string,
  output?: string,
): Promise<BatchPrediction> {
  const run = await readRunResult(runDir);
  const { model, preprocessing } = await importTfjsModel(await runModelDir(runDir, run), tf);
  try {
    const pre = labelerOf(preprocessing);
    const { table } = await loadTable(file, { typeOverrides: pre.spec.data.columnTypes });
    const labelled = labelRows(tf, model, pre, table);
    const idColumn = pre.spec.data.idColumn;
    const labelName = pre.spec.data.targetColumns[0];
    const labelCol = table.columns.find((c) => c.name === labelName);
    const actual = labelCol ? labelStrings(labelCol) : null;
    let compared = 0;
    let agreed = 0;
    const rows: CsvValue[][] = labelled.rows.map((r) => {
      const row: CsvValue[] = [
        ...(idColumn ? [r.sequence] : []),
        r.step,
        ...(labelled.tokens ? [labelled.tokens[r.row] ?? ''] : []),
        r.label,
        Number(r.probability.toFixed(4)),
      ];
      if (actual) {
        const truth = actual[r.row];
        row.push(truth ?? '');
        if (truth !== null) {
          compared++;
          if (truth === r.label) agreed++;
        }
      }
      return row;
    });
    const header = [
      ...(idColumn ? [idColumn] : []),
      'step',
      ...(labelled.tokens ? [pre.spec.data.text.column ?? 'token'] : []),
      'predicted',
      'probability',
      ...(actual ? [labelName] : []),
    ];
    const problems: string[] = [];
    if (labelled.unknown > 0) {
      problems.push(
        `${labelled.unknown.toLocaleString('en-US')} of ${labelled.known.toLocaleString('en-US')} words were never seen in training; the model tags them from the words around them.`,
      );
    }
    if (compared > 0) {
      problems.push(
        `The file's '${labelName}' agrees with the predicted label on ${((100 * agreed) / compared).toFixed(1)}% of ${compared.toLocaleString('en-US')} rows.`,
      );
    }
    const target = output ?? defaultPredictionPath(file);
    await writeFile(target, toCsv(header, rows));
    return {
      runId: run.runId,
      rows: rows.length,
      file: target,
      preview: previewRows(rows, PREVIEW_ROWS),
      header,
      problems,
      ...(labelled.tokens && labelled.known > 0 ? { unknownShare: labelled.unknown / labelled.known } : {}),
    };
  } finally {
    model.dispose();
  }
}

/** The preprocessing of a sequence labeler, or a DataError saying the model is something else. */
export function labelerOf(pre: PreprocessingFile | null): PreprocessingFile & { classes: string[] } {
  if (!pre || pre.task !== 'sequence-labeling' || !pre.classes) {
    throw new DataError('This model is not a sequence labeler, so it cannot label the rows of a file.');
  }
  return pre as PreprocessingFile & { classes: string[] };
}

/** One labelled row: where it sits and the label the model gives it with its probability. */
export interface LabelledRow {
  row: number;
  sequence: string;
  /** 1-based position in its sequence. */
  step: number;
  label: string;
  probability: number;
}

/**
 * The label of every row of `table` (sequences in order, each row once), with the token of each
 * row for word models and how many words were present and unknown to the model.
 */
export function labelRows(
  tf: Tf,
  model: tfTypes.LayersModel,
  pre: PreprocessingFile & { classes: string[] },
  table: Table,
): { rows: LabelledRow[]; tokens: (string | null)[] | null; known: number; unknown: number } {
  const classes = pre.classes;
  const K = classes.length;
  const T = pre.lookback;
  const idColumn = pre.spec.data.idColumn;
  const pieces = piecesOf(sequencesOf(table, pre, idColumn), T);
  if (pieces.length === 0) throw new DataError('The file holds no rows to label.');
  const step = stepInputs(table, pre);
  const F = step.features;
  const inputsFor = (ids: ArrayLike<number>): Float32Array => {
    const x = new Float32Array(ids.length * T * F);
    for (let s = 0; s < ids.length; s++) {
      pieces[ids[s]].rows.forEach((r, j) => step.write(r, x, (s * T + j) * F));
    }
    return x;
  };
  const probabilities = predictOrigins(
    tf,
    model,
    inputsFor,
    step.tokens ? [T] : [T, F],
    pieces.map((_, i) => i),
  );
  const idValues = idColumn ? stringValues(table.columns.find((c) => c.name === idColumn)!) : null;
  const rows: LabelledRow[] = [];
  const stepInSequence = new Map<string, number>();
  pieces.forEach((piece, p) => {
    piece.rows.forEach((r, j) => {
      const at = (p * T + j) * K;
      let best = 0;
      for (let k = 1; k < K; k++) if (probabilities[at + k] > probabilities[at + best]) best = k;
      const sequence = idValues ? (idValues[r] ?? '') : '';
      const n = (stepInSequence.get(sequence) ?? 0) + 1;
      stepInSequence.set(sequence, n);
      rows.push({ row: r, sequence, step: n, label: classes[best], probability: probabilities[at + best] });
    });
  });
  return { rows, tokens: step.tokens, known: step.known, unknown: step.unknown };
}

function labelStrings(col: Table['columns'][number]): (string | null)[] {
  if (col.type === 'numeric' || col.type === 'datetime') {
    return Array.from(col.values, (v) => (Number.isNaN(v) ? null : String(v)));
  }
  return col.values;
}

/** The rows of each sequence: per id in file order (sorted by the time column when the model had one), else one sequence. */
function sequencesOf(table: Table, pre: PreprocessingFile, idColumn: string | null): number[][] {
  const timeName = pre.spec.data.timeColumn;
  const timeCol = timeName ? table.columns.find((c) => c.name === timeName) : undefined;
  const time = timeCol && (timeCol.type === 'numeric' || timeCol.type === 'datetime') ? timeCol.values : null;
  const order = (rows: number[]) => (time ? [...rows].sort((a, b) => time[a] - time[b]) : rows);
  if (!idColumn) return [order(Array.from({ length: table.rowCount }, (_, r) => r))];
  const idCol = table.columns.find((c) => c.name === idColumn);
  if (!idCol) {
    throw new DataError(
      `The model labels sequences named by '${idColumn}', a column this file does not have. Its columns: ${table.columns.map((c) => `'${c.name}'`).join(', ')}.`,
    );
  }
  const byId = new Map<string, number[]>();
  stringValues(idCol).forEach((id, r) => {
    if (id === null) return;
    let rows = byId.get(id);
    if (!rows) byId.set(id, (rows = []));
    rows.push(r);
  });
  return [...byId.values()].map(order);
}

/** Consecutive pieces of at most T rows, as training cut them. */
function piecesOf(sequences: number[][], T: number): Piece[] {
  const out: Piece[] = [];
  for (const rows of sequences) for (let i = 0; i < rows.length; i += T) out.push({ rows: rows.slice(i, i + T) });
  return out;
}

/** How one row becomes the model's input at one step: a token id, or the scaled numeric features. */
function stepInputs(table: Table, pre: PreprocessingFile) {
  const tokenName = pre.spec.data.text.column;
  if (pre.text && tokenName) {
    const col = table.columns.find((c) => c.name === tokenName);
    if (!col) {
      throw new DataError(
        `The model reads the words of the column '${tokenName}', which this file does not have. Its columns: ${table.columns.map((c) => `'${c.name}'`).join(', ')}.`,
      );
    }
    const raw = labelStrings(col);
    const tokens = pre.text.lowercase ? raw.map((t) => (t === null ? null : t.toLowerCase())) : raw;
    const lookup = vocabularyIndex(pre.text.vocabulary);
    const ids = tokens.map((t) => (t === null || t === '' ? 0 : lookup(t)));
    const known = ids.filter((i) => i !== 0).length;
    const unknown = ids.filter((i) => i === 1).length;
    return {
      features: 1,
      tokens: raw,
      known,
      unknown,
      write: (r: number, x: Float32Array, at: number) => {
        x[at] = ids[r];
      },
    };
  }
  const columns = pre.inputs.map((input) => {
    const c = table.columns.find((col) => col.name === input.source);
    if (!c || c.type !== 'numeric') {
      throw new DataError(
        `The model reads the numeric column '${input.source}', which this file ${c ? `holds as ${c.type}` : 'does not have'}. Its columns: ${table.columns.map((col) => `'${col.name}'`).join(', ')}.`,
      );
    }
    return { values: c.values, scaler: input.scaler };
  });
  return {
    features: columns.length,
    tokens: null,
    known: 0,
    unknown: 0,
    write: (r: number, x: Float32Array, at: number) => {
      columns.forEach((c, f) => {
        const v = c.values[r];
        x[at + f] = Number.isFinite(v) ? (v - c.scaler.center) / c.scaler.scale : 0;
      });
    },
  };
}
