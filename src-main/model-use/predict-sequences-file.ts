/**
 * Predicting with a sequence-classification model on a new file shaped like its training data:
 * one sequence per row (the step columns it was trained on) or one per id (rows of that id in time
 * order, the feature columns it was trained on). Labels are not needed. Each sequence is scaled
 * with the saved scalers and fitted to the model's length exactly as training did (latest steps
 * kept, padding in front), then classified; the result is written as CSV.
 */
import { writeFile } from 'node:fs/promises';
import { DataError } from '../data/data-error';
import { loadTable } from '../data/import/load-table';
import { sequenceBatch } from '../data/prepare/sequence-window';
import type { Table } from '../data/table';
import type { Tf } from '../tensorflow/load-tf';
import { predictOrigins } from '../engine/model/predict';
import { stringValues } from '../engine/tasks/common/table-columns';
import { importTfjsModel } from '../export/index';
import { previewRows, toCsv, type CsvValue } from './csv-safe';
import { readRunResult, runModelDir } from './load-run';
import { defaultPredictionPath } from './predict-file';
import type { PreprocessingFile } from '../shared/preprocessing';
import type { BatchPrediction } from '../shared/types-model-use';

const PREVIEW_ROWS = 20;

/** One sequence: its name in the output and its [steps × features] values in original units. */
interface Sequence {
  name: string;
  values: Float64Array;
}

/** Classifies every sequence of `file` with the run's model and writes the CSV. */
export async function predictSequencesFile(
  tf: Tf,
  runDir: string,
  file: string,
  output?: string,
): Promise<BatchPrediction> {
  const run = await readRunResult(runDir);
  const { model, preprocessing: pre } = await importTfjsModel(await runModelDir(runDir, run), tf);
  try {
    if (!pre || pre.task !== 'sequence-classification' || !pre.classes) {
      throw new DataError('This model is not a sequence classifier, so it cannot classify a file of sequences.');
    }
    const classes = pre.classes;
    const { table } = await loadTable(file, { typeOverrides: pre.spec.data.columnTypes });
    const idColumn = pre.spec.data.idColumn;
    const sequences = idColumn ? byId(table, pre, idColumn) : byRow(table, pre);
    if (sequences.length === 0) throw new DataError('The file holds no sequence to classify.');
    const F = pre.inputs.length;
    const T = pre.lookback;
    const scalers = pre.inputs.map((i) => i.scaler);
    const inputsFor = (samples: ArrayLike<number>) =>
      sequenceBatch(
        sequences.map((q) => q.values),
        samples,
        T,
        F,
        scalers,
      );
    const raw = predictOrigins(
      tf,
      model,
      inputsFor,
      [T, F],
      sequences.map((_, i) => i),
    );
    const width = raw.length / sequences.length;
    const rows: CsvValue[][] = sequences.map((seq, s) => {
      const p = width === 1 ? [1 - raw[s], raw[s]] : Array.from(raw.subarray(s * width, (s + 1) * width));
      const best = p.indexOf(Math.max(...p));
      return [seq.name, classes[best], ...p.map((x) => Number(x.toFixed(4)))];
    });
    const header = [idColumn ?? 'row', 'predicted', ...classes.map((c) => `probability_${c}`)];
    const target = output ?? defaultPredictionPath(file);
    await writeFile(target, toCsv(header, rows));
    return {
      runId: run.runId,
      rows: rows.length,
      file: target,
      preview: previewRows(rows, PREVIEW_ROWS),
      header,
      problems: [],
    };
  } finally {
    model.dispose();
  }
}

/** The numeric column `name`, or a DataError naming what the model needs. */
function numeric(table: Table, name: string): Float64Array {
  const c = table.columns.find((col) => col.name === name);
  if (!c || c.type !== 'numeric') {
    throw new DataError(
      `The model reads the numeric column '${name}', which this file ${c ? `holds as ${c.type}` : 'does not have'}. ` +
        `Its columns: ${table.columns.map((col) => `'${col.name}'`).join(', ')}.`,
    );
  }
  return c.values;
}

/** One sequence per row, over the step columns the model was trained on. */
function byRow(table: Table, pre: PreprocessingFile): Sequence[] {
  const stepColumns = pre.inputs[0].source.split(',').map((name) => numeric(table, name));
  const out: Sequence[] = [];
  for (let r = 0; r < table.rowCount; r++) {
    out.push({ name: String(r + 1), values: Float64Array.from(stepColumns, (c) => c[r]) });
  }
  return out;
}

/** One sequence per id, its rows in time order (file order without a time column). */
function byId(table: Table, pre: PreprocessingFile, idColumn: string): Sequence[] {
  const idCol = table.columns.find((c) => c.name === idColumn);
  if (!idCol) throw new DataError(`The file has no column '${idColumn}' saying which sequence each row belongs to.`);
  const ids = stringValues(idCol);
  const features = pre.inputs.map((i) => numeric(table, i.source));
  const timeName = pre.spec.data.timeColumn;
  const timeCol = timeName ? table.columns.find((c) => c.name === timeName) : undefined;
  const time = timeCol && (timeCol.type === 'numeric' || timeCol.type === 'datetime') ? timeCol.values : null;
  const rowsById = new Map<string, number[]>();
  ids.forEach((id, r) => {
    if (id === null) return;
    const rows = rowsById.get(id) ?? [];
    rows.push(r);
    rowsById.set(id, rows);
  });
  return [...rowsById.entries()].map(([name, rows]) => {
    if (time) rows.sort((a, b) => time[a] - time[b]);
    const values = new Float64Array(rows.length * features.length);
    rows.forEach((r, j) => features.forEach((c, f) => (values[j * features.length + f] = c[r])));
    return { name, values };
  });
}
