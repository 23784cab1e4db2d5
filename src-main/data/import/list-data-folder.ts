/**
 * Finds the data files of a folder before any is read: `folder/<label>/*.txt` (the subfolder name
 * is the label, as review datasets are laid out) or `folder/*.txt` (a corpus, one text per file),
 * and the same for recordings, one .csv or .tsv per sequence (`gestures/wave/rec01.csv`).
 * Checks the size caps up front so a wrong folder fails at once, not after minutes of reading.
 * Symbolic links are followed only when they point inside the folder.
 */
import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { basename, join, sep } from 'node:path';
import type { DataProblem } from '../../shared/types';
import { DataError } from '../data-error';
import { isDocumentFile } from './pair-folder-names';

/** One data file to read. */
export interface FolderTextFile {
  /** Path inside the folder with '/' separators, e.g. 'pos/001.txt'; shown to the user. */
  relative: string;
  absolute: string;
  /** The label subfolder's name; null for a corpus folder. */
  label: string | null;
  sizeBytes: number;
}

/** What the folder holds: labeled files or unlabeled ones (a corpus), the files in a stable order, and what was left out. */
export interface FolderPlan {
  kind: 'labeled' | 'corpus';
  files: FolderTextFile[];
  /** The labels in order (empty for a corpus). */
  labels: string[];
  totalBytes: number;
  /** Newest modification time of the folder, its label folders and files: changes when the data does. */
  newestMtimeMs: number;
  problems: DataProblem[];
}

/** Caps that keep an import within memory; the defaults are what the app uses. */
export interface FolderLimits {
  maxFiles: number;
  maxFileBytes: number;
  maxTotalBytes: number;
}

export const DEFAULT_FOLDER_LIMITS: FolderLimits = {
  maxFiles: 200_000,
  maxFileBytes: 10 * 1024 * 1024,
  maxTotalBytes: 1024 * 1024 * 1024,
};

/** Which files of a folder are data, and the words its messages use for them. */
export interface FolderFileKind {
  matches(name: string): boolean;
  /** '.txt' or '.csv or .tsv': what the data files are called in messages. */
  extensions: string;
  /** One of the things a file holds: 'text', 'recording'. */
  item: string;
  /** Example names of two label folders and a file in each, for the messages that show the layout. */
  example: { labels: [string, string]; files: [string, string] };
  /** What to do with a file over the per-file cap. */
  largeFileAdvice: string;
}

/** A folder of texts: one text per .txt file. */
export const TEXT_FILES: FolderFileKind = {
  matches: (name) => /\.txt$/i.test(name),
  extensions: '.txt',
  item: 'text',
  example: { labels: ['pos', 'neg'], files: ['001.txt', '002.txt'] },
  largeFileAdvice: 'Split it into one file per text, or import it on its own as a .txt corpus.',
};

/** A folder of recordings: one table (a time step per row) per .csv or .tsv file. */
export const TABLE_FILES: FolderFileKind = {
  matches: (name) => /\.(csv|tsv)$/i.test(name),
  extensions: '.csv or .tsv',
  item: 'recording',
  example: { labels: ['wave', 'swipe'], files: ['rec01.csv', 'rec02.csv'] },
  largeFileAdvice: 'Split it into one file per recording, or import it on its own as a table.',
};

/** Dot files (.DS_Store, .git) and the resource forks zip tools leave behind are never data. */
function isHidden(name: string): boolean {
  return name.startsWith('.') || name === '__MACOSX';
}

function megabytes(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MB`;
}

/** A folder entry, with a symbolic link replaced by what it points to. */
export interface FolderEntry {
  name: string;
  absolute: string;
  isDirectory: boolean;
  isFile: boolean;
}

class FolderWalker {
  private readonly problems: DataProblem[] = [];
  private newest = 0;
  private readonly outsideLinks: string[] = [];
  private readonly otherFiles: string[] = [];
  private readonly nestedFolders: string[] = [];

  constructor(
    private readonly rootReal: string,
    private readonly signal: AbortSignal | undefined,
  ) {}

  /** Entries of a folder, sorted as people sort file names ('2.txt' before '10.txt'). */
  async entries(dir: string, relative: string): Promise<FolderEntry[]> {
    this.signal?.throwIfAborted();
    let dirents: Dirent[];
    try {
      dirents = await readdir(dir, { withFileTypes: true });
    } catch (e) {
      throw new DataError(`The folder '${relative || basename(dir)}' cannot be read (${(e as Error).message}).`);
    }
    dirents.sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }));
    const out: FolderEntry[] = [];
    for (const d of dirents) {
      if (isHidden(d.name)) continue;
      const absolute = join(dir, d.name);
      const shown = relative ? `${relative}/${d.name}` : d.name;
      if (d.isSymbolicLink()) {
        const target = await realpath(absolute).catch(() => null);
        if (target === null || !(target === this.rootReal || target.startsWith(this.rootReal + sep))) {
          this.outsideLinks.push(shown);
          continue;
        }
        const s = await stat(target).catch(() => null);
        if (!s) continue;
        out.push({ name: d.name, absolute: target, isDirectory: s.isDirectory(), isFile: s.isFile() });
      } else {
        out.push({ name: d.name, absolute, isDirectory: d.isDirectory(), isFile: d.isFile() });
      }
    }
    return out;
  }

  outsideLinkNames(): readonly string[] {
    return this.outsideLinks;
  }

  noteOther(shown: string): void {
    this.otherFiles.push(shown);
  }

  noteNested(shown: string): void {
    this.nestedFolders.push(shown);
  }

  async mtime(path: string): Promise<void> {
    const s = await stat(path);
    this.newest = Math.max(this.newest, s.mtimeMs);
  }

  /** Size of a data file (and its time for the dataset id), checked against the per-file cap. */
  async file(
    absolute: string,
    relative: string,
    label: string | null,
    limits: FolderLimits,
    kind: FolderFileKind,
  ): Promise<FolderTextFile> {
    const s = await stat(absolute);
    this.newest = Math.max(this.newest, s.mtimeMs);
    if (s.size > limits.maxFileBytes) {
      throw new DataError(
        `The file '${relative}' is ${megabytes(s.size)}; a ${kind.item} file in a folder may be at most ${megabytes(limits.maxFileBytes)}. ` +
          kind.largeFileAdvice,
      );
    }
    return { relative, absolute, label, sizeBytes: s.size };
  }

  finish(kind: FolderFileKind): { problems: DataProblem[]; newestMtimeMs: number } {
    const some = (list: string[]) =>
      `${list
        .slice(0, 3)
        .map((x) => `'${x}'`)
        .join(', ')}${list.length > 3 ? ', …' : ''}`;
    if (this.otherFiles.length) {
      const n = this.otherFiles.length;
      this.problems.push({
        severity: 'info',
        message: `${n} ${n === 1 ? 'file is' : 'files are'} not ${kind.extensions} and ${n === 1 ? 'was' : 'were'} skipped (${some(this.otherFiles)}).`,
      });
    }
    if (this.nestedFolders.length) {
      this.problems.push({
        severity: 'info',
        message: `Folders inside label folders are not read (${some(this.nestedFolders)}).`,
      });
    }
    if (this.outsideLinks.length) {
      this.problems.push({
        severity: 'warning',
        message: `Links that point outside the folder are not followed (${some(this.outsideLinks)}).`,
      });
    }
    return { problems: this.problems, newestMtimeMs: this.newest };
  }
}

/**
 * The visible entries directly inside `rootReal` (a real path): hidden files left out, links
 * followed only when they stay inside it; the links that leave it are named apart.
 */
export async function folderEntries(
  rootReal: string,
  signal?: AbortSignal,
): Promise<{ entries: FolderEntry[]; outsideLinks: readonly string[] }> {
  const walker = new FolderWalker(rootReal, signal);
  const entries = await walker.entries(rootReal, '');
  return { entries, outsideLinks: walker.outsideLinkNames() };
}

/**
 * What a folder's data files are, before it is read: the .txt files (texts) and the .csv and .tsv
 * files (tables) directly inside it and inside its subfolders. README and LICENSE files are not
 * counted: they travel with datasets of either kind.
 */
export async function countFolderFiles(
  folder: string,
  signal?: AbortSignal,
): Promise<{ texts: number; tables: number }> {
  const rootReal = await realpath(folder);
  const walker = new FolderWalker(rootReal, signal);
  let texts = 0;
  let tables = 0;
  const count = (e: FolderEntry) => {
    if (!e.isFile || isDocumentFile(e.name)) return;
    if (TEXT_FILES.matches(e.name)) texts++;
    else if (TABLE_FILES.matches(e.name)) tables++;
  };
  for (const e of await walker.entries(rootReal, '')) {
    if (e.isDirectory) for (const inner of await walker.entries(e.absolute, e.name)) count(inner);
    else count(e);
  }
  return { texts, tables };
}

/**
 * Lists the text files of `folder` and decides its kind.
 * @throws DataError for an empty folder, one label folder only, a folder without .txt files, or a cap exceeded
 */
export function listTextFolder(
  folder: string,
  signal?: AbortSignal,
  limits: FolderLimits = DEFAULT_FOLDER_LIMITS,
): Promise<FolderPlan> {
  return listDataFolder(folder, TEXT_FILES, signal, limits);
}

/**
 * Lists the data files (of `kind`) of `folder` and decides whether it is labeled.
 * @throws DataError for an empty folder, one label folder only, a folder without such files, or a cap exceeded
 */
export async function listDataFolder(
  folder: string,
  kind: FolderFileKind,
  signal?: AbortSignal,
  limits: FolderLimits = DEFAULT_FOLDER_LIMITS,
): Promise<FolderPlan> {
  const rootReal = await realpath(folder);
  const name = basename(rootReal);
  const walker = new FolderWalker(rootReal, signal);
  const { labels: exampleLabels, files: exampleFiles } = kind.example;
  const layoutExample = `'${name}/${exampleLabels[0]}/${exampleFiles[0]}', '${name}/${exampleLabels[1]}/${exampleFiles[1]}'`;
  await walker.mtime(rootReal);
  const top = await walker.entries(rootReal, '');
  if (top.length === 0) {
    const links = walker.outsideLinkNames();
    if (links.length) {
      throw new DataError(
        `The folder '${name}' holds only links to places outside it (${links.map((l) => `'${l}'`).join(', ')}), and those are not followed. Choose the folder they point to.`,
      );
    }
    throw new DataError(
      `The folder '${name}' is empty. Put each label's ${kind.item}s in its own subfolder (e.g. ${layoutExample}).`,
    );
  }

  let count = 0;
  const tooMany = () =>
    new DataError(
      `The folder '${name}' holds more than ${limits.maxFiles.toLocaleString('en')} ${kind.item} files; import a sample of them (fewer files per label).`,
    );
  // Label folders: subfolders with at least one data file directly inside.
  const labelFiles = new Map<string, FolderEntry[]>();
  const emptyFolders: string[] = [];
  for (const dir of top.filter((e) => e.isDirectory)) {
    await walker.mtime(dir.absolute);
    const found: FolderEntry[] = [];
    for (const e of await walker.entries(dir.absolute, dir.name)) {
      if (e.isDirectory) walker.noteNested(`${dir.name}/${e.name}`);
      else if (e.isFile && kind.matches(e.name)) found.push(e);
      else if (e.isFile) walker.noteOther(`${dir.name}/${e.name}`);
    }
    count += found.length;
    if (count > limits.maxFiles) throw tooMany();
    if (found.length) labelFiles.set(dir.name, found);
    else emptyFolders.push(dir.name);
  }
  const topFiles = top.filter((e) => e.isFile && kind.matches(e.name));
  for (const e of top) if (e.isFile && !kind.matches(e.name)) walker.noteOther(e.name);

  const labels = [...labelFiles.keys()];
  if (labels.length === 1) {
    throw new DataError(
      `Only one label folder ('${labels[0]}') holds ${kind.extensions} files: a classifier needs at least two. ` +
        `Add a subfolder per label next to it (e.g. '${name}/${exampleLabels[0]}' and '${name}/${exampleLabels[1]}').`,
    );
  }
  const files: FolderTextFile[] = [];
  const extraProblems: DataProblem[] = [];
  if (labels.length >= 2) {
    for (const [label, found] of labelFiles) {
      for (const t of found) {
        signal?.throwIfAborted();
        files.push(await walker.file(t.absolute, `${label}/${t.name}`, label, limits, kind));
      }
    }
    if (topFiles.length) {
      extraProblems.push({
        severity: 'warning',
        message: `${topFiles.length} ${kind.extensions} ${topFiles.length === 1 ? 'file lies' : 'files lie'} directly in '${name}', outside the label folders, and ${topFiles.length === 1 ? 'was' : 'were'} left out ('${topFiles[0].name}'${topFiles.length > 1 ? ', …' : ''}).`,
      });
    }
    if (emptyFolders.length) {
      extraProblems.push({
        severity: 'info',
        message: `${emptyFolders.map((f) => `'${f}'`).join(', ')} ${emptyFolders.length === 1 ? 'holds' : 'hold'} no ${kind.extensions} files and ${emptyFolders.length === 1 ? 'is' : 'are'} not a label.`,
      });
    }
  } else if (topFiles.length) {
    if (topFiles.length > limits.maxFiles) throw tooMany();
    for (const t of topFiles) {
      signal?.throwIfAborted();
      files.push(await walker.file(t.absolute, t.name, null, limits, kind));
    }
  } else {
    throw new DataError(
      `The folder '${name}' holds no ${kind.extensions} files, neither directly nor in label subfolders. ` +
        `Put each label's ${kind.item}s in its own subfolder as ${kind.extensions} files (e.g. '${name}/${exampleLabels[0]}/${exampleFiles[0]}').`,
    );
  }

  const totalBytes = files.reduce((n, f) => n + f.sizeBytes, 0);
  if (totalBytes > limits.maxTotalBytes) {
    throw new DataError(
      `The ${kind.item}s in '${name}' add up to ${megabytes(totalBytes)}; at most ${megabytes(limits.maxTotalBytes)} can be imported at once. Import a sample of them.`,
    );
  }
  const { problems, newestMtimeMs } = walker.finish(kind);
  return {
    kind: labels.length >= 2 ? 'labeled' : 'corpus',
    files,
    labels,
    totalBytes,
    newestMtimeMs,
    problems: [...extraProblems, ...problems],
  };
}
