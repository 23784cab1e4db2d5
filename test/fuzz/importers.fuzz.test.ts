/**
 * Fuzzing the importers (CSV, TSV, XLSX, TXT) with damaged real files and hostile shapes: every
 * case ends in a dataset or a DataError with a message, never a TypeError or a hang. Cases per
 * property grow with RECURRENT_FUZZ_RUNS; the totals are printed.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DataError } from '../../src-main/data/data-error';
import { loadTable } from '../../src-main/data/import/load-table';
import { CaseCounter, describeError, fuzzFolder, fuzzRuns, mutate, mutationArb } from './fuzz-support';

const counter = new CaseCounter();
const folder = fuzzFolder('recurrent-fuzz-import-');
afterAll(() => {
  const total = counter.report('importers');
  folder.dispose();
  expect(total).toBeGreaterThan(0);
});

/** Imports `path`; fails the property on anything but a dataset or a DataError with a message. */
async function importOrRefuse(path: string): Promise<'dataset' | 'refused'> {
  try {
    const { table, summary } = await withinTime(loadTable(path), path);
    expect(summary.rows).toBe(table.rowCount);
    for (const c of table.columns) expect(c.values.length).toBe(table.rowCount);
    return 'dataset';
  } catch (err) {
    if (err instanceof DataError && err.message.trim().length > 0) return 'refused';
    throw new Error(`The importer failed with a non-specific error: ${describeError(err)}`);
  }
}

/** A hang is a failure too: an import that never settles leaves the user waiting forever. */
async function withinTime<T>(work: Promise<T>, path: string, ms = 15_000): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`The import of ${path} did not finish within ${ms} ms (it hangs).`)), ms);
  });
  try {
    return await Promise.race([work, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const sample = (name: string) => new Uint8Array(readFileSync(resolve('resources/samples', name)));
// Small slices keep each case fast while keeping real headers, quoting and dates.
const head = (bytes: Uint8Array, lines: number) => {
  let seen = 0;
  for (let i = 0; i < bytes.length; i++) if (bytes[i] === 10 && ++seen === lines) return bytes.slice(0, i + 1);
  return bytes;
};
const seeds = {
  csv: [
    head(sample('nile-yearly.csv'), 60),
    head(sample('iowa-electricity-long.csv'), 60),
    head(sample('elnino-monthly-wide.csv'), 40),
    head(sample('movie-reviews-sentiment.csv'), 40),
  ],
  txt: [sample('shakespeare-coriolanus.txt').slice(0, 4000)],
};
const tsv = (bytes: Uint8Array) => bytes.map((b) => (b === 44 ? 9 : b));

describe('fuzz: damaged delimited and text files', () => {
  it('mutated CSV and TSV samples import or are refused with a DataError', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...seeds.csv.keys()),
        fc.constantFrom('.csv', '.tsv'),
        fc.array(mutationArb, { minLength: 1, maxLength: 6 }),
        async (seed, ext, mutations) => {
          const base = ext === '.tsv' ? tsv(seeds.csv[seed]) : seeds.csv[seed];
          counter.add('mutated csv/tsv');
          await importOrRefuse(folder.file(mutate(base, mutations), ext));
        },
      ),
      { numRuns: fuzzRuns(120) },
    );
  });

  it('mutated text corpora import or are refused with a DataError', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutationArb, { minLength: 1, maxLength: 6 }), async (mutations) => {
        counter.add('mutated txt');
        await importOrRefuse(folder.file(mutate(seeds.txt[0], mutations), '.txt'));
      }),
      { numRuns: fuzzRuns(40) },
    );
  });

  it('hostile shapes: huge fields, deep quoting, NUL bytes, mixed encodings, wide rows', async () => {
    const field = fc.oneof(
      fc.string({ maxLength: 20 }),
      fc.integer().map(String),
      fc.double({ noNaN: false }).map(String),
      // Huge fields: one cell of up to 200k characters.
      fc.integer({ min: 10_000, max: 200_000 }).map((n) => 'x'.repeat(n)),
      // Deep quoting: runs of quotes, opened and never closed, or doubled many times.
      fc.integer({ min: 1, max: 5000 }).map((n) => '"'.repeat(n)),
      fc.integer({ min: 1, max: 500 }).map((n) => `"${'""'.repeat(n)}x`),
      fc.constantFrom('\u0000', 'a\u0000b', '\u0000\u0000\u0000', '=1+2', '\uFEFF', '\u2028', '\r', '\r\n\r\n'),
    );
    const encoding = fc.constantFrom('utf8', 'latin1', 'utf16le', 'mixed');
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.array(field, { minLength: 1, maxLength: 30 }), { minLength: 1, maxLength: 12 }),
        fc.constantFrom(',', ';', '\t', '|'),
        encoding,
        fc.constantFrom('.csv', '.tsv', '.txt'),
        async (rows, sep, enc, ext) => {
          const text = rows.map((r) => r.join(sep)).join('\n');
          let bytes: Uint8Array;
          if (enc === 'mixed') {
            // Half UTF-8, half Latin-1: a file edited by two programs.
            const cut = Math.floor(text.length / 2);
            bytes = new Uint8Array([
              ...Buffer.from(text.slice(0, cut), 'utf8'),
              ...Buffer.from(text.slice(cut), 'latin1'),
            ]);
          } else if (enc === 'utf16le') {
            bytes = new Uint8Array([0xff, 0xfe, ...Buffer.from(text, 'utf16le')]);
          } else {
            bytes = new Uint8Array(Buffer.from(text, enc));
          }
          counter.add('hostile shapes');
          await importOrRefuse(folder.file(bytes, ext));
        },
      ),
      { numRuns: fuzzRuns(60) },
    );
  });
});

describe('fuzz: damaged workbooks', () => {
  let workbook: Uint8Array;
  let entryNames: string[];

  beforeAll(async () => {
    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet('Flow');
    sheet.addRow(['date', 'flow', 'note']);
    for (let i = 0; i < 40; i++)
      sheet.addRow([new Date(Date.UTC(2000, i, 1)), 100 + ((i * 7) % 13), i % 5 ? 'ok' : 'check']);
    wb.addWorksheet('Notes').addRow(['written by a test']);
    workbook = new Uint8Array(await wb.xlsx.writeBuffer());
    entryNames = Object.keys(unzipSync(workbook));
    // The unmutated workbook must import, or every refusal below would prove nothing.
    expect(await importOrRefuse(folder.file(workbook, '.xlsx'))).toBe('dataset');
  });

  // Damage inside the zip's deflate data made exceljs' streaming reader hang (fixtures/README.md);
  // the importer reads whole workbooks since, and these cases guard that it always settles.
  const containerDamage = it;

  containerDamage('the damaged workbooks found earlier are refused with a DataError', async () => {
    for (const name of ['flow-flip-873.xlsx', 'flow-flip-1164.xlsx']) {
      counter.add('xlsx fixtures');
      expect(await importOrRefuse(resolve('test/fuzz/fixtures', name))).toBe('refused');
    }
  });

  containerDamage('raw byte damage to an .xlsx imports or is refused with a DataError', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutationArb, { minLength: 1, maxLength: 4 }), async (mutations) => {
        counter.add('xlsx bytes');
        await importOrRefuse(folder.file(mutate(workbook, mutations), '.xlsx'));
      }),
      { numRuns: fuzzRuns(40) },
    );
  });

  it('a re-zipped .xlsx with a damaged, missing or replaced entry imports or is refused', async () => {
    const change = fc.oneof(
      fc.record({
        kind: fc.constant('mutate' as const),
        mutations: fc.array(mutationArb, { minLength: 1, maxLength: 4 }),
      }),
      fc.record({ kind: fc.constant('drop' as const) }),
      fc.record({
        kind: fc.constant('replace' as const),
        text: fc.constantFrom(
          '',
          '<?xml version="1.0"?>',
          '<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>99999</v></c></row></sheetData></worksheet>',
          '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;">]><x>&b;</x>',
          '<worksheet><sheetData><row r="1048577"><c r="XFE1"><v>1</v></c></row></sheetData></worksheet>',
        ),
      }),
    );
    await fc.assert(
      fc.asyncProperty(fc.nat(), change, async (which, c) => {
        const entries = unzipSync(workbook);
        const name = entryNames[which % entryNames.length];
        if (c.kind === 'drop') delete entries[name];
        else if (c.kind === 'replace') entries[name] = strToU8(c.text);
        else entries[name] = mutate(entries[name], c.mutations);
        counter.add('xlsx entries');
        await importOrRefuse(folder.file(zipSync(entries), '.xlsx'));
      }),
      { numRuns: fuzzRuns(60) },
    );
  });
});
