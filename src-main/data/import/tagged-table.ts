/**
 * Tagged words saved as a table: one row per word with its tag, the sentence named on its first
 * word only (`Sentence #, Word, POS, Tag` with "Sentence: 1" and blanks below it, as annotated
 * named-entity corpora are shared as CSV). The sentence column is filled down — each blank takes
 * the name above it — and the table is read as tagged words, as a CoNLL file would be.
 */
import type { DataProblem } from '../../shared/types';
import type { Table, TableColumn } from '../table';
import type { BuiltColumnInfo } from './table-builder';

/** Most distinct tags a tag column may hold. */
const MAX_TAGS = 200;
/** Share of a word column's cells that may hold a space (multi-word entries, typos). */
const MAX_SPACED_SHARE = 0.02;
/** A sentence averages at least this many words. */
const MIN_MEAN_WORDS = 2;
/** Names of a column naming sentences. */
const SENTENCE_NAME = /^(sentences?|sent|docs?|documents?|utterances?)([\s_#.:-]|id$|no$|$)/i;

type LabelColumn = Extract<TableColumn, { type: 'categorical' | 'text' }>;

const isLabel = (c: TableColumn): c is LabelColumn => c.type === 'categorical' || c.type === 'text';

/** The columns of a tagged-word table, or null when the table is something else. */
export interface TaggedTable {
  sentence: string;
  word: string;
  tag: string;
}

/**
 * Fills down a sentence column named on each sentence's first row only, and says so. Returns the
 * table's tagged-word columns when it holds a word column and a tag column beside it, else null
 * (the table is left as it was).
 */
export function readTaggedTable(table: Table, info: BuiltColumnInfo[], problems: DataProblem[]): TaggedTable | null {
  const sentenceIndex = table.columns.findIndex((c) => isLabel(c) && SENTENCE_NAME.test(c.name));
  if (sentenceIndex < 0) return null;
  const sentence = table.columns[sentenceIndex] as LabelColumn;
  const others = table.columns.filter((_, i) => i !== sentenceIndex);
  const word = others.filter(isLabel).find((c) => singleWords(withMarks(c)));
  if (!word) return null;
  const tag = [...others]
    .reverse()
    .find((c) => c !== word && isLabel(c) && new Set(c.values).size <= MAX_TAGS && mostlyFilled(c.values));
  if (!tag) return null;
  if (others.some((c) => c.type === 'numeric' && c.name !== tag.name && !/^(pos|position|index|id|step)/i.test(c.name)))
    return null;
  const present = sentence.values.filter((v) => v !== null && v !== '').length;
  if (present === 0 || table.rowCount / present < MIN_MEAN_WORDS) return null;
  // Punctuation and short words read as missing marks ('-', '?', 'NA') are words here.
  const restored = word.marks?.size ?? 0;
  if (restored > 0) {
    word.values = withMarks(word);
    delete word.marks;
  }
  const filled = present < table.rowCount;
  if (filled) {
    if (sentence.values[0] === null) return null;
    let last: string | null = null;
    sentence.values = sentence.values.map((v) => (v === null || v === '' ? last : (last = v)));
    sentence.type = 'categorical';
    const i = info.findIndex((c) => c.name === sentence.name);
    if (i >= 0) info[i] = { ...info[i], type: 'categorical', detectedType: 'categorical' };
  }
  problems.push({
    severity: 'info',
    message:
      `Read as tagged words: '${word.name}' holds one word per row and '${tag.name}' its tag; ` +
      (filled
        ? `'${sentence.name}' names each sentence on its first word only, so the rows below it belong to the same sentence (${present.toLocaleString('en-US')} sentences).`
        : `each of the ${present.toLocaleString('en-US')} values of '${sentence.name}' is one sentence.`) +
      (restored > 0
        ? ` ${restored.toLocaleString('en-US')} words that read as missing marks elsewhere ('-', '?', 'NA') are kept as words.`
        : ''),
    column: sentence.name,
  });
  return { sentence: sentence.name, word: word.name, tag: tag.name };
}

/** A column's cells with the missing marks it read put back as text. */
function withMarks(c: LabelColumn): (string | null)[] {
  const marks = c.marks;
  return marks ? c.values.map((v, i) => v ?? marks.get(i) ?? null) : c.values;
}

/** Cells that are single words (no space in nearly all of them), with many distinct words. */
function singleWords(values: (string | null)[]): boolean {
  let filled = 0;
  let spaced = 0;
  const distinct = new Set<string>();
  for (const v of values) {
    if (v === null || v === '') continue;
    filled++;
    if (/\s/.test(v.trim())) spaced++;
    if (distinct.size <= MAX_TAGS) distinct.add(v);
  }
  return filled > 0 && spaced <= filled * MAX_SPACED_SHARE && distinct.size > MAX_TAGS && mostlyFilled(values);
}

function mostlyFilled(values: (string | null)[]): boolean {
  return values.filter((v) => v !== null && v !== '').length >= values.length * 0.95;
}
