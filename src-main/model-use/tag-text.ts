/**
 * Tagging a typed sentence with a word tagger (sequence labeling over a word column): the text is
 * split into words and punctuation marks, as treebanks split them (endings such as "n't" apart when
 * the model knows them as words), read as one sequence, and every word gets the model's tag with
 * its probability.
 */
import { DataError } from '../data/data-error';
import type { Table } from '../data/table';
import { vocabularyIndex, OOV } from '../data/prepare/text';
import { importTfjsModel } from '../export/index';
import type { TaggedText } from '../shared/types-model-use';
import type { Tf } from '../tensorflow/load-tf';
import { readRunResult, runModelDir } from './load-run';
import { labelerOf, labelRows } from './predict-labels-file';

/** Most words tagged at once. */
const MAX_WORDS = 2000;
/** A share of unknown words above which the answer says it rests on little. */
const UNKNOWN_WARNING = 0.5;

/** Words (letters and digits, inner apostrophes and hyphens kept) and single punctuation marks. */
export function splitWords(text: string): string[] {
  return text.match(/[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*|[^\s\p{L}\p{N}]/gu) ?? [];
}

/** Endings English treebanks write as words of their own ("do n't", "it 's", "we 're"). */
const CLITIC = /^(.+?)(n['’]t|['’](?:s|re|ve|ll|d|m))$/i;

/**
 * Words as the model's vocabulary spells them: a word it does not know whose ending it knows as a
 * word of its own is split there ("can't" → "ca" "n't" for a tagger trained on UD English).
 */
export function splitLikeVocabulary(words: string[], known: (word: string) => boolean): string[] {
  return words.flatMap((w) => {
    const m = CLITIC.exec(w);
    return m && !known(w) && known(m[2]) ? [m[1], m[2]] : [w];
  });
}

export async function tagText(tf: Tf, runDir: string, text: string): Promise<TaggedText> {
  const run = await readRunResult(runDir);
  const { model, preprocessing } = await importTfjsModel(await runModelDir(runDir, run), tf);
  try {
    const pre = labelerOf(preprocessing);
    const column = pre.spec.data.text.column;
    if (!pre.text || !column) {
      throw new DataError('This labeler reads numbers at each step, not words: label a file of its columns instead.');
    }
    const lookup = vocabularyIndex(pre.text.vocabulary);
    const lowercase = pre.text.lowercase;
    const known = (w: string) => lookup(lowercase ? w.toLowerCase() : w) !== OOV;
    const words = splitLikeVocabulary(splitWords(text), known);
    if (words.length === 0) throw new DataError('Type a sentence to tag: the text holds no words.');
    if (words.length > MAX_WORDS) {
      throw new DataError(`The text holds ${words.length} words; tag at most ${MAX_WORDS} at a time.`);
    }
    const idColumn = pre.spec.data.idColumn;
    const table: Table = {
      columns: [
        ...(idColumn ? [{ name: idColumn, type: 'categorical' as const, values: words.map(() => '1') }] : []),
        { name: column, type: 'text', values: words },
      ],
      rowCount: words.length,
    };
    const { rows } = labelRows(tf, model, pre, table);
    const tagged = rows.map((r) => {
      const word = words[r.row];
      return { word, tag: r.label, probability: r.probability, unknown: !known(word) };
    });
    const unknownShare = tagged.filter((w) => w.unknown).length / tagged.length;
    return {
      runId: run.runId,
      words: tagged,
      unknownShare,
      warning:
        unknownShare > UNKNOWN_WARNING
          ? `${Math.round(unknownShare * 100)}% of these words were never seen in training: their tags rest on the words around them alone.`
          : null,
    };
  } finally {
    model.dispose();
  }
}
