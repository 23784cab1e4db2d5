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
