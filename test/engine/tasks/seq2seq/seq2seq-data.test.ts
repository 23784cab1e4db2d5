import { describe, expect, it } from 'vitest';
import { DataError } from '../../../../src-main/data/data-error';
import type { Table } from '../../../../src-main/data/table';
import {
  END,
  PairEncoder,
  START,
  buildPairVocabularies,
  readPairs,
} from '../../../../src-main/engine/tasks/seq2seq/seq2seq-data';
import { parseSpec, type ExperimentSpecInput } from '../../../../src-main/shared/spec';

function specOf(input: Partial<ExperimentSpecInput> = {}) {
  const r = parseSpec({
    task: 'sequence-to-sequence',
    data: { file: '/pairs.csv', targetColumns: ['iso'], text: { column: 'written', maxLength: 12 } },
    seq2seq: { targetMaxLength: 10 },
    ...input,
  });
  if (!r.ok) throw new Error(r.problems[0].message);
  return r.spec;
}

function table(written: (string | null)[], iso: (string | null)[]): Table {
  return {
    rowCount: written.length,
    columns: [
      { name: 'written', type: 'text', values: written },
      { name: 'iso', type: 'text', values: iso },
    ],
  };
}

describe('reading pairs', () => {
  it('leaves out rows with an empty side or longer than the maximum lengths, counting each kind', () => {
    const pairs = readPairs(
      table(
        ['Mar 4, 2021', '', '  ', 'Thursday, March 4, 2021', '4.3.2021', 'May 1, 2000'],
        ['2021-03-04', '2021-01-01', '2021-01-02', '2021-03-04', '2021-03-04 (Thu)', null],
      ),
      specOf(),
    );
    expect(pairs.sources).toEqual(['Mar 4, 2021']);
    expect(pairs.targets).toEqual(['2021-03-04']);
    expect(pairs.leftOut).toEqual([
      '3 rows with an empty source or target left out.',
      '1 row whose source is longer than 12 characters left out (raise the source maximum length to keep them).',
      '1 row whose target is longer than 10 characters left out (raise the target maximum length to keep them).',
    ]);
  });

  it('says why when no pair is left', () => {
    expect(() => readPairs(table(['', 'x'], ['a', '']), specOf())).toThrow(
      /No pair of 'written' → 'iso' can train: 2 rows with an empty source or target/,
    );
  });

  it('refuses a column read as dates, which lost how they were written, and one column for both sides', () => {
    const dated: Table = {
      rowCount: 1,
      columns: [
        { name: 'written', type: 'text', values: ['4 March 2021'] },
        { name: 'iso', type: 'datetime', values: Float64Array.of(Date.UTC(2021, 2, 4)) },
      ],
    };
    expect(() => readPairs(dated, specOf())).toThrow(/target column 'iso' was read as dates.*set its type to text/);
    expect(() => readPairs(dated, specOf())).toThrow(DataError);
    const same = specOf({
      data: { file: '/p.csv', targetColumns: ['written'], text: { column: 'written' } },
    });
    expect(() => readPairs(dated, same)).toThrow(/both 'written'/);
  });
});

describe('vocabularies and encoding', () => {
  const tok = { tokens: 'char' as const, lowercase: true };

  it('reserves start and end in the target vocabulary; a shared one serves both sides', () => {
    const separate = buildPairVocabularies(['abc'], ['12'], { ...tok, vocabSize: 100, shared: false });
    expect(separate.source.slice(0, 2)).toEqual(['<pad>', '<oov>']);
    expect(separate.target.slice(0, 4)).toEqual(['<pad>', '<oov>', '<start>', '<end>']);
    expect(separate.source).not.toContain('1');
    const shared = buildPairVocabularies(['abc'], ['12'], { ...tok, vocabSize: 100, shared: true });
    expect(shared.source).toBe(shared.target);
    expect(shared.source).toEqual(expect.arrayContaining(['a', '1', '<start>']));
  });

  it('pads the source first and writes the decoder input and labels shifted by one step', () => {
    const vocab = buildPairVocabularies(['ab'], ['xy'], { ...tok, vocabSize: 100, shared: false });
    const enc = new PairEncoder(vocab, tok, 4, 3);
    const x = new Float32Array(4 + 4);
    const y = new Float32Array(4);
    const labeled = enc.writePair('ab', 'xy', x, y, 0);
    const a = vocab.source.indexOf('a');
    const b = vocab.source.indexOf('b');
    const tx = vocab.target.indexOf('x');
    const ty = vocab.target.indexOf('y');
    expect(Array.from(x)).toEqual([0, 0, a, b, START, tx, ty, 0]);
    expect(Array.from(y)).toEqual([tx, ty, END, -1]);
    expect(labeled).toBe(3);
    // Unknown source characters enter as the unknown token.
    expect(Array.from(enc.sourceIds('aZ'))).toEqual([a, 1]);
  });

  it('lowercases the source only: the target keeps the case the model must write', () => {
    for (const shared of [false, true]) {
      const vocab = buildPairVocabularies(['Ten'], ['X'], { ...tok, vocabSize: 100, shared });
      expect(vocab.source).toContain('t');
      expect(vocab.source).not.toContain('T');
      expect(vocab.target).toContain('X');
      expect(vocab.target).not.toContain('x');
      const enc = new PairEncoder(vocab, tok, 4, 2);
      expect(Array.from(enc.targetIds('X'))).toEqual([vocab.target.indexOf('X')]);
      expect(Array.from(enc.sourceIds('TEN'))).toEqual(Array.from(enc.sourceIds('ten')));
    }
  });
});
