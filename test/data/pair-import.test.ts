/**
 * Files of pairs as they are published load without hand-editing: a headerless tab-separated
 * file of sentence pairs (the Tatoeba / ManyThings `fra.txt` layout, with its attribution column),
 * a CSV with a header, and folders of paired files — two line-aligned files (`train.en` +
 * `train.fr`, `source.txt` + `target.txt`) or many small pairs (`001.src` + `001.tgt`). Each is
 * generated here; unusable folders fail with a sentence naming the file.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadTable } from '../../src-main/data/import/load-table';
import { matchPairNames } from '../../src-main/data/import/pair-folder-names';
import { planPairFolder, readPairFolder } from '../../src-main/data/import/read-pair-folder';
import { column } from '../../src-main/data/table';
import { suggestSpec } from '../../src-main/experiment/suggest-spec';
import { makeFolder, refusal } from './folder-helpers';
import { strings } from './helpers';

const ENGLISH = [
  'Go.',
  'Hi.',
  'Run!',
  'Who?',
  'Wow!',
  'Fire!',
  'Help!',
  'Jump.',
  'Stop!',
  'Wait!',
  'I see.',
  'Got it?',
];
const FRENCH = [
  'Va !',
  'Salut !',
  'Cours !',
  'Qui ?',
  'Ça alors !',
  'Au feu !',
  "À l'aide !",
  'Saute.',
  'Arrête-toi !',
  'Attends !',
  'Je comprends.',
  'Compris ?',
];
const attribution = (i: number) =>
  `CC-BY 2.0 (France) Attribution: tatoeba.org #${2877272 + i * 7} (CM) & #${1158250 + i * 3} (Wittydev)`;

describe('a file of pairs', () => {
  it('reads a headerless Tatoeba file: the first pair stays a pair, the attribution is a column of its own', async () => {
    const folder = makeFolder({
      'fra.txt': ENGLISH.map((e, i) => `${e}\t${FRENCH[i]}\t${attribution(i)}`).join('\n') + '\n',
    });
    const { table, summary } = await loadTable(join(folder, 'fra.txt'));
    expect(summary.format).toBe('csv');
    expect(summary.delimiter).toBe('\t');
    expect(summary.rows).toBe(ENGLISH.length);
    expect(table.columns.map((c) => c.name)).toEqual(['column 1', 'column 2', 'column 3']);
    expect(strings(column(table, 'column 1'))[0]).toBe('Go.');
    expect(strings(column(table, 'column 2'))[0]).toBe('Va !');
    expect(summary.problems.some((p) => /Line 1 is data, not column names/.test(p.message))).toBe(true);
    expect(summary.layout).toBe('pairs');
    expect(summary.proposedTask).toBe('sequence-to-sequence');
    const spec = suggestSpec(summary);
    expect(spec.data.text.column).toBe('column 1');
    expect(spec.data.targetColumns).toEqual(['column 2']);
  });

  it('reads sentence pairs without the attribution column as headerless too', async () => {
    const folder = makeFolder({ 'pairs.tsv': ENGLISH.map((e, i) => `${e}\t${FRENCH[i]}`).join('\n') });
    const { table, summary } = await loadTable(join(folder, 'pairs.tsv'));
    expect(summary.rows).toBe(ENGLISH.length);
    expect(strings(column(table, 'column 2'))).toEqual(FRENCH);
    expect(summary.layout).toBe('pairs');
  });

  it('keeps the header of a CSV of pairs and proposes sequence to sequence', async () => {
    const folder = makeFolder({
      'pairs.csv': `english,french\n${ENGLISH.map((e, i) => `"${e}","${FRENCH[i]}"`).join('\n')}\n`,
    });
    const { table, summary } = await loadTable(join(folder, 'pairs.csv'));
    expect(table.columns.map((c) => c.name)).toEqual(['english', 'french']);
    expect(summary.rows).toBe(ENGLISH.length);
    expect(summary.layout).toBe('pairs');
    const spec = suggestSpec(summary);
    expect([spec.task, spec.data.text.column, spec.data.targetColumns[0]]).toEqual([
      'sequence-to-sequence',
      'english',
      'french',
    ]);
  });

  it('still reads a text with its few labels as labelled texts, not pairs', async () => {
    const rows = ENGLISH.map((e, i) => `"${e} ${FRENCH[i]}",${i % 2 ? 'pos' : 'neg'}`);
    const folder = makeFolder({ 'labelled.csv': `text,label\n${rows.join('\n')}\n` });
    const { summary } = await loadTable(join(folder, 'labelled.csv'));
    expect(summary.layout).not.toBe('pairs');
  });
});

describe('a folder of two line-aligned files', () => {
  it('pairs line N of train.en with line N of train.fr, leaving the README out', async () => {
    const folder = makeFolder(
      {
        'train.en': `${ENGLISH.join('\n')}\n`,
        'train.fr': `${FRENCH.join('\r\n')}\r\n`,
        'README.md': '# English–French pairs',
      },
      'en-fr',
    );
    const { table, summary } = await loadTable(folder);
    expect(summary.format).toBe('folder');
    expect(summary.layout).toBe('pairs');
    expect(summary.proposedTask).toBe('sequence-to-sequence');
    expect(table.columns.map((c) => [c.name, c.type])).toEqual([
      ['en', 'text'],
      ['fr', 'text'],
    ]);
    expect(strings(column(table, 'en'))).toEqual(ENGLISH);
    expect(strings(column(table, 'fr'))).toEqual(FRENCH);
    expect(summary.problems[0].message).toContain("'train.en' (source) and 'train.fr' (target)");
    const spec = suggestSpec(summary);
    expect([spec.data.text.column, spec.data.targetColumns[0]]).toEqual(['en', 'fr']);
  });

  it('takes source.txt as the source and target.txt as the target, whatever their order', async () => {
    const folder = makeFolder({ 'target.txt': FRENCH.join('\n'), 'source.txt': ENGLISH.join('\n') });
    const { table, summary } = await loadTable(folder);
    expect(table.columns.map((c) => c.name)).toEqual(['source', 'target']);
    expect(strings(column(table, 'target'))).toEqual(FRENCH);
    expect(summary.layout).toBe('pairs');
  });

  it('reads train, valid and test one after another, with the file each row came from', async () => {
    const folder = makeFolder({
      'train.en': ENGLISH.slice(0, 8).join('\n'),
      'train.fr': FRENCH.slice(0, 8).join('\n'),
      'valid.en': ENGLISH.slice(8, 10).join('\n'),
      'valid.fr': FRENCH.slice(8, 10).join('\n'),
      'test.en': ENGLISH.slice(10).join('\n'),
      'test.fr': FRENCH.slice(10).join('\n'),
    });
    const { table } = await loadTable(folder);
    expect(table.rowCount).toBe(12);
    expect(table.columns.map((c) => c.name)).toEqual(['en', 'fr', 'file']);
    expect(new Set(strings(column(table, 'file')))).toEqual(new Set(['train', 'valid', 'test']));
  });

  it('refuses files whose line counts differ, naming both and the count of each', async () => {
    const folder = makeFolder({ 'train.en': ENGLISH.join('\n'), 'train.fr': FRENCH.slice(1).join('\n') });
    const e = await refusal(loadTable(folder));
    expect(e.message).toContain("'train.en' has 12 lines and 'train.fr' has 11 lines");
    expect(e.message).toContain('line N of one is paired with line N of the other');
  });

  it('refuses an empty side, naming the empty file', async () => {
    const folder = makeFolder({ 'train.en': ENGLISH.join('\n'), 'train.fr': '' });
    const e = await refusal(loadTable(folder));
    expect(e.message).toContain("'train.fr' is empty");
  });

  it('refuses a binary file among the pairs, by name', async () => {
    const folder = makeFolder({
      'train.en': ENGLISH.join('\n'),
      'train.fr': new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1, 2, 3, 0, 0, 0]),
    });
    const e = await refusal(loadTable(folder));
    expect(e.message).toMatch(/^The file 'train\.fr' cannot be read as text/);
  });

  it('refuses files above the size cap before reading them', async () => {
    const folder = makeFolder({ 'train.en': ENGLISH.join('\n'), 'train.fr': FRENCH.join('\n') });
    const e = await refusal(planPairFolder(folder, undefined, { maxFiles: 10, maxFileBytes: 50, maxTotalBytes: 100 }));
    expect(e.message).toMatch(/The paired files in '.+' add up to .*; at most .* can be imported at once/);
  });
});

describe('a folder of many small pairs', () => {
  /** `n` pairs of one-text files, each a number written out beside its digits. */
  function smallPairs(n: number, sides: [string, string]): Record<string, string> {
    const files: Record<string, string> = {};
    for (let i = 1; i <= n; i++) {
      files[`${String(i).padStart(3, '0')}.${sides[0]}`] = `${i} plus ${i}\nequals\n`;
      files[`${String(i).padStart(3, '0')}.${sides[1]}`] = `${2 * i}\n`;
    }
    return files;
  }

  it('reads each name.src with its name.tgt as one pair, texts whole', async () => {
    const folder = makeFolder(smallPairs(15, ['src', 'tgt']));
    const { table, summary } = await loadTable(folder);
    expect(summary.layout).toBe('pairs');
    expect(table.rowCount).toBe(15);
    expect(table.columns.map((c) => c.name)).toEqual(['src', 'tgt', 'file']);
    expect(strings(column(table, 'src'))[0]).toBe('1 plus 1\nequals');
    expect(strings(column(table, 'tgt'))[14]).toBe('30');
    expect(strings(column(table, 'file'))[14]).toBe('015');
  });

  it('puts name.in before name.out, warns about files without a partner and empty files', async () => {
    const files = smallPairs(12, ['out', 'in']);
    files['013.in'] = 'lonely';
    files['005.out'] = '';
    const { table, summary } = await loadTable(makeFolder(files));
    expect(table.columns.map((c) => c.name)).toEqual(['in', 'out', 'file']);
    expect(table.rowCount).toBe(12);
    const messages = summary.problems.map((p) => p.message).join('\n');
    expect(messages).toContain(
      "1 file has no partner (a file of the other side with the same name) and was left out ('013.in')",
    );
    expect(messages).toContain("1 file is empty ('005.out'); its pair is left out of training.");
    expect(column(table, 'out').values[4]).toBeNull();
  });

  it('leaves a folder of plain texts to the text importer', async () => {
    const { summary } = await loadTable(makeFolder({ 'a.txt': 'One text.', 'b.txt': 'Another text.' }));
    expect(summary.layout).toBe('text');
  });
});

describe('matching pair names', () => {
  it('orders sides by what their names say, then by a pair named in the file name', () => {
    expect(matchPairNames(['train.fr', 'train.en'])?.sides).toEqual(['en', 'fr']);
    expect(matchPairNames(['europarl.fr-en.en', 'europarl.fr-en.fr'])?.sides).toEqual(['fr', 'en']);
    expect(matchPairNames(['train_fr.txt', 'train_en.txt'])?.pairs).toEqual([
      { key: 'train.txt', source: 'train_en.txt', target: 'train_fr.txt' },
    ]);
    expect(matchPairNames(['q.answer', 'q.question'])?.sides).toEqual(['question', 'answer']);
  });

  it('sees no pairs in file types, bare names or single files', () => {
    expect(matchPairNames(['notes.txt', 'notes.md'])).toBeNull();
    expect(matchPairNames(['cat.txt', 'dog.txt'])).toBeNull();
    expect(matchPairNames(['train.en'])).toBeNull();
    expect(matchPairNames(['1.txt', '2.txt', '10.txt'])).toBeNull();
  });

  it('picks src and trg among three sides and leaves the third out', () => {
    const m = matchPairNames(['train.id', 'train.src', 'train.trg']);
    expect(m?.sides).toEqual(['src', 'trg']);
    expect(m?.unpaired).toEqual(['train.id']);
  });
});

describe('reading a planned folder', () => {
  it('reports progress up to the whole and stops when cancelled', async () => {
    const folder = makeFolder({ 'train.en': ENGLISH.join('\n'), 'train.fr': FRENCH.join('\n') });
    const plan = await planPairFolder(folder);
    expect(plan).not.toBeNull();
    const fractions: number[] = [];
    await readPairFolder(plan!, { onProgress: (f) => fractions.push(f) });
    expect(fractions.at(-1)).toBe(1);
    const controller = new AbortController();
    controller.abort();
    await expect(readPairFolder(plan!, { signal: controller.signal })).rejects.toThrow();
  });

  it('keeps a blank line as an empty side so later lines stay aligned', async () => {
    const folder = makeFolder({ 'train.en': 'Go.\n\nRun!\n', 'train.fr': 'Va !\nSalut !\nCours !\n' });
    writeFileSync(join(folder, 'LICENSE'), 'CC-BY 2.0');
    const { table } = await loadTable(folder);
    expect(column(table, 'en').values).toEqual(['Go.', null, 'Run!']);
    expect(strings(column(table, 'fr'))).toEqual(['Va !', 'Salut !', 'Cours !']);
  });
});
