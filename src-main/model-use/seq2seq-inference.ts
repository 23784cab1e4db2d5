/**
 * Using a trained sequence-to-sequence run: outputs for typed sources (the try-it box and
 * `recurrent predict --text`) and for every source of a file. The model and its
 * preprocessing.json decode exactly as the run's evaluation did (same tokens, vocabularies,
 * decoding settings).
 */
import { writeFile } from 'node:fs/promises';
import { DataError } from '../data/data-error';
import { loadTable } from '../data/import/load-table';
import { stringValues } from '../engine/tasks/common/table-columns';
import type { DecodeOptions } from '../engine/tasks/seq2seq/seq2seq-decode';
import { Seq2seqTranslator, translationWarning } from '../engine/tasks/seq2seq/seq2seq-translator';
import { importTfjsModel } from '../export/index';
import type { PreprocessingFile } from '../shared/preprocessing';
import type { BatchPrediction } from '../shared/types-model-use';
import type { Seq2seqOutput } from '../shared/types-seq2seq';
import type { Tf } from '../tensorflow/load-tf';
import { previewRows, toCsv, type CsvValue } from './csv-safe';
import { RunFolderError, modelFolderOf } from './load-run';
import { defaultPredictionPath } from './predict-file';

const PREVIEW_ROWS = 20;

/** The decoding choices a caller may change for one request (the spec's otherwise). */
export type DecodeChoice = Partial<Pick<DecodeOptions, 'method' | 'beamWidth' | 'temperature' | 'maxLength'>>;

interface OpenedPairModel {
  runId: string;
  pre: PreprocessingFile;
  translator: Seq2seqTranslator;
  dispose(): void;
}

/** Opens the pair model of a run folder (run.json + model/) or of a model folder. */
async function openPairModel(dir: string, tf: Tf): Promise<OpenedPairModel> {
  const { runId, modelDir } = await modelFolderOf(dir);
  const { model, preprocessing: pre } = await importTfjsModel(modelDir, tf);
  if (!pre?.text || !pre.seq2seq || pre.task !== 'sequence-to-sequence') {
    model.dispose();
    throw new RunFolderError(
      `The model in ${modelDir} is a ${pre?.task ?? 'model without preprocessing'}; writing outputs for sources needs a sequence-to-sequence model.`,
    );
  }
  const translator = new Seq2seqTranslator(tf, pre.spec, model, {
    source: pre.text.vocabulary,
    target: pre.seq2seq.targetVocabulary,
  });
  return { runId, pre, translator, dispose: () => model.dispose() };
}

/** Outputs for typed sources, each with a warning about unknown or cut tokens. */
export async function translateTexts(
  tf: Tf,
  runDir: string,
  sources: readonly string[],
  choice: DecodeChoice = {},
): Promise<Seq2seqOutput[]> {
  const empty = sources.findIndex((s) => s.trim() === '');
  if (empty >= 0) throw new DataError(`Source ${empty + 1} is empty: type the text the model should rewrite.`);
  const opened = await openPairModel(runDir, tf);
  try {
    const written = opened.translator.translate(sources, opened.translator.options(choice));
    const tokens = opened.pre.text?.tokens ?? 'char';
    return written.map((w) => ({
      produced: w.produced,
      unknownTokens: w.unknownTokens,
      warning: translationWarning(w, tokens),
      ...(w.attention ? { attention: w.attention } : {}),
    }));
  } finally {
    opened.dispose();
  }
}

/**
 * Writes an output for every source of `file` (the column the model was trained on, else the
 * first text column) as CSV: source, output, unknown tokens. Empty sources stay empty.
 */
export async function predictPairsFile(
  tf: Tf,
  runDir: string,
  file: string,
  output?: string,
): Promise<BatchPrediction> {
  const opened = await openPairModel(runDir, tf);
  try {
    const trainedOn = opened.pre.spec.data.text.column;
    // Sources such as dates must stay as written: read the trained column as text.
    const { table } = await loadTable(file, {
      typeOverrides: { ...opened.pre.spec.data.columnTypes, ...(trainedOn ? { [trainedOn]: 'text' as const } : {}) },
    });
    const column = table.columns.find((c) => c.name === trainedOn) ?? table.columns.find((c) => c.type === 'text');
    if (!column) {
      throw new DataError(
        `The file has no column of sources (the model was trained on '${trainedOn ?? 'a text column'}'). Its columns: ${table.columns.map((c) => `'${c.name}' (${c.type})`).join(', ')}.`,
      );
    }
    if (column.type === 'datetime') {
      throw new DataError(
        `The column '${column.name}' was read as dates, which loses how they were written: name it '${trainedOn}' or keep a text column.`,
      );
    }
    const sources = stringValues(column).map((s) => s?.trim() ?? '');
    const filled = sources.map((s, i) => ({ s, i })).filter((x) => x.s !== '');
    const written = opened.translator.translate(filled.map((x) => x.s));
    const rows: CsvValue[][] = sources.map((s) => [s, '', '']);
    let unknownRows = 0;
    filled.forEach((x, k) => {
      const w = written[k];
      if (w.unknownTokens.length > 0) unknownRows++;
      rows[x.i] = [x.s, w.produced, w.unknownTokens.join(' ')];
    });
    const header = [column.name, 'output', 'unknown_tokens'];
    const target = output ?? defaultPredictionPath(file);
    await writeFile(target, toCsv(header, rows));
    const problems: string[] = [];
    const empty = sources.length - filled.length;
    if (empty > 0)
      problems.push(
        `${empty} ${empty === 1 ? 'row has' : 'rows have'} no source; ${empty === 1 ? 'its' : 'their'} output is left empty.`,
      );
    if (unknownRows > 0) {
      problems.push(
        `${unknownRows} of ${filled.length} sources hold tokens the model never saw in training (see unknown_tokens): check their outputs.`,
      );
    }
    return {
      runId: opened.runId,
      rows: rows.length,
      file: target,
      preview: previewRows(rows, PREVIEW_ROWS),
      header,
      problems,
    };
  } finally {
    opened.dispose();
  }
}
