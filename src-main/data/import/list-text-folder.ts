/**
 * Finds the texts of a folder before any is read: `folder/<label>/*.txt` (the subfolder name is
 * the label, as review datasets are laid out) or `folder/*.txt` (a corpus, one text per file).
 * Checks the size caps up front so a wrong folder fails at once, not after minutes of reading.
 * Symbolic links are followed only when they point inside the folder.
 */
import type { Dirent } from 'node:fs';
import { readdir, realpath, stat } from 'node:fs/promises';
import { basename, join, sep } from 'node:path';
import type { DataProblem } from '../../shared/types';
import { DataError } from '../data-error';

/** One text file to read. */
export interface FolderTextFile {
  /** Path inside the folder with '/' separators, e.g. 'pos/001.txt'; shown to the user. */
  relative: string;
  absolute: string;
  /** The label subfolder's name; null for a corpus folder. */
  label: string | null;
  sizeBytes: number;
}

/** What the folder holds: labeled texts or a corpus, the files in a stable order, and what was left out. */
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

const TEXT_FILE = /\.txt$/i;

/** Dot files (.DS_Store, .git) and the resource forks zip tools leave behind are never data. */
function isHidden(name: string): boolean {
  return name.startsWith('.') || name === '__MACOSX';
}

function megabytes(bytes: number): string {
  return `${Math.round(bytes / (1024 * 1024))} MB`;
}

/** A folder entry, with a symbolic link replaced by what it points to. */
interface Resolved {
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
  async entries(dir: string, relative: string): Promise<Resolved[]> {
    this.signal?.throwIfAborted();
    let dirents: Dirent[];
    try {
      dirents = await readdir(dir, { withFileTypes: true });
    } catch (e) {
      throw new DataError(`The folder '${relative || basename(dir)}' cannot be read (${(e as Error).message}).`);
    }
    dirents.sort((a, b) => a.name.localeCompare(b.name, 'en', { numeric: true }));
    const out: Resolved[] = [];
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

  /** Size of a text file (and its time for the dataset id), checked against the per-file cap. */
  async file(absolute: string, relative: string, label: string | null, limits: FolderLimits): Promise<FolderTextFile> {
    const s = await stat(absolute);
    this.newest = Math.max(this.newest, s.mtimeMs);
    if (s.size > limits.maxFileBytes) {
      throw new DataError(
        `The file '${relative}' is ${megabytes(s.size)}; a text file in a folder may be at most ${megabytes(limits.maxFileBytes)}. ` +
          'Split it into one file per text, or import it on its own as a .txt corpus.',
      );
    }
    return { relative, absolute, label, sizeBytes: s.size };
  }

  finish(): { problems: DataProblem[]; newestMtimeMs: number } {
    const some = (list: string[]) =>
      `${list
        .slice(0, 3)
        .map((x) => `'${x}'`)
        .join(', ')}${list.length > 3 ? ', …' : ''}`;
    if (this.otherFiles.length) {
      const n = this.otherFiles.length;
      this.problems.push({
        severity: 'info',
        message: `${n} ${n === 1 ? 'file is' : 'files are'} not .txt and ${n === 1 ? 'was' : 'were'} skipped (${some(this.otherFiles)}).`,
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
 * Lists the text files of `folder` and decides its kind.
 * @throws DataError for an empty folder, one label folder only, a folder without .txt files, or a cap exceeded
 */
export async function listTextFolder(
  folder: string,
  signal?: AbortSignal,
  limits: FolderLimits = DEFAULT_FOLDER_LIMITS,
): Promise<FolderPlan> {
  const rootReal = await realpath(folder);
  const name = basename(rootReal);
  const walker = new FolderWalker(rootReal, signal);
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
      `The folder '${name}' is empty. Put each label's texts in its own subfolder (e.g. '${name}/pos/001.txt', '${name}/neg/002.txt').`,
    );
  }

  let count = 0;
  const tooMany = () =>
    new DataError(
      `The folder '${name}' holds more than ${limits.maxFiles.toLocaleString('en')} text files; import a sample of them (fewer files per label).`,
    );
  // Label folders: subfolders with at least one .txt file directly inside.
  const labelFiles = new Map<string, Resolved[]>();
  const emptyFolders: string[] = [];
  for (const dir of top.filter((e) => e.isDirectory)) {
    await walker.mtime(dir.absolute);
    const texts: Resolved[] = [];
    for (const e of await walker.entries(dir.absolute, dir.name)) {
      if (e.isDirectory) walker.noteNested(`${dir.name}/${e.name}`);
      else if (e.isFile && TEXT_FILE.test(e.name)) texts.push(e);
      else if (e.isFile) walker.noteOther(`${dir.name}/${e.name}`);
    }
    count += texts.length;
    if (count > limits.maxFiles) throw tooMany();
    if (texts.length) labelFiles.set(dir.name, texts);
    else emptyFolders.push(dir.name);
  }
  const topTexts = top.filter((e) => e.isFile && TEXT_FILE.test(e.name));
  for (const e of top) if (e.isFile && !TEXT_FILE.test(e.name)) walker.noteOther(e.name);

  const labels = [...labelFiles.keys()];
  if (labels.length === 1) {
    throw new DataError(
      `Only one label folder ('${labels[0]}') holds .txt files: a classifier needs at least two. ` +
        `Add a subfolder per label next to it (e.g. '${name}/pos' and '${name}/neg').`,
    );
  }
  const files: FolderTextFile[] = [];
  const extraProblems: DataProblem[] = [];
  if (labels.length >= 2) {
    for (const [label, texts] of labelFiles) {
      for (const t of texts) {
        signal?.throwIfAborted();
        files.push(await walker.file(t.absolute, `${label}/${t.name}`, label, limits));
      }
    }
    if (topTexts.length) {
      extraProblems.push({
        severity: 'warning',
        message: `${topTexts.length} .txt ${topTexts.length === 1 ? 'file lies' : 'files lie'} directly in '${name}', outside the label folders, and ${topTexts.length === 1 ? 'was' : 'were'} left out ('${topTexts[0].name}'${topTexts.length > 1 ? ', …' : ''}).`,
      });
    }
    if (emptyFolders.length) {
      extraProblems.push({
        severity: 'info',
        message: `${emptyFolders.map((f) => `'${f}'`).join(', ')} ${emptyFolders.length === 1 ? 'holds' : 'hold'} no .txt files and ${emptyFolders.length === 1 ? 'is' : 'are'} not a label.`,
      });
    }
  } else if (topTexts.length) {
    if (topTexts.length > limits.maxFiles) throw tooMany();
    for (const t of topTexts) {
      signal?.throwIfAborted();
      files.push(await walker.file(t.absolute, t.name, null, limits));
    }
  } else {
    throw new DataError(
      `The folder '${name}' holds no .txt files, neither directly nor in label subfolders. ` +
        `Put each label's texts in its own subfolder as .txt files (e.g. '${name}/pos/001.txt').`,
    );
  }

  const totalBytes = files.reduce((n, f) => n + f.sizeBytes, 0);
  if (totalBytes > limits.maxTotalBytes) {
    throw new DataError(
      `The texts in '${name}' add up to ${megabytes(totalBytes)}; at most ${megabytes(limits.maxTotalBytes)} can be imported at once. Import a sample of them.`,
    );
  }
  const { problems, newestMtimeMs } = walker.finish();
  return {
    kind: labels.length >= 2 ? 'labeled' : 'corpus',
    files,
    labels,
    totalBytes,
    newestMtimeMs,
    problems: [...extraProblems, ...problems],
  };
}
