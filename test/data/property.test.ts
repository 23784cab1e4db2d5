/** Properties over random input: the importer fails only with DataError; windows match a naive cut. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DataError } from '../../src-main/data/data-error';
import { loadTable } from '../../src-main/data/import/load-table';
import { splitOrigins } from '../../src-main/data/prepare/split';
import { WindowSampler } from '../../src-main/data/prepare/windows';
import { tempFile } from './helpers';

const pieces = [
  'a',
  'b',
  '1',
  '2.5',
  '-3',
  '3,5',
  ',',
  ';',
  '\t',
  '|',
  '"',
  '""',
  '\n',
  '\r\n',
  ' ',
  'NA',
  '2020-01-01',
  'é',
  '\u0000',
  '1995Q1',
];

describe('property: random CSV-ish text', () => {
  it('either imports or throws DataError, and an import is self-consistent', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom(...pieces), { maxLength: 80 }), async (parts) => {
        const path = tempFile(parts.join(''));
        try {
          const { table, summary } = await loadTable(path);
          expect(summary.rows).toBe(table.rowCount);
          for (const c of table.columns) expect(c.values.length).toBe(table.rowCount);
        } catch (e) {
          if (!(e instanceof DataError)) throw e;
        }
      }),
      { numRuns: 150 },
    );
  });
});

describe('property: random bytes', () => {
  it('never fail with anything but DataError, whatever the extension', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ maxLength: 300 }),
        fc.constantFrom('.csv', '.txt', '.tsv'),
        async (bytes, ext) => {
          try {
            await loadTable(tempFile(bytes, ext));
          } catch (e) {
            if (!(e instanceof DataError)) throw e;
          }
        },
      ),
      { numRuns: 150 },
    );
  });
});

describe('property: windows', () => {
  it('match a naive reference cut for any shape', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 1, max: 3 }),
        fc.integer({ min: 12, max: 60 }),
        (lookback, horizon, nIn, nOut, length) => {
          const col = (k: number) => Float32Array.from({ length }, (_, i) => k * 1000 + i);
          const inputs = Array.from({ length: nIn }, (_, k) => col(k));
          const targets = Array.from({ length: nOut }, (_, k) => col(k + 10));
          const origins: number[] = [];
          for (let t = lookback; t + horizon <= length; t += 2) origins.push(t);
          const { x, y } = new WindowSampler(inputs, targets, lookback, horizon).batch(origins);
          const refX: number[] = [];
          const refY: number[] = [];
          for (const t of origins) {
            for (let i = 0; i < lookback; i++) for (let f = 0; f < nIn; f++) refX.push(inputs[f][t - lookback + i]);
            for (let h = 0; h < horizon; h++) for (let k = 0; k < nOut; k++) refY.push(targets[k][t + h]);
          }
          expect(Array.from(x)).toEqual(refX);
          expect(Array.from(y)).toEqual(refY);
        },
      ),
      { numRuns: 200 },
    );
  });

  it('split origins never put a target outside its segment', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 5, max: 400 }),
        fc.integer({ min: 1, max: 30 }),
        fc.integer({ min: 1, max: 10 }),
        fc.integer({ min: 1, max: 5 }),
        fc.double({ min: 0, max: 0.4, noNaN: true }),
        fc.double({ min: 0, max: 0.4, noNaN: true }),
        (length, lookback, horizon, stride, validation, test) => {
          let s;
          try {
            s = splitOrigins(length, { lookback, horizon, stride, validation, test });
          } catch (e) {
            expect(e).toBeInstanceOf(DataError);
            return;
          }
          const check = (o: Int32Array, from: number, to: number) => {
            for (const t of o) {
              expect(t - lookback).toBeGreaterThanOrEqual(0);
              expect(t).toBeGreaterThanOrEqual(from);
              expect(t + horizon).toBeLessThanOrEqual(to);
            }
          };
          check(s.train, 0, s.validationStart);
          check(s.validation, s.validationStart, s.testStart);
          check(s.test, s.testStart, length);
          expect(s.train.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 300 },
    );
  });
});
