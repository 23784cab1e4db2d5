/**
 * Reads a file of tagged words — one word per line with its tags, a blank line after each
 * sentence — into a table of one row per word: the CoNLL layout in which part-of-speech and
 * named-entity corpora ship. Two dialects:
 * - CoNLL-U (Universal Dependencies): ten tab-separated fields, `# sent_id = …` comments, word
 *   ranges (`3-4`) and empty nodes (`8.1`) that are not words of the sentence; read as sentence,
 *   word, lemma, upos, xpos, feats, head, deprel ('_' is missing).
 * - Plain columns (CoNLL-2000/2003, `word<TAB>tag` files): the same number of fields on every line,
 *   split on tabs or spaces, `-DOCSTART-` lines between documents; read as sentence, word, the
 *   middle columns (pos, chunk for the 2003 layout) and tag.
 * The sentence column numbers the sentences (or holds a CoNLL-U sent_id), so each sentence is one
 * sequence to label word by word.
 */
import type { ColumnType, DataProblem } from '../../shared/types';
import { DataError } from '../data-error';
import type { LoadOptions, Table, TableColumn } from '../table';
import { ISO_DATE } from './datetime';
import { LATIN1, detectEncoding } from './encoding';
import { readHead } from './read-delimited';
import { NotUtf8Error, readTextLines } from './read-text-chunks';
import type { BuiltColumnInfo } from './table-builder';
import { parseNumber } from './values';

export type TaggedDialect = 'conllu' | 'columns';

export interface TaggedWordsResult {
  table: Table;
  info: BuiltColumnInfo[];
  problems: DataProblem[];
  encoding: string;
  dialect: TaggedDialect;
  /** The column the proposed labeling learns: upos for CoNLL-U, the last column otherwise. */
  labelColumn: string;
}

const CONLLU_FIELDS = ['id', 'word', 'lemma', 'upos', 'xpos', 'feats', 'head', 'deprel', 'deps', 'misc'] as const;
/** CoNLL-U fields kept: deps and misc are rarely filled and never a tagging target. */
const CONLLU_KEPT = ['word', 'lemma', 'upos', 'xpos', 'feats', 'head', 'deprel'] as const;
const DOCUMENT_START = /^-DOCSTART-(\s|$)/;
/** A CoNLL-U word line: an id, a range (3-4) or an empty node (8.1), then nine fields. */
const CONLLU_ID = /^\d+([-.]\d+)?$/;
/** Sample lines weighed by the detector. */
const SAMPLE_LINES = 2000;
/** Distinct tags a short sample may show whatever its length (a tag set is small, a text column is not). */
const MIN_TAG_ALLOWANCE = 30;
/** Most distinct values of a column read as tags. */
const MAX_TAGS = 1000;
/** Longest word (in characters) the detector expects; longer first fields are prose. */
const MAX_WORD_CHARS = 40;

interface Shape {
  dialect: TaggedDialect;
  /** Fields per word line. */
  width: number;
  /** Tab-separated (true) or split on runs of spaces. */
  tabs: boolean;
}

function splitFields(line: string, tabs: boolean): string[] {
  return tabs ? line.split('\t') : line.trim().split(/\s+/);
}

/**
 * A comment line: it starts with '#' and is not split like a word line (a CoNLL-U comment holds no
 * tab). With spaces as separators every '#' line is a comment unless it has the fields of a word
 * line; `width` is 0 while the shape is still unknown.
 */
function isComment(line: string, fields: number, tabs: boolean, width = 0): boolean {
  if (!line.startsWith('#')) return false;
  if (tabs) return !line.includes('\t');
  return width === 0 ? false : fields !== width;
}

/**
 * The layout of a sample when it is tagged words, else null. Needs at least two sentences (blank
 * lines between groups of lines), the same field count on ≥ 95% of word lines, single words in
 * the first field, a tag field with few distinct values (at most 30, or half the words), tags that
 * are not numbers or dates, and words that mostly are not either.
 */
export function taggedWordsShape(sample: string): Shape | null {
  const lines = sample.split(/\r\n|\n|\r/).slice(0, SAMPLE_LINES);
  const words: string[] = [];
  let sentences = 0;
  let inSentence = false;
  for (const line of lines) {
    if (line.trim() === '') {
      if (inSentence) sentences++;
      inSentence = false;
    } else if (!DOCUMENT_START.test(line)) {
      words.push(line);
      inSentence = true;
    }
  }
  // Comment lines ('# sent_id = 1') hold no tab; a word line may start with '#' too (a hashtag).
  const tabbed = words.filter((w) => w.includes('\t')).length;
  const tabs = tabbed > 0 && tabbed >= words.filter((w) => !w.startsWith('#')).length * 0.95;
  if (!tabs && tabbed > 0) return null;
  const all = words.map((w) => splitFields(w, tabs));
  const rows = all.filter((r, i) => !isComment(words[i], r.length, tabs));
  if (sentences < 2 || rows.length < 6 || rows.length / sentences < 1.5) return null;
  const counts = new Map<number, number>();
  for (const r of rows) counts.set(r.length, (counts.get(r.length) ?? 0) + 1);
  const [width, most] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0];
  if (width < 2 || most < rows.length * 0.95) return null;
  const same = rows.filter((r) => r.length === width);
  if (same.some((r) => r[0].length > MAX_WORD_CHARS)) return null;
  // With tabs, a word may hold a space (CoNLL-U allows "1 000"); most hold none.
  if (same.filter((r) => /\s/.test(r[0])).length > same.length * 0.05) return null;
  const conllu = tabs && width === 10 && same.every((r) => CONLLU_ID.test(r[0]));
  const tags = same.map((r) => r[conllu ? 3 : width - 1]);
  if (new Set(tags).size > Math.max(MIN_TAG_ALLOWANCE, same.length / 2)) return null;
  // Tags and most words are words: a table of dates and numbers split by blank lines is no corpus.
  const isValue = (v: string) => !Number.isNaN(parseNumber(v)) || !Number.isNaN(ISO_DATE.parse(v));
  if (tags.filter(isValue).length > tags.length * 0.1) return null;
  if (same.filter((r) => isValue(r[conllu ? 1 : 0])).length > same.length / 2) return null;
  return { dialect: conllu ? 'conllu' : 'columns', width, tabs };
}

/** Names of a plain-columns file's fields: word, the CoNLL-2003 middle columns, tag. */
function columnNames(width: number): string[] {
  const middle =
    width === 4
      ? ['pos', 'chunk']
      : width === 3
        ? ['pos']
        : Array.from({ length: width - 2 }, (_, i) => `field ${i + 2}`);
  return ['word', ...middle, 'tag'];
}

/** Collects the cells of one column; '_' in CoNLL-U is "not given" and reads as missing. */
class Cells {
  readonly values: (string | null)[] = [];
  constructor(
    readonly name: string,
    private readonly underscoreMissing: boolean,
  ) {}
  push(v: string | undefined): void {
    const s = v === undefined ? '' : v.trim();
    this.values.push(s === '' || (this.underscoreMissing && s === '_') ? null : s);
  }
}

function typed(cells: Cells, kind: 'word' | 'number' | 'tag'): { column: TableColumn; type: ColumnType } {
  if (kind === 'number') {
    const values = Float64Array.from(cells.values, (v) => (v === null ? NaN : Number(v)));
    return { column: { name: cells.name, type: 'numeric', values }, type: 'numeric' };
  }
  const distinct = new Set(cells.values).size;
  const type: ColumnType = kind === 'tag' && distinct <= MAX_TAGS ? 'categorical' : 'text';
  return { column: { name: cells.name, type, values: cells.values }, type };
}

export async function readTaggedWords(
  path: string,
  sizeBytes: number,
  shape: Shape,
  options: LoadOptions,
): Promise<TaggedWordsResult> {
  const head = await readHead(path);
  let encoding = detectEncoding(head, head.length >= sizeBytes);
  try {
    return await readAll(path, sizeBytes, shape, encoding.decoder, options, encoding.label);
  } catch (e) {
    if (!(e instanceof NotUtf8Error)) throw e;
    encoding = LATIN1;
    return readAll(path, sizeBytes, shape, encoding.decoder, options, encoding.label);
  }
}

async function readAll(
  path: string,
  sizeBytes: number,
  shape: Shape,
  decoder: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252',
  options: LoadOptions,
  encodingLabel: string,
): Promise<TaggedWordsResult> {
  const conllu = shape.dialect === 'conllu';
  const names = conllu ? [...CONLLU_KEPT] : columnNames(shape.width);
  const sentence = new Cells('sentence', false);
  const cells = names.map((n) => new Cells(n, conllu));
  const kept = conllu ? CONLLU_KEPT.map((n) => CONLLU_FIELDS.indexOf(n)) : names.map((_, i) => i);
  let sentences = 0;
  let open = false;
  let sentId: string | null = null;
  let skippedNodes = 0;
  let odd = 0;
  let firstOdd = 0;
  let documents = 0;
  let lineNo = 0;
  for await (const line of readTextLines(path, {
    decoder,
    sizeBytes,
    signal: options.signal,
    onProgress: options.onProgress,
  })) {
    lineNo++;
    if (line.trim() === '') {
      if (open) sentences++;
      open = false;
      sentId = null;
      continue;
    }
    if (DOCUMENT_START.test(line)) {
      documents++;
      if (open) sentences++;
      open = false;
      continue;
    }
    const fields = splitFields(line.replace(/^\uFEFF/, ''), shape.tabs);
    if (isComment(line, fields.length, shape.tabs, shape.width)) {
      const m = /^#\s*sent_id\s*=\s*(.+)$/.exec(line);
      if (m && conllu) sentId = m[1].trim();
      continue;
    }
    if (conllu && fields.length === 10 && /[-.]/.test(fields[0])) {
      skippedNodes++;
      continue;
    }
    if (fields.length !== shape.width) {
      odd++;
      if (!firstOdd) firstOdd = lineNo;
      continue;
    }
    if (!open) open = true;
    sentence.push(sentId ?? String(sentences + 1));
    kept.forEach((k, i) => cells[i].push(fields[k]));
  }
  if (open) sentences++;
  const rows = sentence.values.length;
  if (rows === 0)
    throw new DataError('The file holds no tagged words: every line is blank, a comment or a document mark.');
  if (odd > Math.max(3, rows * 0.01)) {
    throw new DataError(
      `Line ${firstOdd} and ${odd - 1} other lines do not have the ${shape.width} fields of the other word lines; ` +
        'check that every word line holds the word and its tags, separated the same way.',
    );
  }
  const kinds = names.map((n, i): 'word' | 'number' | 'tag' =>
    n === 'word' || n === 'lemma' ? 'word' : conllu && n === 'head' ? 'number' : i === 0 ? 'word' : 'tag',
  );
  const built = [
    {
      column: { name: 'sentence', type: 'categorical' as const, values: sentence.values },
      type: 'categorical' as const,
    },
    ...cells.map((c, i) => typed(c, kinds[i])),
  ];
  const labelColumn = conllu ? 'upos' : names[names.length - 1];
  const problems: DataProblem[] = [
    {
      severity: 'info',
      message:
        `Read as tagged words (${conllu ? 'CoNLL-U' : 'one word per line with its tags'}): ` +
        `${sentences.toLocaleString('en-US')} sentences, ${rows.toLocaleString('en-US')} words` +
        (documents > 1 ? ` in ${documents.toLocaleString('en-US')} documents` : '') +
        `; each sentence is one sequence, '${labelColumn}' its tags.`,
    },
  ];
  if (skippedNodes > 0) {
    problems.push({
      severity: 'info',
      message: `${skippedNodes.toLocaleString('en-US')} lines name word ranges or empty nodes (ids such as 3-4 or 8.1); they are not words of the sentence and are left out.`,
    });
  }
  if (odd > 0) {
    problems.push({
      severity: 'warning',
      message: `${odd} ${odd === 1 ? 'line does' : 'lines do'} not have ${shape.width} fields (first: line ${firstOdd}) and ${odd === 1 ? 'is' : 'are'} left out.`,
    });
  }
  options.onProgress?.(1);
  return {
    table: { columns: built.map((b) => b.column), rowCount: rows },
    info: built.map((b) => ({ name: b.column.name, type: b.type, detectedType: b.type, format: undefined })),
    problems,
    encoding: encodingLabel,
    dialect: shape.dialect,
    labelColumn,
  };
}
