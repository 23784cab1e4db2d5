/**
 * Reads a folder of paired files into a table of pairs, one column per side (source first):
 * - two line-aligned files (`train.en` + `train.fr`, `source.txt` + `target.txt`; several such
 *   pairs, e.g. train/valid/test, are read one after the other): line N of one is paired with line
 *   N of the other;
 * - many small pairs (`001.src` + `001.tgt`, `a.in` + `a.out`): each file is one whole text.
 * A `file` column names where each row came from when there is more than one pair of files.
 */
import { readFile, realpath, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { DataProblem } from '../../shared/types';
import { DataError } from '../data-error';
import type { LoadOptions, Table, TableColumn } from '../table';
import { DEFAULT_FOLDER_LIMITS, type FolderLimits, folderEntries } from './list-data-folder';
import { type PairNames, isDocumentFile, matchPairNames } from './pair-folder-names';
import { decodeFolderFile, encodingLabel, wantedType } from './read-text-folder';
import type { BuiltColumnInfo } from './table-builder';

/** The files of a folder of pairs, matched, before any is read. */
export interface PairFolderPlan {
  folder: string;
  names: PairNames;
  /** Sizes of the paired files by name. */
  sizes: Map<string, number>;
  totalBytes: number;
  newestMtimeMs: number;
  problems: DataProblem[];
}

export interface PairFolderResult {
  table: Table;
  info: BuiltColumnInfo[];
  problems: DataProblem[];
  encoding: string;
  plan: PairFolderPlan;
}

/** The column that says which pair of files a row came from. */
export const PAIR_FILE_COLUMN = 'file';

function megabytes(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MB`;
}

function some(list: readonly string[]): string {
  return `${list
    .slice(0, 3)
    .map((x) => `'${x}'`)
    .join(', ')}${list.length > 3 ? ', …' : ''}`;
}

const count = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

/**
 * Matches the files directly inside `folder` into pairs. Answers null when they hold no pair
 * (the folder is read as texts instead); checks the size caps before anything is read.
 */
export async function planPairFolder(
  folder: string,
  signal?: AbortSignal,
  limits: FolderLimits = DEFAULT_FOLDER_LIMITS,
): Promise<PairFolderPlan | null> {
  const root = await realpath(folder);
  const { entries, outsideLinks: outside } = await folderEntries(root, signal);
  const files = new Map<string, string>();
  const folders: string[] = [];
  for (const e of entries) {
    if (e.isDirectory) folders.push(e.name);
    else if (e.isFile && !isDocumentFile(e.name)) files.set(e.name, e.absolute);
  }
  const names = matchPairNames([...files.keys()]);
  if (!names) return null;
  if (names.pairs.length * 2 > limits.maxFiles) {
    throw new DataError(
      `The folder '${basename(root)}' holds more than ${limits.maxFiles.toLocaleString('en')} files of pairs; import a sample of them.`,
    );
  }
  const sizes = new Map<string, number>();
  let totalBytes = 0;
  let newestMtimeMs = (await stat(root)).mtimeMs;
  for (const p of names.pairs) {
    for (const name of [p.source, p.target]) {
      signal?.throwIfAborted();
      const s = await stat(files.get(name) ?? join(root, name));
      sizes.set(name, s.size);
      totalBytes += s.size;
      newestMtimeMs = Math.max(newestMtimeMs, s.mtimeMs);
    }
  }
  if (totalBytes > limits.maxTotalBytes) {
    throw new DataError(
      `The paired files in '${basename(root)}' add up to ${megabytes(totalBytes)}; at most ${megabytes(limits.maxTotalBytes)} can be imported at once. Import a sample of the lines.`,
    );
  }
  const problems: DataProblem[] = [];
  if (names.unpaired.length) {
    problems.push({
      severity: 'warning',
      message: `${count(names.unpaired.length, 'file has', 'files have')} no partner (a file of the other side with the same name) and ${names.unpaired.length === 1 ? 'was' : 'were'} left out (${some(names.unpaired)}).`,
    });
  }
  if (folders.length) {
    problems.push({ severity: 'info', message: `Folders inside a folder of pairs are not read (${some(folders)}).` });
  }
  if (outside.length) {
    problems.push({
      severity: 'warning',
      message: `Links that point outside the folder are not followed (${some(outside)}).`,
    });
  }
  return { folder: root, names, sizes, totalBytes, newestMtimeMs, problems };
}

/** The lines of a line-aligned file: a last line break ends the last line, it does not start one more. */
function linesOf(text: string): string[] {
  if (text === '') return [];
  return (text.endsWith('\n') ? text.slice(0, -1) : text).split('\n');
}

interface ReadPair {
  key: string;
  source: { name: string; text: string };
  target: { name: string; text: string };
}

/**
 * Line-aligned when there is one pair of files, or when most pairs of files have as many lines
 * on both sides; many small files of one text each otherwise (a whole text may span lines).
 */
function isLineAligned(pairs: readonly ReadPair[]): boolean {
  if (pairs.length === 1) return true;
  const counts = pairs.map((p) => [linesOf(p.source.text).length, linesOf(p.target.text).length]);
  if (counts.every(([s, t]) => s <= 1 && t <= 1)) return false;
  return counts.filter(([s, t]) => s === t).length * 2 >= pairs.length;
}

/** The rows of line-aligned pairs of files; a side that is empty or shorter than the other fails, named. */
function alignedRows(pairs: readonly ReadPair[]): {
  sources: (string | null)[];
  targets: (string | null)[];
  keys: string[];
} {
  // A blank line is an empty side (left out of training, with a count); it keeps its place.
  const cell = (line: string) => (line.trim() === '' ? null : line);
  const sources: (string | null)[] = [];
  const targets: (string | null)[] = [];
  const keys: string[] = [];
  for (const p of pairs) {
    const s = linesOf(p.source.text);
    const t = linesOf(p.target.text);
    const empty = s.length === 0 ? p.source.name : t.length === 0 ? p.target.name : null;
    if (empty !== null) {
      throw new DataError(
        `'${empty}' is empty, so the lines of '${empty === p.source.name ? p.target.name : p.source.name}' have nothing to pair with. Fill it, or remove both files from the folder.`,
      );
    }
    if (s.length !== t.length) {
      throw new DataError(
        `'${p.source.name}' has ${count(s.length, 'line')} and '${p.target.name}' has ${count(t.length, 'line')}. ` +
          'In line-aligned files line N of one is paired with line N of the other, so a missing or extra line shifts every pair after it: make both files the same length.',
      );
    }
    for (let i = 0; i < s.length; i++) {
      sources.push(cell(s[i]));
      targets.push(cell(t[i]));
      keys.push(p.key);
    }
  }
  return { sources, targets, keys };
}

/**
 * Reads the planned files. Reports progress as the fraction of bytes read, stops on abort.
 * @throws DataError for a file that is not text, an empty side, or line counts that differ (each named)
 */
export async function readPairFolder(
  plan: PairFolderPlan,
  options: LoadOptions,
  limits: FolderLimits = DEFAULT_FOLDER_LIMITS,
): Promise<PairFolderResult> {
  const encodings = new Map<string, number>();
  let read = 0;
  const readText = async (name: string): Promise<{ name: string; text: string }> => {
    options.signal?.throwIfAborted();
    const bytes = await readFile(join(plan.folder, name), { signal: options.signal });
    // The file may have grown since it was listed.
    if (read + bytes.length > limits.maxTotalBytes) {
      throw new DataError(`The file '${name}' grew past the size limit while it was read; import the folder again.`);
    }
    const { text, encoding } = decodeFolderFile(bytes, name);
    encodings.set(encoding, (encodings.get(encoding) ?? 0) + 1);
    read += bytes.length;
    options.onProgress?.(plan.totalBytes > 0 ? Math.min(1, read / plan.totalBytes) : 1, read);
    return { name, text };
  };
  const pairs: ReadPair[] = [];
  for (const p of plan.names.pairs) {
    pairs.push({ key: p.key, source: await readText(p.source), target: await readText(p.target) });
  }
  const problems: DataProblem[] = [...plan.problems];
  const [sourceSide, targetSide] = plan.names.sides;
  const aligned = isLineAligned(pairs);
  let rows: { sources: (string | null)[]; targets: (string | null)[]; keys: string[] };
  if (aligned) {
    rows = alignedRows(pairs);
  } else {
    const emptyFiles: string[] = [];
    const side = (f: { name: string; text: string }) => {
      const t = f.text.trim();
      if (t === '') emptyFiles.push(f.name);
      return t === '' ? null : t;
    };
    rows = {
      sources: pairs.map((p) => side(p.source)),
      targets: pairs.map((p) => side(p.target)),
      keys: pairs.map((p) => p.key),
    };
    if (emptyFiles.length) {
      problems.push({
        severity: 'warning',
        message: `${count(emptyFiles.length, 'file is', 'files are')} empty (${some(emptyFiles)}); ${emptyFiles.length === 1 ? 'its pair is' : 'their pairs are'} left out of training.`,
      });
    }
  }
  const first = plan.names.pairs[0];
  problems.unshift({
    severity: 'info',
    message: aligned
      ? `${count(rows.sources.length, 'pair')} from line-aligned files, line by line: ${plan.names.pairs.length === 1 ? `'${first.source}' (source) and '${first.target}' (target)` : `${plan.names.pairs.length} pairs of files, the '${sourceSide}' side the source and the '${targetSide}' side the target`}. Swap them in the Model view to learn the other direction.`
      : `${count(rows.sources.length, 'pair')}, one per pair of files ('${first.source}' → '${first.target}', …): the '${sourceSide}' files are the sources and the '${targetSide}' files the targets.`,
  });
  const names = columnNames(sourceSide, targetSide);
  const columns: TableColumn[] = [
    { name: names.source, type: wantedType(names.source, 'text', options, problems), values: rows.sources },
    { name: names.target, type: wantedType(names.target, 'text', options, problems), values: rows.targets },
  ];
  if (plan.names.pairs.length > 1) {
    columns.push({
      name: PAIR_FILE_COLUMN,
      type: wantedType(PAIR_FILE_COLUMN, 'categorical', options, problems),
      values: rows.keys,
    });
  }
  const info: BuiltColumnInfo[] = columns.map((c, i) => ({
    name: c.name,
    type: c.type,
    detectedType: i < 2 ? 'text' : 'categorical',
    format: undefined,
  }));
  options.onProgress?.(1, read);
  return {
    table: { columns, rowCount: rows.sources.length },
    info,
    problems,
    encoding: encodingLabel(encodings),
    plan,
  };
}

/** The sides as column names; a side called 'file' would clash with the column of file names. */
function columnNames(source: string, target: string): { source: string; target: string } {
  const name = (side: string) => (side === PAIR_FILE_COLUMN ? `${side} text` : side);
  return { source: name(source), target: name(target) };
}
