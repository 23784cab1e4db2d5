/**
 * Reads a folder of texts into a table, one row per .txt file: columns `file` (the path inside
 * the folder, to trace a row back), `text` and, for label subfolders, `label`. Files are read
 * one at a time, each decoded with the encoding the CSV importer would detect for it.
 */
import { readFile } from 'node:fs/promises';
import type { ColumnType, DataProblem } from '../../shared/types';
import { DataError } from '../data-error';
import type { LoadOptions, Table, TableColumn } from '../table';
import { type FolderLimits, type FolderPlan, DEFAULT_FOLDER_LIMITS, listTextFolder } from './list-data-folder';
import { type EncodingInfo, detectEncoding } from './encoding';
import type { BuiltColumnInfo } from './table-builder';

/** Column names of a folder table; the text-classification spec refers to them. */
export const FOLDER_COLUMNS = { file: 'file', text: 'text', label: 'label' } as const;

export interface TextFolderResult {
  table: Table;
  info: BuiltColumnInfo[];
  problems: DataProblem[];
  /** e.g. "UTF-8", or "UTF-8 (40 files), Latin-1 (Windows-1252) (2 files)" when files differ. */
  encoding: string;
  plan: FolderPlan;
}

const PROGRESS_INTERVAL_MS = 250;

/** The file's encoding as the CSV importer detects it; a file that is not text fails with its name. */
function fileEncoding(bytes: Uint8Array, relative: string): EncodingInfo {
  try {
    return detectEncoding(bytes, true);
  } catch (e) {
    if (!(e instanceof DataError)) throw e;
    const why = e.message
      .replace(/ Choose a .*$/, '')
      .replace(/^This file/, 'it')
      .replace(/, not a text table\.$/, '.');
    throw new DataError(
      `The file '${relative}' cannot be read as text: ${why} Remove it from the folder or save it as plain text.`,
    );
  }
}

/**
 * The file's text with line ends unified ('\n'), as written otherwise (blank lines kept, so
 * line-aligned files stay aligned). A file that is not text fails with its name.
 */
export function decodeFolderFile(bytes: Uint8Array, relative: string): { text: string; encoding: string } {
  const found = fileEncoding(bytes, relative);
  // A byte-order mark is dropped by the decoder; the text itself never starts with one.
  const text = new TextDecoder(found.decoder).decode(bytes);
  return { text: text.replace(/\r\n?/g, '\n'), encoding: found.label };
}

/** The file's text with line ends unified and outer blank space removed. */
function decodeFile(bytes: Uint8Array, relative: string): { text: string; encoding: string } {
  const { text, encoding } = decodeFolderFile(bytes, relative);
  return { text: text.trim(), encoding };
}

/** The user's type choice for a string column; only text ↔ categorical applies to folder columns. */
export function wantedType(
  name: string,
  detected: 'text' | 'categorical',
  options: LoadOptions,
  problems: DataProblem[],
): 'text' | 'categorical' {
  const wanted: ColumnType | undefined = options.typeOverrides?.[name];
  if (wanted === undefined || wanted === detected) return detected;
  if (wanted === 'text' || wanted === 'categorical') return wanted;
  problems.push({
    severity: 'warning',
    message: `Column '${name}' of a text folder cannot become ${wanted}; it stays ${detected}.`,
    column: name,
  });
  return detected;
}

/**
 * Reads the folder at `path`. Reports progress as the fraction of bytes read, stops on abort.
 * @throws DataError for an unusable folder (see listTextFolder) or a file that is not text (named)
 */
export async function readTextFolder(
  path: string,
  options: LoadOptions,
  limits: FolderLimits = DEFAULT_FOLDER_LIMITS,
): Promise<TextFolderResult> {
  const plan = await listTextFolder(path, options.signal, limits);
  const files: (string | null)[] = [];
  const texts: (string | null)[] = [];
  const labels: (string | null)[] = [];
  const encodings = new Map<string, number>();
  const emptyFiles: string[] = [];
  let read = 0;
  let lastReport = 0;
  for (const f of plan.files) {
    options.signal?.throwIfAborted();
    const bytes = await readFile(f.absolute, { signal: options.signal });
    // The file may have grown since it was listed.
    if (bytes.length > limits.maxFileBytes) {
      throw new DataError(`The file '${f.relative}' grew past the size limit while it was read; import it again.`);
    }
    read += bytes.length;
    const { text, encoding } = decodeFile(bytes, f.relative);
    if (text === '') {
      emptyFiles.push(f.relative);
    } else {
      files.push(f.relative);
      texts.push(text);
      labels.push(f.label);
      encodings.set(encoding, (encodings.get(encoding) ?? 0) + 1);
    }
    const now = Date.now();
    if (options.onProgress && now - lastReport >= PROGRESS_INTERVAL_MS) {
      lastReport = now;
      options.onProgress(plan.totalBytes > 0 ? Math.min(1, read / plan.totalBytes) : 1, read);
    }
  }
  options.signal?.throwIfAborted();

  const problems: DataProblem[] = [...plan.problems];
  if (emptyFiles.length) {
    problems.push({
      severity: 'warning',
      message: `${emptyFiles.length} ${emptyFiles.length === 1 ? 'file holds' : 'files hold'} no text and ${emptyFiles.length === 1 ? 'was' : 'were'} left out ('${emptyFiles[0]}'${emptyFiles.length > 1 ? ', …' : ''}).`,
    });
  }
  if (texts.length === 0) throw new DataError('Every .txt file in the folder is empty: there is no text to import.');
  if (plan.kind === 'labeled') {
    const present = new Set(labels);
    const lost = plan.labels.filter((l) => !present.has(l));
    if (present.size < 2) {
      throw new DataError(
        `Only one label folder ('${[...present][0]}') holds non-empty texts: a classifier needs at least two.`,
      );
    }
    if (lost.length) {
      problems.push({
        severity: 'warning',
        message: `The label ${lost.map((l) => `'${l}'`).join(', ')} has only empty files and is not a class.`,
      });
    }
  }

  const columns: TableColumn[] = [
    {
      name: FOLDER_COLUMNS.file,
      type: wantedType(FOLDER_COLUMNS.file, 'categorical', options, problems),
      values: files,
    },
    { name: FOLDER_COLUMNS.text, type: wantedType(FOLDER_COLUMNS.text, 'text', options, problems), values: texts },
  ];
  if (plan.kind === 'labeled') {
    columns.push({
      name: FOLDER_COLUMNS.label,
      type: wantedType(FOLDER_COLUMNS.label, 'categorical', options, problems),
      values: labels,
    });
  }
  const detected: Record<string, ColumnType> = { file: 'categorical', text: 'text', label: 'categorical' };
  const info: BuiltColumnInfo[] = columns.map((c) => ({
    name: c.name,
    type: c.type,
    detectedType: detected[c.name],
    format: undefined,
  }));
  problems.unshift({
    severity: 'info',
    message:
      plan.kind === 'labeled'
        ? `${texts.length} texts, one per file, labeled by their folder: ${countsByLabel(labels)}.`
        : `${texts.length} texts, one per file, without labels (no label subfolders).`,
  });
  options.onProgress?.(1, read);
  return { table: { columns, rowCount: texts.length }, info, problems, encoding: encodingLabel(encodings), plan };
}

function countsByLabel(labels: (string | null)[]): string {
  const counts = new Map<string, number>();
  for (const l of labels) if (l !== null) counts.set(l, (counts.get(l) ?? 0) + 1);
  return [...counts].map(([l, n]) => `${l} ${n}`).join(', ');
}

/** "UTF-8", or each encoding with its count of files when they differ. */
export function encodingLabel(encodings: Map<string, number>): string {
  if (encodings.size === 1) return [...encodings.keys()][0];
  return [...encodings]
    .sort((a, b) => b[1] - a[1])
    .map(([e, n]) => `${e} (${n} ${n === 1 ? 'file' : 'files'})`)
    .join(', ');
}
