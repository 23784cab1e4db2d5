import { describe, expect, it } from 'vitest';
import { DataError } from '../../src-main/data/data-error';
import { loadTable } from '../../src-main/data/import/load-table';
import {
  NextTokenSampler,
  OOV,
  PAD,
  buildVocabulary,
  detokenize,
  encodeCorpus,
  encodeTexts,
  labelEncoder,
  tokenize,
} from '../../src-main/data/prepare/text';
import { strings, tempFile } from './helpers';

describe('tokenize', () => {
  it('splits characters (code points) and words with punctuation', () => {
    expect(tokenize('Hi 👋', { tokens: 'char', lowercase: true })).toEqual(['h', 'i', ' ', '👋']);
    expect(tokenize("Don't stop, World!", { tokens: 'word', lowercase: true })).toEqual([
      "don't",
      'stop',
      ',',
      'world',
      '!',
    ]);
    expect(detokenize(["don't", 'stop', ',', 'world', '!'], 'word')).toBe("don't stop, world!");
  });
});

describe('vocabulary and encoding', () => {
  const train = ['the cat sat', 'the dog sat', 'the cat ran'];
  const opts = {
    tokens: 'word' as const,
    lowercase: true,
    vocabSize: 5,
    maxLength: 4,
    padding: 'pre' as const,
    truncating: 'pre' as const,
  };

  it('orders tokens by frequency, caps the size and reserves padding and OOV', () => {
    expect(buildVocabulary(train, opts)).toEqual(['<pad>', '<oov>', 'the', 'cat', 'sat']);
  });

  it('pads and truncates at either end, mapping unknown words to OOV', () => {
    const vocab = buildVocabulary(train, opts);
    expect(Array.from(encodeTexts(['the bird sat'], vocab, opts))).toEqual([PAD, 2, OOV, 4]);
    expect(Array.from(encodeTexts(['the bird sat'], vocab, { ...opts, padding: 'post' }))).toEqual([2, OOV, 4, PAD]);
    const long = 'cat sat the cat sat';
    expect(Array.from(encodeTexts([long], vocab, opts))).toEqual([4, 2, 3, 4]);
    expect(Array.from(encodeTexts([long], vocab, { ...opts, truncating: 'post' }))).toEqual([3, 4, 2, 3]);
  });
});

describe('labelEncoder', () => {
  it('maps sorted labels to indices and marks missing ones', () => {
    const r = labelEncoder(['pos', 'neg', null, 'pos'], 'label');
    expect(r.classes).toEqual(['neg', 'pos']);
    expect(Array.from(r.indices)).toEqual([1, 0, -1, 1]);
    expect(r.missing).toBe(1);
  });

  it('refuses a single class', () => {
    expect(() => labelEncoder(['pos', 'pos'], 'label')).toThrow(DataError);
    expect(() => labelEncoder(['pos', 'pos'], 'label')).toThrow(
      "Only one class ('pos') in column 'label': a classifier needs at least two.",
    );
  });
});

describe('NextTokenSampler', () => {
  it('pairs each sequence with the token that follows it', () => {
    const vocab = buildVocabulary(['abcab'], { tokens: 'char', lowercase: true, vocabSize: 10 });
    const ids = encodeCorpus(['abcab'], vocab, { tokens: 'char', lowercase: true });
    const s = new NextTokenSampler(ids, 3);
    expect(s.count).toBe(2);
    const b = s.batch([0, 1]);
    expect(Array.from(b.x)).toEqual([...ids.slice(0, 3), ...ids.slice(1, 4)]);
    expect(Array.from(b.y)).toEqual([ids[3], ids[4]]);
    expect(() => new NextTokenSampler(ids, 5)).toThrow(/need at least 6/);
  });
});

describe('text files', () => {
  it('reads a .txt corpus one row per line, or per paragraph when blank lines separate blocks', async () => {
    const lines = await loadTable(tempFile('first line\nsecond line\n\nthird\n', '.txt'));
    expect(lines.summary.layout).toBe('text');
    expect(strings(lines.table.columns[0])).toEqual(['first line', 'second line', 'third']);
    const prose = await loadTable(tempFile('a b\nc d\n\ne f\ng h\n', '.txt'));
    expect(strings(prose.table.columns[0])).toEqual(['a b\nc d', 'e f\ng h']);
  });

  it('reads only the book of a Project Gutenberg file, between its START and END markers', async () => {
    const header = ['The Project Gutenberg EBook of A Short Book, by Someone', '', 'Title: A Short Book', ''];
    const book = ['CHAPTER I', '', 'It was a dark night,', 'and the wind blew.', '', 'The end.'];
    const licence = ['End of the Project Gutenberg EBook', '', '1.E. You may copy it, give it away', 'or re-use it.'];
    const file = [
      ...header,
      '*** START OF THIS PROJECT GUTENBERG EBOOK A SHORT BOOK ***',
      ...book,
      '*** END OF THIS PROJECT GUTENBERG EBOOK A SHORT BOOK ***',
      ...licence,
    ].join('\r\n');
    const { table, summary } = await loadTable(tempFile(file, '.txt'));
    const text = strings(table.columns[0]).join('\n');
    expect(text).toContain('It was a dark night,');
    expect(text).not.toMatch(/Title:|START OF|END OF|1\.E\. You may copy/);
    const note = summary.problems.find((p) => /Project Gutenberg/.test(p.message));
    expect(note?.severity).toBe('info');
    expect(note?.message).toMatch(/the 5 lines of header .* the 5 lines of licence/);

    // Newer files say THE and EBOOK; a file without the END marker keeps the rest of the file.
    const open = await loadTable(
      tempFile(
        ['Preface', '*** START OF THE PROJECT GUTENBERG EBOOK X ***', 'Book line one', 'Book line two'].join('\n'),
        '.txt',
      ),
    );
    expect(strings(open.table.columns[0])).toEqual(['Book line one', 'Book line two']);
  });

  it('reads a text whole when the marker is not near its top, or has nothing after it', async () => {
    const prose = Array.from({ length: 450 }, (_, i) => `line ${i}`);
    prose.push('*** START OF THIS PROJECT GUTENBERG EBOOK quoted in a book ***', 'more');
    const late = await loadTable(tempFile(prose.join('\n'), '.txt'));
    expect(late.table.rowCount).toBe(452);
    expect(late.summary.problems.some((p) => /Gutenberg ebook/.test(p.message))).toBe(false);
    const empty = await loadTable(
      tempFile(
        'Header\n*** START OF THE PROJECT GUTENBERG EBOOK X ***\n\n*** END OF THE PROJECT GUTENBERG EBOOK X ***\nLicence\n',
        '.txt',
      ),
    );
    expect(strings(empty.table.columns[0]).join('\n')).toMatch(/^Header\n[^]*Licence$/);
  });

  it('detects a labeled text table', async () => {
    const rows = Array.from(
      { length: 12 },
      (_, i) =>
        `"This film was ${i % 2 ? 'great fun to watch' : 'a dull waste of time'} really",${i % 2 ? 'pos' : 'neg'}`,
    );
    const { summary } = await loadTable(tempFile(`review,label\n${rows.join('\n')}\n`));
    expect(summary.layout).toBe('labeled-text');
    expect(summary.columns.map((c) => c.type)).toEqual(['text', 'categorical']);
  });
});
