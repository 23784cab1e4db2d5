/** Every kind of unusable input fails with a DataError that says where and what to do, or warns. */
import { describe, expect, it } from 'vitest';
import { DataError } from '../../src-main/data/data-error';
import { loadTable } from '../../src-main/data/import/load-table';
import { column } from '../../src-main/data/table';
import { numbers, tempFile } from './helpers';

async function failure(content: string | Uint8Array, ext = '.csv'): Promise<DataError> {
  const err = await loadTable(tempFile(content, ext)).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(DataError);
  return err as DataError;
}

const rows = (n: number, make: (i: number) => string) => Array.from({ length: n }, (_, i) => make(i)).join('\n');

describe('bad input', () => {
  it('empty file', async () => {
    expect((await failure('')).message).toBe('The file is empty: it has no header line and no data.');
    expect((await failure('\n\n  \n')).message).toMatch(/empty/);
  });

  it('header only', async () => {
    const e = await failure('date,value\n');
    expect(e.message).toBe(
      'The file has a header line but no data rows. Add data below the header or choose another file.',
    );
  });

  it('binary data', async () => {
    const bytes = new Uint8Array(256).map((_, i) => (i * 37) % 256);
    expect((await failure(bytes)).message).toMatch(/binary data/);
    expect((await failure(new Uint8Array([0x25, 0x50, 0x44, 0x46, 1, 2]))).message).toMatch(/PDF/);
  });

  it('missing file and folders', async () => {
    const err = await loadTable('/no/such/file.csv').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(DataError);
    expect((err as Error).message).toBe("The file '/no/such/file.csv' does not exist. Check the path.");
  });

  it('devices are named as devices, not read (and never reported as empty)', async () => {
    for (const device of ['/dev/zero', '/dev/null']) {
      const err = await loadTable(device).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(DataError);
      expect((err as Error).message).toBe(`"${device}" is a device, not a data file. Choose a regular data file.`);
    }
  });

  it('short rows are padded with missing values and reported', async () => {
    const text = `a,b,c\n${rows(20, (i) => `${i},${i},${i}`)}\n7,8\n`;
    const { table, summary } = await loadTable(tempFile(text));
    expect(table.rowCount).toBe(21);
    expect(Number.isNaN(numbers(column(table, 'c'))[20])).toBe(true);
    const p = summary.problems.find((x) => x.line === 22)!;
    expect(p.severity).toBe('warning');
    expect(p.message).toBe(
      'Line 22 has 2 fields but the header has 3; the missing fields of 1 short line are treated as missing values.',
    );
  });

  it('a rare long row is skipped with a warning naming its line', async () => {
    const text = `a,b\n${rows(10, (i) => `${i},${i}`)}\n1,2,3\n${rows(400, (i) => `${i},${i}`)}\n`;
    const { table, summary } = await loadTable(tempFile(text));
    expect(table.rowCount).toBe(410);
    const p = summary.problems.find((x) => x.line === 12)!;
    expect(p.message).toMatch(/^Line 12 has 3 fields but the header has 2; 1 such line was skipped/);
  });

  it('many long rows stop the import with advice about the delimiter', async () => {
    const text = `a,b\n${rows(10, (i) => `${i},${i}`)}\n${rows(10, (i) => `${i},${i},${i}`)}\n`;
    const e = await failure(text);
    expect(e.message).toMatch(
      /^Line 12 has 3 fields but the header has 2, and \d+ lines are like this\. Check that the delimiter is ',' and that values containing it are in double quotes\.$/,
    );
    expect(e.line).toBe(12);
  });

  it('all-missing column', async () => {
    const { summary } = await loadTable(tempFile(`a,empty\n${rows(5, (i) => `${i},`)}\n`));
    expect(summary.problems).toContainEqual({
      severity: 'warning',
      message: "Column 'empty' has no values at all; leave it out of the experiment.",
      column: 'empty',
    });
  });

  it('non-numeric values in a mostly numeric column', async () => {
    const text = `t,v\n${rows(40, (i) => `${i},${i * 2}`)}\n41,abc\n42,NA\n43,n/a\n44,xyz\n`;
    const { table, summary } = await loadTable(tempFile(text));
    expect(column(table, 'v').type).toBe('numeric');
    const v = numbers(column(table, 'v'));
    expect(v.slice(40).every(Number.isNaN)).toBe(true);
    const p = summary.problems.find((x) => x.column === 'v')!;
    // "NA" and "n/a" are missing markers, not bad values: two bad ones, first on line 42.
    expect(p.message).toBe(
      "Column 'v': 2 values are not numbers, first at line 42 ('abc'). They are treated as missing; if the column is not numeric, change its type.",
    );
    expect(p.line).toBe(42);
  });

  it('an unclosed quote names its line', async () => {
    const e = await failure('a,b\n1,2\n3,"open\n5,6\n');
    expect(e.message).toBe(
      `The quoted field starting on line 3 never closes (no matching '"'). Check the quotes on that line.`,
    );
  });

  it('a corrupt xlsx', async () => {
    expect((await failure('not a zip', '.xlsx')).message).toMatch(/This \.xlsx file could not be read/);
  });

  it('an empty text corpus', async () => {
    expect((await failure('\n \n', '.txt')).message).toBe('The file is empty: it holds no text.');
  });
});
