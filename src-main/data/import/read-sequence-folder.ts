/**
 * Reads a folder of recordings, one .csv or .tsv file per sequence (`gestures/wave/rec01.csv`,
 * labelled by subfolder, or `machines/m01.csv` without labels), into one long table: `sequence`
 * (the file's path inside the folder), `step` (0, 1, 2 … within the file), the files' own columns
 * and, for label subfolders, `label`. Each file goes through the CSV importer (delimiter, decimal
 * comma, encoding, header detection); the files must share their columns.
 */
import type { ColumnType, DataProblem } from '../../shared/types';
import { DataError } from '../data-error';
import type { LoadOptions, Table, TableColumn } from '../table';
import {
  type FolderLimits,
  type FolderPlan,
  DEFAULT_FOLDER_LIMITS,
  TABLE_FILES,
  listDataFolder,
} from './list-data-folder';
import { readDelimited } from './read-delimited';
import { encodingLabel, wantedType } from './read-text-folder';
import type { BuiltColumnInfo } from './table-builder';

/** Column names the reader adds; the layout and the sequence-classification spec refer to them. */
export const SEQUENCE_FOLDER_COLUMNS = { sequence: 'sequence', step: 'step', label: 'label' } as const;

export interface SequenceFolderResult {
  table: Table;
  info: BuiltColumnInfo[];
  problems: DataProblem[];
  encoding: string;
  plan: FolderPlan;
  /** The id column (one value per file) and the time column (the step within a file). */
  idColumn: string;
  timeColumn: string;
}

/** A file as read: its table and where it lies in the folder. */
interface ReadFile {
  relative: string;
  label: string | null;
  table: Table;
}

const PROGRESS_INTERVAL_MS = 250;

/** Distinct notes from the files shown; the rest are counted. */
const MOST_NOTES = 6;

const count = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

function quoted(list: readonly string[], most = 3): string {
  return `${list
    .slice(0, most)
    .map((x) => `'${x}'`)
    .join(', ')}${list.length > most ? ', …' : ''}`;
}

/**
 * Reads the folder at `path`. Reports progress as the share of bytes read, stops on abort.
 * @throws DataError for an unusable folder (see listDataFolder) or a file that does not fit, named
 */
export async function readSequenceFolder(
  path: string,
  options: LoadOptions,
  limits: FolderLimits = DEFAULT_FOLDER_LIMITS,
): Promise<SequenceFolderResult> {
  const plan = await listDataFolder(path, TABLE_FILES, options.signal, limits);
  const files: ReadFile[] = [];
  const encodings = new Map<string, number>();
  const notes = new Map<string, string[]>();
  let read = 0;
  let lastReport = 0;
  for (const f of plan.files) {
    options.signal?.throwIfAborted();
    const before = read;
    const r = await readDelimited(f.absolute, f.sizeBytes, {
      typeOverrides: options.typeOverrides,
      signal: options.signal,
      onProgress: (fraction) => {
        const now = Date.now();
        if (!options.onProgress || now - lastReport < PROGRESS_INTERVAL_MS) return;
        lastReport = now;
        const done = before + fraction * f.sizeBytes;
        options.onProgress(plan.totalBytes > 0 ? Math.min(1, done / plan.totalBytes) : 1, done);
      },
    }).catch((e: unknown) => {
      throw e instanceof DataError ? namingFile(e, f.relative) : e;
    });
    read += f.sizeBytes;
    encodings.set(r.encoding, (encodings.get(r.encoding) ?? 0) + 1);
    for (const p of r.problems) notes.set(p.message, [...(notes.get(p.message) ?? []), f.relative]);
    files.push({ relative: f.relative, label: f.label, table: r.table });
  }
  options.signal?.throwIfAborted();

  const problems: DataProblem[] = [...plan.problems];
  // The same note from many files (a headerless layout, short rows) is said once, with where.
  for (const [message, where] of [...notes].slice(0, MOST_NOTES)) {
    problems.push({
      severity: 'info',
      message: `${quoted(where, 1)}${where.length > 1 ? ` and ${count(where.length - 1, 'other file')}` : ''}: ${message}`,
    });
  }
  if (notes.size > MOST_NOTES) {
    problems.push({
      severity: 'info',
      message: `${count(notes.size - MOST_NOTES, 'more note')} about single files not shown.`,
    });
  }
  const own = ownColumnNames(files[0]);
  const columns = mergeColumns(files);
  const rowCount = files.reduce((n, f) => n + f.table.rowCount, 0);
  const sequence: (string | null)[] = new Array(rowCount);
  const step = new Float64Array(rowCount);
  const label: (string | null)[] = new Array(rowCount);
  let at = 0;
  for (const f of files) {
    for (let i = 0; i < f.table.rowCount; i++, at++) {
      sequence[at] = f.relative;
      step[at] = i;
      label[at] = f.label;
    }
  }
  const table: Table = {
    columns: [
      { name: own.sequence, type: wantedType(own.sequence, 'categorical', options, problems), values: sequence },
      { name: own.step, type: 'numeric', values: step },
      ...columns.map((c) => c.column),
    ],
    rowCount,
  };
  if (plan.kind === 'labeled') {
    table.columns.push({
      name: own.label,
      type: wantedType(own.label, 'categorical', options, problems),
      values: label,
    });
  }
  const detected = new Map<string, ColumnType>([
    [own.sequence, 'categorical'],
    [own.step, 'numeric'],
    [own.label, 'categorical'],
    ...columns.map((c) => [c.column.name, c.detectedType] as const),
  ]);
  const formats = new Map(columns.map((c) => [c.column.name, c.format]));
  const info: BuiltColumnInfo[] = table.columns.map((c) => ({
    name: c.name,
    type: c.type,
    detectedType: detected.get(c.name) ?? c.type,
    format: formats.get(c.name),
  }));
  problems.unshift({ severity: 'info', message: whatWasRead(files, plan) });
  options.onProgress?.(1, read);
  return {
    table,
    info,
    problems,
    encoding: encodingLabel(encodings),
    plan,
    idColumn: own.sequence,
    timeColumn: own.step,
  };
}

/** "314 recordings in 2 label folders: 1 158, 2 156; 13,197 steps (19 to 129 per recording)." */
function whatWasRead(files: readonly ReadFile[], plan: FolderPlan): string {
  const lengths = files.map((f) => f.table.rowCount);
  const steps = lengths.reduce((a, b) => a + b, 0);
  const shortest = Math.min(...lengths);
  const longest = Math.max(...lengths);
  const span = shortest === longest ? `${count(shortest, 'step')} each` : `${shortest} to ${longest} per recording`;
  if (plan.kind === 'labeled') {
    const byLabel = new Map<string, number>();
    for (const f of files) if (f.label !== null) byLabel.set(f.label, (byLabel.get(f.label) ?? 0) + 1);
    const counts = [...byLabel].map(([l, n]) => `${l} ${n}`).join(', ');
    return `${count(files.length, 'recording')} in ${plan.labels.length} label folders: ${counts}; ${count(steps, 'step')} (${span}).`;
  }
  return `${count(files.length, 'recording')}, one series per file (no label subfolders); ${count(steps, 'step')} (${span}).`;
}

/** The names of the added columns, moved aside ('folder label') when the files use them already. */
function ownColumnNames(first: ReadFile | undefined): Record<keyof typeof SEQUENCE_FOLDER_COLUMNS, string> {
  const taken = new Set(first?.table.columns.map((c) => c.name) ?? []);
  const free = (name: string) => {
    let n = `folder ${name}`;
    for (let i = 2; taken.has(n); i++) n = `folder ${name} ${i}`;
    return taken.has(name) ? n : name;
  };
  return {
    sequence: free(SEQUENCE_FOLDER_COLUMNS.sequence),
    step: free(SEQUENCE_FOLDER_COLUMNS.step),
    label: free(SEQUENCE_FOLDER_COLUMNS.label),
  };
}

interface MergedColumn {
  column: TableColumn;
  detectedType: ColumnType;
  format: string | undefined;
}

/**
 * The files' columns end to end. Every file must have the same columns (any order). A column is
 * numeric (or dates) when every file reads it so; otherwise it is kept as a category only when it
 * holds one value per file (a subject, a device), since changing text is no signal a network reads.
 */
function mergeColumns(files: readonly ReadFile[]): MergedColumn[] {
  const first = files[0];
  const names = first.table.columns.map((c) => c.name);
  for (const f of files.slice(1)) {
    const theirs = f.table.columns.map((c) => c.name);
    const missing = names.filter((n) => !theirs.includes(n));
    const extra = theirs.filter((n) => !names.includes(n));
    if (missing.length || extra.length) {
      throw new DataError(
        `The file '${f.relative}' has other columns than '${first.relative}' (${[
          missing.length ? `it lacks ${quoted(missing)}` : '',
          extra.length ? `it adds ${quoted(extra)}` : '',
        ]
          .filter(Boolean)
          .join(' and ')}). Every file of the folder needs the same columns, with the same names in the header line.`,
      );
    }
  }
  const rowCount = files.reduce((n, f) => n + f.table.rowCount, 0);
  return names.map((name) => {
    const parts = files.map((f) => ({ file: f, column: f.table.columns.find((c) => c.name === name)! }));
    const present = parts.filter((p) => !allMissing(p.column));
    const types = new Set(present.map((p) => p.column.type));
    if (types.size <= 1 && !types.has('categorical') && !types.has('text')) {
      const type = (present[0]?.column.type ?? 'numeric') as 'numeric' | 'datetime';
      const values = new Float64Array(rowCount);
      let at = 0;
      for (const p of parts) {
        const v = p.column.values;
        if (p.column.type === type) values.set(v as Float64Array, at);
        else values.fill(NaN, at, at + p.file.table.rowCount);
        at += p.file.table.rowCount;
      }
      return { column: { name, type, values }, detectedType: type, format: undefined };
    }
    const textPart = present.find((p) => p.column.type === 'categorical' || p.column.type === 'text');
    const changing = present.find((p) => distinctValues(p.column).size > 1);
    if (changing) {
      const isText = changing.column.type === 'categorical' || changing.column.type === 'text';
      const shown = quoted([...distinctValues(changing.column)].slice(0, 3).map(String), 2);
      throw new DataError(
        isText
          ? `The column '${name}' of '${changing.file.relative}' holds text that changes from step to step (${shown}); ` +
              'a recording is read as numbers. Remove the column from the files, or make it numeric.'
          : `The column '${name}' holds numbers in '${changing.file.relative}' but text in '${textPart?.file.relative}' ` +
              `(${quoted([...distinctValues(textPart!.column)].map(String), 2)}). Make it numeric in every file, or remove it.`,
        { column: name },
      );
    }
    const values: (string | null)[] = new Array(rowCount);
    let at = 0;
    for (const p of parts) {
      const only = [...distinctValues(p.column)][0];
      values.fill(only === undefined ? null : String(only), at, at + p.file.table.rowCount);
      at += p.file.table.rowCount;
    }
    return { column: { name, type: 'categorical', values }, detectedType: 'categorical', format: undefined };
  });
}

function allMissing(c: TableColumn): boolean {
  if (c.type === 'numeric' || c.type === 'datetime') return c.values.every((v) => Number.isNaN(v));
  return c.values.every((v) => v === null);
}

/** The column's distinct present values, as they read (dates as ISO text). */
function distinctValues(c: TableColumn): Set<string | number> {
  const out = new Set<string | number>();
  if (c.type === 'numeric') for (const v of c.values) if (!Number.isNaN(v)) out.add(v);
  if (c.type === 'datetime') for (const v of c.values) if (!Number.isNaN(v)) out.add(new Date(v).toISOString());
  if (c.type === 'categorical' || c.type === 'text') for (const v of c.values) if (v !== null) out.add(v);
  return out;
}

/** The CSV importer's refusal of one file, saying which file. */
function namingFile(e: DataError, relative: string): DataError {
  const about = e.message.match(/^(?:This|The) file (.*)$/s);
  const message = about ? `The file '${relative}' ${about[1]}` : `In the file '${relative}': ${e.message}`;
  const remedy = /^The file is empty/.test(e.message) ? ' Remove it from the folder or fill it in.' : '';
  return new DataError(message + remedy, { line: e.line, column: e.column });
}
