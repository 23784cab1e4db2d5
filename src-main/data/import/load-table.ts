/**
 * Reads a data file (CSV/TSV/any delimiter, XLSX, TXT), a folder of .txt files, a folder of
 * recordings (one .csv or .tsv per sequence) or a folder of paired files into a typed Table with its summary (column types and stats, layout, frequency,
 * gaps, problems). Streams the file.
 * Throws DataError (data/data-error.ts) with a specific message for unusable input.
 */
import { createHash } from 'node:crypto';
import { basename, extname } from 'node:path';
import type { TimeParts } from '../../shared/spec';
import type { ColumnSummary, DataProblem, DatasetSummary } from '../../shared/types';
import { checkUserFile, UserFileError } from '../../storage/user-file';
import { DataError } from '../data-error';
import { OUTLINE_POINTS, summarizeColumn } from '../summary/column-stats';
import { detectFrequency } from '../summary/frequency';
import { type LayoutInfo, detectLayout } from '../summary/layout';
import { missingByColumn, missingValueProblems, tooFewRowsProblem } from '../summary/missing-values';
import { proposeTask } from '../summary/proposed-task';
import type { LoadedTable, LoadOptions, Table } from '../table';
import { mixedTypeNotes } from './mixed-type-note';
import { detectEncoding } from './encoding';
import { readDelimited, readHead } from './read-delimited';
import { completeLines, detectNewline, looksDelimited } from './sniff';
import { readTextCorpus } from './read-text-corpus';
import { readTaggedWords, taggedWordsShape } from './read-tagged-words';
import { readTaggedTable } from './tagged-table';
import { type PairFolderPlan, planPairFolder, readPairFolder } from './read-pair-folder';
import { countFolderFiles } from './list-data-folder';
import { readSequenceFolder } from './read-sequence-folder';
import { readTextFolder } from './read-text-folder';
import { readXlsx } from './read-xlsx';
import { looksLikeJson, readJson } from './read-json';
import type { BuiltColumnInfo } from './table-builder';
import { applyTimeParts } from './time-parts-import';
import { unfoldCalendarWide } from './calendar-wide';
import { unfoldRowSequences } from './row-sequences';
import { unfoldTimeColumns } from './time-as-columns';
import { applySeriesIds } from './series-id-columns';
import { seriesIdsOf } from '../summary/series-ids';

const XLSX_EXTENSIONS = new Set(['.xlsx', '.xlsm']);
/** Points of every numeric column's outline together (see ColumnSummary.outline). */
const OUTLINE_BUDGET = 50_000;
const TEXT_EXTENSIONS = new Set(['.txt', '.text', '.md']);
const JSON_EXTENSIONS = new Set(['.json', '.jsonl', '.ndjson']);
/** Files never read as tagged words: their own readers know them. */
const NOT_TAGGED_EXTENSIONS = new Set(['.csv', '.md', ...XLSX_EXTENSIONS, ...JSON_EXTENSIONS]);

/** A stable handle for this file version and sheet: changes when the file is edited. */
export function datasetId(path: string, mtimeMs: number, sizeBytes: number, sheet: string | null): string {
  return createHash('sha1')
    .update(`${path}\u0000${mtimeMs}\u0000${sizeBytes}\u0000${sheet ?? ''}`)
    .digest('hex')
    .slice(0, 16);
}

/**
 * Size and time of a data file or folder. Devices, pipes and sockets are refused here: a
 * device such as /dev/zero reports size 0 yet never ends, a pipe blocks the reader forever.
 * Text files stream, so their size has no limit; workbooks are bounded in read-xlsx.ts.
 */
async function fileFacts(path: string): Promise<{ size: number; mtimeMs: number; isDirectory: boolean }> {
  try {
    const s = await checkUserFile(path, { what: 'data file', maxBytes: Number.MAX_SAFE_INTEGER, allowFolder: true });
    return { size: s.size, mtimeMs: s.mtimeMs, isDirectory: s.isDirectory() };
  } catch (e) {
    if (!(e instanceof UserFileError)) throw e;
    if (e.problem === 'missing') throw new DataError(`The file '${path}' does not exist. Check the path.`);
    throw new DataError(e.message);
  }
}

/** The file's first bytes as text, cut at its last complete line; null when they are not text. */
async function headText(path: string, size: number): Promise<string | null> {
  const head = await readHead(path);
  let sample: string;
  try {
    sample = new TextDecoder(detectEncoding(head, head.length >= size).decoder).decode(head);
  } catch (e) {
    // Not text at all: the reader chosen says so in its own words.
    if (e instanceof DataError) return null;
    throw e;
  }
  return completeLines(sample, head.length >= size, detectNewline(sample));
}

/** A .txt file whose lines are delimited fields (sentence pairs, a table of readings) is read as a table, not as one text. */
async function delimitedText(path: string, size: number): Promise<boolean> {
  if (extname(path).toLowerCase() === '.md') return false;
  const sample = await headText(path, size);
  return sample !== null && looksDelimited(sample);
}

/** The shape of a file of tagged words (read-tagged-words.ts), judged from its first bytes; null for any other file. */
async function taggedWordsOf(path: string, size: number): Promise<ReturnType<typeof taggedWordsShape>> {
  if (NOT_TAGGED_EXTENSIONS.has(extname(path).toLowerCase())) return null;
  const sample = await headText(path, size);
  return sample === null ? null : taggedWordsShape(sample);
}

/** Pairs matched among .csv and .tsv files only (`sensor_acc.csv` + `sensor_gyr.csv`) are recordings, not texts to pair. */
function pairsOfTables(plan: PairFolderPlan): boolean {
  return plan.names.pairs.every((p) => /\.(csv|tsv)$/i.test(p.source) && /\.(csv|tsv)$/i.test(p.target));
}

/** A file of another name whose text opens with '[' or '{' (an API's export saved as .csv or without a name). */
async function startsLikeJson(path: string): Promise<boolean> {
  const head = await readHead(path, 256);
  return looksLikeJson(new TextDecoder().decode(head));
}

async function isZip(path: string): Promise<boolean> {
  const h = await readHead(path, 4);
  return h[0] === 0x50 && h[1] === 0x4b && h[2] === 0x03 && h[3] === 0x04;
}

export async function loadTable(path: string, options: LoadOptions = {}): Promise<LoadedTable> {
  const facts = await fileFacts(path);
  let { size, mtimeMs } = facts;
  if (size === 0 && !facts.isDirectory) throw new DataError('The file is empty: it has no header line and no data.');
  const ext = extname(path).toLowerCase();
  let format: DatasetSummary['format'];
  let table: Table;
  let info: BuiltColumnInfo[];
  let problems: DataProblem[];
  let encoding = 'UTF-8';
  let delimiter: string | null = null;
  let decimalComma = false;
  let sheets: string[] = [];
  let sheet: string | null = null;

  let folderLayout: LayoutInfo | null = null;
  const tagged = facts.isDirectory || (await isZip(path)) ? null : await taggedWordsOf(path, size);
  if (tagged) {
    format = 'conll';
    const r = await readTaggedWords(path, size, tagged, options);
    ({ table, info, problems, encoding } = r);
    folderLayout = { layout: 'tagged-words', timeColumn: null, idColumn: 'sentence' };
  } else if (facts.isDirectory) {
    format = 'folder';
    const pairPlan = await planPairFolder(path, options.signal);
    const files = await countFolderFiles(path, options.signal);
    // A folder of recordings (.csv or .tsv, no .txt): one row per step of each file, a long table.
    // A folder of pairs (train.en + train.fr, 001.src + 001.tgt): one row per pair.
    // Otherwise a folder of texts: one row per .txt file, labeled by subfolder (the review-dataset layout).
    if (files.tables > 0 && files.texts === 0 && (!pairPlan || pairsOfTables(pairPlan))) {
      const r = await readSequenceFolder(path, options);
      ({ table, info, problems, encoding } = r);
      size = r.plan.totalBytes;
      mtimeMs = r.plan.newestMtimeMs;
      folderLayout = { layout: 'long', timeColumn: r.timeColumn, idColumn: r.idColumn };
    } else {
      const r = pairPlan ? await readPairFolder(pairPlan, options) : await readTextFolder(path, options);
      ({ table, info, problems, encoding } = r);
      size = r.plan.totalBytes;
      mtimeMs = r.plan.newestMtimeMs;
      if (pairPlan) folderLayout = { layout: 'pairs', timeColumn: null, idColumn: null };
    }
  } else if (XLSX_EXTENSIONS.has(ext) || (await isZip(path))) {
    format = 'xlsx';
    const r = await readXlsx(path, options, size);
    ({ table, info, problems, sheets, sheet } = r);
    encoding = 'xlsx';
  } else if (JSON_EXTENSIONS.has(ext) || (ext !== '.txt' && (await startsLikeJson(path)))) {
    format = 'json';
    try {
      ({ table, info, problems } = await readJson(path, options));
    } catch (e) {
      // A '.csv' whose first cell starts with '[' or '{' and is no JSON after all: read it as the table it names itself.
      if (JSON_EXTENSIONS.has(ext) || !(e instanceof DataError) || !/not valid JSON/.test(e.message)) throw e;
      format = 'csv';
      const r = await readDelimited(path, size, options);
      ({ table, info, problems, encoding, delimiter, decimalComma } = r);
    }
  } else if (TEXT_EXTENSIONS.has(ext) && !(await delimitedText(path, size))) {
    format = 'text';
    const r = await readTextCorpus(path, size, options);
    table = r.table;
    encoding = r.encoding;
    info = [{ name: 'text', type: 'text', detectedType: 'text', format: undefined }];
    problems = [
      ...(r.ebook
        ? [
            {
              severity: 'info' as const,
              message: `This is a Project Gutenberg ebook: only the book between its START and END markers is read; the ${r.ebook.header} lines of header before it and the ${r.ebook.footer} lines of licence after it are left out.`,
            },
          ]
        : []),
      {
        severity: 'info',
        message: `The text is split into ${table.rowCount} ${r.unit}s.`,
      },
    ];
  } else {
    format = 'csv';
    const r = await readDelimited(path, size, options);
    ({ table, info, problems, encoding, delimiter, decimalComma } = r);
  }

  const tabular = format === 'csv' || format === 'xlsx' || format === 'json';
  // A year per row and a column per month: one series in time order (calendar-wide.ts).
  const calendar = tabular && !options.timeParts && unfoldCalendarWide(table, info, problems);
  // One series per row with times as column names (the World Bank's layout): one row per time.
  const timeColumns = tabular && !options.timeParts && !calendar && unfoldTimeColumns(table, info, problems);
  // One labelled sequence per row: the long table a folder of recordings gives, laid out alike.
  const rowSequences =
    tabular && !options.timeParts && !calendar && !timeColumns && unfoldRowSequences(table, info, problems);
  if (rowSequences) folderLayout = { layout: 'long', timeColumn: 'step', idColumn: 'sequence' };
  const unfolded = calendar || timeColumns || rowSequences;
  // Tagged words saved as a table (Sentence #, Word, Tag), the sentence named on its first word only.
  const taggedTable = tabular && !unfolded && !options.timeParts ? readTaggedTable(table, info, problems) : null;
  if (taggedTable) folderLayout = { layout: 'tagged-words', timeColumn: null, idColumn: taggedTable.sentence };
  const timeParts =
    tabular && !unfolded && !taggedTable ? applyTimeParts(table, info, options.timeParts, problems) : null;
  // Series named by whole numbers or by two columns (series-id-columns.ts).
  if (tabular && !taggedTable) applySeriesIds(table, info, problems, options.typeOverrides);
  // Outlines for the Data view's chart share a budget, so a file of thousands of columns stays small.
  const numericCount = table.columns.filter((c) => c.type === 'numeric').length;
  const outlinePoints = Math.max(64, Math.min(OUTLINE_POINTS, Math.floor(OUTLINE_BUDGET / Math.max(1, numericCount))));
  const columns: ColumnSummary[] = table.columns.map((c, i) =>
    summarizeColumn(c, info[i].detectedType, info[i].format, outlinePoints),
  );
  if (tabular) problems.push(...mixedTypeNotes(table, decimalComma));
  for (const c of columns) {
    if (c.missing === table.rowCount) {
      problems.push({
        severity: 'warning',
        message: `Column '${c.name}' has no values at all; leave it out of the experiment.`,
        column: c.name,
      });
    }
  }
  const layout: LayoutInfo = folderLayout ?? detectLayout(table, layoutColumns(columns, timeParts), format);
  const timing = timeFacts(table, layout.timeColumn, layout.idColumn, problems);
  problems.push(...missingValueProblems(columns, table.rowCount));
  const tooFew = tooFewRowsProblem(table.rowCount, format);
  if (tooFew) problems.push(tooFew);
  const proposed = proposeTask({ layout: layout.layout, format, columns });
  if (!timeParts) hintSplitTime(table, layout.timeColumn, timing.duplicates, problems);

  const summary: DatasetSummary = {
    id: datasetId(path, mtimeMs, size, sheet),
    path,
    fileName: basename(path),
    sizeBytes: size,
    format,
    encoding,
    delimiter,
    decimalComma,
    sheets,
    sheet,
    rows: table.rowCount,
    layout: layout.layout,
    columns,
    timeColumn: layout.timeColumn,
    timeParts,
    idColumn: layout.idColumn,
    seriesIds: layout.layout === 'long' ? seriesIdsOf(table, layout.idColumn) : null,
    frequency: timing.frequency,
    gaps: timing.gaps,
    duplicateTimestamps: timing.duplicates,
    missingValues: missingByColumn(columns, table.rowCount),
    proposedTask: proposed.task,
    proposedTaskReason: proposed.reason,
    problems,
  };
  return { table, summary };
}

/** The columns layout detection weighs: the composed time first, its parts left out (a quarter is not a series). */
function layoutColumns(columns: ColumnSummary[], parts: TimeParts | null): ColumnSummary[] {
  if (!parts) return columns;
  const composed = columns[columns.length - 1];
  return [composed, ...columns.slice(0, -1).filter((c) => !parts.columns.includes(c.name))];
}

/**
 * Time stamps that repeat in most rows usually mean the period sits in another column
 * (year here, quarter there); averaging them would silently shrink the series.
 */
function hintSplitTime(table: Table, timeColumn: string | null, duplicates: number, problems: DataProblem[]): void {
  if (!timeColumn || duplicates < table.rowCount / 4) return;
  problems.push({
    severity: 'warning',
    message:
      `Most time stamps in '${timeColumn}' repeat (${duplicates} of ${table.rowCount} rows). If the quarter, month, week or time of day ` +
      `is in another column, read time from both columns (the data form's time parts, or data.timeParts in the spec).`,
    column: timeColumn,
  });
}

/** Frequency, gaps and duplicates of the time column; per series for long files. */
function timeFacts(
  table: Table,
  timeColumn: string | null,
  idColumn: string | null,
  problems: DataProblem[],
): { frequency: string | null; gaps: number; duplicates: number } {
  const time = table.columns.find((c) => c.name === timeColumn);
  if (!time || time.type !== 'datetime') return { frequency: null, gaps: 0, duplicates: 0 };
  const groups: Float64Array[] = [];
  const ids = table.columns.find((c) => c.name === idColumn);
  if (ids && (ids.type === 'categorical' || ids.type === 'text')) {
    const byId = new Map<string, number[]>();
    ids.values.forEach((id, i) => {
      const key = id ?? '';
      let list = byId.get(key);
      if (!list) byId.set(key, (list = []));
      list.push(time.values[i]);
    });
    for (const list of byId.values()) groups.push(Float64Array.from(list));
  } else {
    groups.push(time.values);
  }
  const found = groups.map((g) => detectFrequency(g));
  const counts = new Map<string, number>();
  for (const f of found) if (f.frequency) counts.set(f.frequency, (counts.get(f.frequency) ?? 0) + 1);
  const frequency = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
  const gaps = found.reduce((n, f) => n + f.gaps, 0);
  const duplicates = found.reduce((n, f) => n + f.duplicates, 0);
  const where = `the time column '${time.name}'`;
  if (duplicates > 0) {
    problems.push({
      severity: 'warning',
      message: `${duplicates} duplicate time ${duplicates === 1 ? 'stamp' : 'stamps'} in ${where}${ids ? ` (within one '${idColumn}')` : ''}; when preparing a series their values are averaged.`,
      column: time.name,
    });
  }
  if (gaps > 0) {
    problems.push({
      severity: 'warning',
      message: `${where.charAt(0).toUpperCase()}${where.slice(1)} has ${gaps} missing ${frequency ?? ''} ${gaps === 1 ? 'step' : 'steps'} (gaps); they are filled by the missing-value setting when preparing the series.`,
      column: time.name,
    });
  }
  if (frequency === 'irregular') {
    problems.push({
      severity: 'warning',
      message: `The time stamps in '${time.name}' have no regular step; forecasts treat rows as equally spaced.`,
      column: time.name,
    });
  }
  if (found.some((f) => !f.sorted)) {
    problems.push({
      severity: 'info',
      message: `The rows are not in time order; they are sorted by '${time.name}' when preparing the series.`,
      column: time.name,
    });
  }
  if (time.values.some((t) => Number.isNaN(t))) {
    problems.push({
      severity: 'warning',
      message: `Some rows have no time stamp in '${time.name}'; they are left out when preparing the series.`,
      column: time.name,
    });
  }
  return { frequency, gaps, duplicates };
}
