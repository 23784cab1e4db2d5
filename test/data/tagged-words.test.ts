import { describe, expect, it } from 'vitest';
import { loadTable } from '../../src-main/data/import/load-table';
import { taggedWordsShape } from '../../src-main/data/import/read-tagged-words';
import { column } from '../../src-main/data/table';
import { suggestSpec } from '../../src-main/experiment/suggest-spec';
import { numbers, strings, tempFile } from './helpers';

/** The CoNLL-2003 layout: word, part of speech, chunk and entity tag, a blank line after each sentence. */
const CONLL_2003 = `-DOCSTART- -X- -X- O

EU NNP B-NP B-ORG
rejects VBZ B-VP O
German JJ B-NP B-MISC
call NN I-NP O
. . O O

Peter NNP B-NP B-PER
Blackburn NNP I-NP I-PER

-DOCSTART- -X- -X- O

BRUSSELS NNP B-NP B-LOC
1996-08-22 CD I-NP O
`;

/** CoNLL-U: comments, a word range (3-4) and an empty node (5.1) that are not words of the sentence. */
const CONLLU = [
  '# sent_id = answers-01',
  '# text = I do not like it.',
  '1\tI\tI\tPRON\tPRP\tCase=Nom\t4\tnsubj\t_\t_',
  '2\tdo\tdo\tAUX\tVBP\t_\t4\taux\t_\t_',
  "3-4\tdon't\t_\t_\t_\t_\t_\t_\t_\t_",
  '3\tnot\tnot\tPART\tRB\t_\t4\tadvmod\t_\t_',
  '4\tlike\tlike\tVERB\tVB\t_\t0\troot\t_\t_',
  '5\tit\tit\tPRON\tPRP\t_\t4\tobj\t_\t_',
  '5.1\tgone\tgo\tVERB\t_\t_\t_\t_\t4:conj\t_',
  '6\t.\t.\tPUNCT\t.\t_\t4\tpunct\t_\t_',
  '',
  '# sent_id = answers-02',
  '1\tGood\tgood\tADJ\tJJ\t_\t2\tamod\t_\t_',
  '2\tcall\tcall\tNOUN\tNN\t_\t0\troot\t_\t_',
  '3\t!\t!\tPUNCT\t.\t_\t2\tpunct\t_\t_',
  '',
].join('\n');

/** Word and entity tag, tab-separated; words may start with '#' (hashtags) and be punctuation. */
const WORD_TAG = [
  'Stuck\tO',
  'on\tO',
  '#I405\tB-location',
  'again\tO',
  '',
  'Visit\tO',
  'Redondo\tB-location',
  'Beach\tI-location',
  '"\tO',
  '',
  'ok\tO',
  'bye\tO',
  '',
].join('\n');

describe('tagged words (CoNLL layouts)', () => {
  it('reads CoNLL-2003 as one row per word, a number per sentence, and proposes labeling the entity tags', async () => {
    const { table, summary } = await loadTable(tempFile(CONLL_2003, '.txt'));
    expect(summary.format).toBe('conll');
    expect(summary.layout).toBe('tagged-words');
    expect(summary.idColumn).toBe('sentence');
    expect(summary.proposedTask).toBe('sequence-labeling');
    expect(table.columns.map((c) => c.name)).toEqual(['sentence', 'word', 'pos', 'chunk', 'tag']);
    expect(strings(column(table, 'sentence'))).toEqual(['1', '1', '1', '1', '1', '2', '2', '3', '3']);
    expect(strings(column(table, 'word'))[7]).toBe('BRUSSELS');
    expect(strings(column(table, 'tag'))).toEqual(['B-ORG', 'O', 'B-MISC', 'O', 'O', 'B-PER', 'I-PER', 'B-LOC', 'O']);
    const note = summary.problems.map((p) => p.message).join(' ');
    expect(note).toContain('3 sentences, 9 words in 2 documents');

    const spec = suggestSpec(summary);
    expect(spec.task).toBe('sequence-labeling');
    expect(spec.data.idColumn).toBe('sentence');
    expect(spec.data.targetColumns).toEqual(['tag']);
    expect(spec.data.text).toMatchObject({ column: 'word', tokens: 'word' });
    expect(spec.model.layers[0].bidirectional).toBe(true);
  });

  it('reads CoNLL-U: sentence ids from comments, ranges and empty nodes left out, upos proposed', async () => {
    const { table, summary } = await loadTable(tempFile(CONLLU, '.conllu'));
    expect(table.columns.map((c) => c.name)).toEqual([
      'sentence',
      'word',
      'lemma',
      'upos',
      'xpos',
      'feats',
      'head',
      'deprel',
    ]);
    expect(table.rowCount).toBe(9);
    expect(strings(column(table, 'word'))).toEqual(['I', 'do', 'not', 'like', 'it', '.', 'Good', 'call', '!']);
    expect(strings(column(table, 'sentence'))[8]).toBe('answers-02');
    // '_' is "not given": missing, not a value.
    expect(strings(column(table, 'feats')).filter((f) => f === null)).toHaveLength(8);
    expect(numbers(column(table, 'head')).slice(0, 4)).toEqual([4, 4, 4, 0]);
    expect(summary.problems.map((p) => p.message).join(' ')).toContain('2 lines name word ranges or empty nodes');
    expect(suggestSpec(summary).data.targetColumns).toEqual(['upos']);
  });

  it('reads word<TAB>tag files whose words start with # or are quotes, whatever their extension', async () => {
    for (const ext of ['.conll', '.tsv', '.txt', '']) {
      const { table, summary } = await loadTable(tempFile(WORD_TAG, ext));
      expect(summary.layout, ext).toBe('tagged-words');
      expect(table.columns.map((c) => c.name)).toEqual(['sentence', 'word', 'tag']);
      expect(strings(column(table, 'word')).slice(0, 4)).toEqual(['Stuck', 'on', '#I405', 'again']);
      expect(strings(column(table, 'word'))[7]).toBe('"');
      expect(strings(column(table, 'sentence'))).toEqual(['1', '1', '1', '1', '2', '2', '2', '2', '3', '3']);
    }
  });

  it('leaves prose, tables with a header, sentence pairs and CSV files to their own readers', async () => {
    const prose =
      'It was a dark night.\nThe rain fell.\n\nA shot rang out.\nThe maid screamed.\n\nThen silence.\nEnd.\n';
    expect(taggedWordsShape(prose)).toBeNull();
    expect((await loadTable(tempFile(prose, '.txt'))).summary.layout).toBe('text');
    const pairs = 'Go.\tVa !\nHi.\tSalut !\nRun!\tCours !\nWho?\tQui ?\nWow!\tÇa alors !\n';
    expect((await loadTable(tempFile(pairs, '.txt'))).summary.layout).toBe('pairs');
    const table = 'date\tsales\n2020-01\t12\n2020-02\t14\n\n2020-03\t13\n2020-04\t15\n\n2020-05\t17\n';
    expect(taggedWordsShape(table)).toBeNull();
    expect((await loadTable(tempFile(table, '.tsv'))).summary.format).toBe('csv');
    // The same words as a .csv stay a CSV file.
    const csv = WORD_TAG.replace('"\tO\n', '').replaceAll('\t', ',');
    expect((await loadTable(tempFile(csv, '.csv'))).summary.format).toBe('csv');
  });

  it('says which lines do not have the fields of a word line, and refuses a file that is mostly such lines', async () => {
    const one = WORD_TAG.replace('again\tO', 'again\tO\textra');
    const { table, summary } = await loadTable(tempFile(`${one}\n${WORD_TAG.repeat(30)}`, '.conll'));
    expect(table.rowCount).toBe(10 * 31 - 1);
    expect(summary.problems.map((p) => p.message).join(' ')).toContain('1 line does not have 2 fields (first: line 4)');
    // Beyond the lines the detector weighs, 60 lines of three fields: more than 1% of 3,000 words.
    const many = WORD_TAG.repeat(300) + Array.from({ length: 60 }, (_, i) => `w${i}\tO\tX`).join('\n');
    await expect(loadTable(tempFile(many, '.conll'))).rejects.toThrow(
      /do not have the 2 fields of the other word lines/,
    );
  });

  it('reads a table of tagged words whose sentence is named on its first word only (Sentence #, Word, POS, Tag)', async () => {
    // 300 sentences over 400 distinct words, as annotated named-entity corpora are shared as CSV.
    const lines = ['Sentence #,Word,POS,Tag'];
    let k = 0;
    for (let s = 1; s <= 300; s++) {
      const n = 3 + (s % 5);
      for (let i = 0; i < n; i++) {
        const name = i === 0 && s % 3 === 0;
        lines.push(
          [
            i === 0 ? `Sentence: ${s}` : '',
            // The last word of each sentence is punctuation that reads as a missing mark elsewhere.
            name ? `City${k % 400}` : i === n - 1 ? (s % 2 ? '-' : '?') : `word${k % 400}`,
            name ? 'NNP' : 'NN',
            name ? 'B-geo' : 'O',
          ].join(','),
        );
        k++;
      }
    }
    const { table, summary } = await loadTable(tempFile(lines.join('\n')));
    expect(summary.layout).toBe('tagged-words');
    expect(summary.idColumn).toBe('Sentence #');
    expect(summary.proposedTask).toBe('sequence-labeling');
    expect(strings(column(table, 'Sentence #')).slice(0, 5)).toEqual([
      'Sentence: 1',
      'Sentence: 1',
      'Sentence: 1',
      'Sentence: 1',
      'Sentence: 2',
    ]);
    const note = summary.problems.map((p) => p.message).join(' ');
    expect(note).toContain(
      "'Sentence #' names each sentence on its first word only, so the rows below it belong to the same sentence (300 sentences)",
    );
    expect(note).toContain("300 words that read as missing marks elsewhere ('-', '?', 'NA') are kept as words");
    expect(strings(column(table, 'Word')).slice(0, 5)).toEqual(['word0', 'word1', 'word2', '-', 'word4']);
    const spec = suggestSpec(summary);
    expect(spec.data.idColumn).toBe('Sentence #');
    expect(spec.data.text.column).toBe('Word');
    expect(spec.data.targetColumns).toEqual(['Tag']);
    // A table of documents with amounts is no corpus: left as it was.
    const invoices = [
      'document,item,amount',
      ...Array.from({ length: 300 }, (_, i) => `${i % 2 ? '' : `D${i}`},item${i},${i}.5`),
    ];
    expect((await loadTable(tempFile(invoices.join('\n')))).summary.layout).not.toBe('tagged-words');
  });
});
