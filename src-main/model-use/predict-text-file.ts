/**
 * "Predict a file" for a text-classification model: every text of a CSV / Excel sheet / .txt file /
 * folder is classified and written as CSV (text, predicted class, one probability per class, the
 * share of unknown words), with a warning when much of the vocabulary is new to the model.
 */
import { writeFile } from 'node:fs/promises';
import { DataError } from '../data/data-error';
import { loadTable } from '../data/import/load-table';
import type { Table } from '../data/table';
import type { Tf } from '../tensorflow/load-tf';
import { openTextModel } from './text-inference';
import { stringValues } from '../engine/tasks/common/table-columns';
import { previewRows, toCsv, type CsvValue } from './csv-safe';
import { defaultPredictionPath } from './predict-file';
import type { BatchPrediction } from '../shared/types-model-use';
import { classifyTexts } from './classify-texts';
import { HIGH_UNKNOWN_SHARE, knownTokens, unknownWords } from './unknown-words';

const PREVIEW_ROWS = 20;

/**
 * Classifies every text of `file` with the run's model and writes the CSV (to `output`, or beside
 * the file). @throws DataError when the file has no column of texts.
 */
export async function predictTextFile(tf: Tf, runDir: string, file: string, output?: string): Promise<BatchPrediction> {
  const opened = await openTextModel(runDir, tf);
  try {
    const { pre } = opened;
    const classes = pre.classes;
    if (pre.task !== 'text-classification' || !classes) {
      throw new DataError(`This is a ${pre.task} model; predicting a file of texts needs a text-classification model.`);
    }
    const { table } = await loadTable(file);
    const column = textsColumn(table, pre.spec.data.text.column, pre.spec.data.targetColumns[0]);
    const texts = stringValues(column).map((t) => t ?? '');
    const probabilities = classifyTexts(tf, opened, texts);
    const known = knownTokens(pre.text);
    let tokens = 0;
    let unknown = 0;
    let flagged = 0;
    const rows: CsvValue[][] = texts.map((text, i) => {
      const found = unknownWords(text, pre.text, known);
      tokens += found.tokens;
      unknown += found.unknown;
      if (found.share > HIGH_UNKNOWN_SHARE) flagged++;
      const p = probabilities[i];
      const best = p.indexOf(Math.max(...p));
      return [text, classes[best], ...p.map(round), round(found.share)];
    });
    const header = [column.name, 'predicted', ...classes.map((c) => `probability_${c}`), 'unknown_share'];
    const target = output ?? defaultPredictionPath(file);
    await writeFile(target, toCsv(header, rows));
    const share = tokens ? unknown / tokens : 0;
    const problems: string[] = [];
    if (flagged > 0) {
      problems.push(
        `${flagged} of ${texts.length} texts are mostly ${pre.text.tokens === 'word' ? 'words' : 'characters'} the model never saw in training ` +
          `(over ${Math.round(HIGH_UNKNOWN_SHARE * 100)}% unknown; see the unknown_share column): treat their predictions with caution.`,
      );
    }
    const empty = texts.filter((t) => t.trim() === '').length;
    if (empty > 0)
      problems.push(`${empty} ${empty === 1 ? 'row has' : 'rows have'} no text; their prediction reflects nothing.`);
    return {
      runId: opened.runId,
      rows: rows.length,
      file: target,
      preview: previewRows(rows, PREVIEW_ROWS),
      header,
      problems,
      unknownShare: share,
    };
  } finally {
    opened.dispose();
  }
}

/** The column of texts: the one the model was trained on when present, else the first text column. */
function textsColumn(table: Table, trainedOn: string | null, label: string) {
  const named = trainedOn ? table.columns.find((c) => c.name === trainedOn) : undefined;
  const found =
    named ??
    table.columns.find((c) => c.type === 'text' && c.name !== label) ??
    table.columns.find((c) => c.type === 'categorical' && c.name !== label);
  if (!found) {
    throw new DataError(
      `The file has no column of texts${trainedOn ? ` (the model was trained on '${trainedOn}')` : ''}. ` +
        `Its columns: ${table.columns.map((c) => `'${c.name}' (${c.type})`).join(', ')}.`,
    );
  }
  return found;
}

/** Probabilities to 4 decimals: more digits only look precise. */
function round(x: number): number {
  return Number(x.toFixed(4));
}
