import { describe, expect, it } from 'vitest';
import { loadTable } from '../../src-main/data/import/load-table';
import { column } from '../../src-main/data/table';
import { numbers, strings, tempFile } from './helpers';

describe('delimiters', () => {
  const cases: [string, string][] = [
    ['comma', ','],
    ['semicolon', ';'],
    ['tab', '\t'],
    ['pipe', '|'],
  ];
  for (const [label, d] of cases) {
    it(`detects the ${label} delimiter`, async () => {
      const text = [
        ['date', 'sales', 'region'].join(d),
        ['2020-01-01', '10', 'north'].join(d),
        ['2020-01-02', '12.5', 'south'].join(d),
      ].join('\n');
      const { table, summary } = await loadTable(tempFile(text));
      expect(summary.delimiter).toBe(d);
      expect(table.columns.map((c) => c.name)).toEqual(['date', 'sales', 'region']);
      expect(numbers(column(table, 'sales'))).toEqual([10, 12.5]);
      expect(strings(column(table, 'region'))).toEqual(['north', 'south']);
    });
  }

  it('handles CRLF line endings and a trailing newline', async () => {
    const { table } = await loadTable(tempFile('a,b\r\n1,2\r\n3,4\r\n'));
    expect(table.rowCount).toBe(2);
    expect(numbers(column(table, 'b'))).toEqual([2, 4]);
  });
});

describe('header line', () => {
  it("drops the '#' that marks a header line as a comment in instrument exports, and keeps a lone '#'", async () => {
    const { table } = await loadTable(tempFile('#RSS_anchor1, RSS_anchor2\n-0.9,0.3\n0.1,0.2\n'));
    expect(table.columns.map((c) => c.name)).toEqual(['RSS_anchor1', 'RSS_anchor2']);
    const numbered = await loadTable(tempFile('#,name\n1,ann\n2,bob\n'));
    expect(numbered.table.columns.map((c) => c.name)).toEqual(['#', 'name']);
  });
});

describe('decimal comma', () => {
  it('reads European numbers with a semicolon delimiter', async () => {
    const { table, summary } = await loadTable(
      tempFile('Datum;Wert;Menge\n01.02.2020;3,14;1.234,5\n02.02.2020;-2,5;2.000\n'),
    );
    expect(summary.delimiter).toBe(';');
    expect(summary.decimalComma).toBe(true);
    expect(numbers(column(table, 'Wert'))).toEqual([3.14, -2.5]);
    expect(numbers(column(table, 'Menge'))).toEqual([1234.5, 2000]);
    // Day first in European files: 01.02.2020 is 1 February.
    expect(new Date(numbers(column(table, 'Datum'))[0]).toISOString().slice(0, 10)).toBe('2020-02-01');
  });

  it('keeps decimal points in comma-delimited files and strips quoted thousands separators', async () => {
    const { table, summary } = await loadTable(tempFile('x,y\n1.5,"1,234.5"\n2.25,"12"\n'));
    expect(summary.decimalComma).toBe(false);
    expect(numbers(column(table, 'x'))).toEqual([1.5, 2.25]);
    expect(numbers(column(table, 'y'))).toEqual([1234.5, 12]);
  });
});

describe('quoting', () => {
  it('keeps delimiters and newlines inside quoted fields and counts lines right after them', async () => {
    const more = Array.from({ length: 40 }, (_, i) => `${i + 4},plain,${i}`).join('\n');
    const text = `id,comment,value\n1,"hello, world",5\n2,"two\nlines",6\n3,"say ""hi""",oops\n${more}\n`;
    const { table, summary } = await loadTable(tempFile(text));
    expect(table.rowCount).toBe(43);
    expect(strings(column(table, 'comment')).slice(0, 3)).toEqual(['hello, world', 'two\nlines', 'say "hi"']);
    const bad = summary.problems.find((p) => p.column === 'value');
    // Row 3 starts on line 5 because row 2 spans lines 3-4.
    expect(bad?.line).toBe(5);
    expect(bad?.message).toContain("'oops'");
  });
});

describe('encodings', () => {
  const csv = 'name,value\nZürich,1\nMünchen,2\n';
  it('reads UTF-8 with a byte-order mark', async () => {
    const { table, summary } = await loadTable(
      tempFile(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(csv)])),
    );
    expect(summary.encoding).toBe('UTF-8 (BOM)');
    expect(table.columns[0].name).toBe('name');
    expect(strings(column(table, 'name'))).toEqual(['Zürich', 'München']);
  });

  it('reads UTF-16 LE and BE with a byte-order mark', async () => {
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(csv, 'utf16le')]);
    const be = Buffer.from(le);
    for (let i = 0; i < be.length; i += 2) [be[i], be[i + 1]] = [be[i + 1], be[i]];
    for (const [bytes, label] of [
      [le, 'UTF-16 LE'],
      [be, 'UTF-16 BE'],
    ] as const) {
      const { table, summary } = await loadTable(tempFile(bytes));
      expect(summary.encoding).toBe(label);
      expect(strings(column(table, 'name'))).toEqual(['Zürich', 'München']);
      expect(numbers(column(table, 'value'))).toEqual([1, 2]);
    }
  });

  it('falls back to Latin-1 when the file is not UTF-8', async () => {
    const { table, summary } = await loadTable(tempFile(Buffer.from(csv, 'latin1')));
    expect(summary.encoding).toMatch(/Latin-1/);
    expect(strings(column(table, 'name'))).toEqual(['Zürich', 'München']);
  });

  it('switches to Latin-1 when invalid UTF-8 appears only deep in a file', async () => {
    const head = 'name,value\n' + 'plain,1\n'.repeat(20_000);
    const bytes = Buffer.concat([Buffer.from(head), Buffer.from('Köln,2\n', 'latin1')]);
    const { table, summary } = await loadTable(tempFile(bytes));
    expect(summary.encoding).toMatch(/Latin-1/);
    expect(strings(column(table, 'name')).at(-1)).toBe('Köln');
    expect(summary.problems.some((p) => p.message.includes('not valid UTF-8'))).toBe(true);
  });
});

describe('streaming', () => {
  it('reports progress and reads rows across chunk boundaries', async () => {
    const rows = Array.from({ length: 60_000 }, (_, i) => `${i},"q${i}\nx",${i * 0.5}`);
    const path = tempFile(`i,text,half\n${rows.join('\n')}\n`);
    const seen: number[] = [];
    const { table } = await loadTable(path, { onProgress: (f) => seen.push(f) });
    expect(table.rowCount).toBe(60_000);
    const half = numbers(column(table, 'half'));
    expect(half[59_999]).toBe(59_999 * 0.5);
    expect(strings(column(table, 'text'))[12345]).toBe('q12345\nx');
    expect(seen.at(-1)).toBe(1);
    expect(seen.every((f) => f >= 0 && f <= 1)).toBe(true);
  });

  it('stops when the signal aborts', async () => {
    const path = tempFile(`a,b\n${'1,2\n'.repeat(50_000)}`);
    const controller = new AbortController();
    controller.abort();
    await expect(loadTable(path, { signal: controller.signal })).rejects.toThrow(/abort/i);
  });

  it('applies type overrides', async () => {
    const { table, summary } = await loadTable(tempFile('code,v\n1,2\n2,3\n1,4\n'), {
      typeOverrides: { code: 'categorical' },
    });
    expect(column(table, 'code').type).toBe('categorical');
    expect(strings(column(table, 'code'))).toEqual(['1', '2', '1']);
    const c = summary.columns.find((x) => x.name === 'code')!;
    expect(c.detectedType).toBe('numeric');
    expect(c.type).toBe('categorical');
  });
});

describe('numbers as a spreadsheet displays them', () => {
  it('reads currency, percent, accounting brackets and statistical offices missing marks', async () => {
    const csv = [
      'month,revenue,share,cost,temperature,euro',
      'Jan-64,"$1,200.50",12.5%,(300),n/a,"1.200,50 €"',
      'Feb-64,"$1,310.00",13.0 %,(320),:,"-4,00 €"',
      'Mar-64,"-$1,150.25",11.9%,-,..,"EUR 7,5"',
      'Apr-64,"USD 1,402.75",14.1%,"(1,350)",***,"3,00 €"',
      'May-64,"$1,500.00",15.2%,−360,12.5,"1,00 €"',
    ].join('\n');
    const { table, summary } = await loadTable(tempFile(csv));
    expect(numbers(column(table, 'revenue'))).toEqual([1200.5, 1310, -1150.25, 1402.75, 1500]);
    expect(numbers(column(table, 'share'))).toEqual([12.5, 13, 11.9, 14.1, 15.2]);
    expect(numbers(column(table, 'cost'))).toEqual([-300, -320, NaN, -1350, -360]);
    expect(numbers(column(table, 'temperature'))).toEqual([NaN, NaN, NaN, NaN, 12.5]);
    expect(column(table, 'month').type).toBe('datetime');
    // Nothing is reported as a value that is not a number or a date.
    expect(
      summary.problems.filter((p) => /not (numbers|a number|dates|a date)|read as categories/.test(p.message)),
    ).toEqual([]);
    // Decimal commas with a currency sign, in a file of decimal points: a text column, not misread numbers.
    expect(column(table, 'euro').type).not.toBe('numeric');
  });

  it('keeps words and lone signs as what they are', async () => {
    const { table } = await loadTable(tempFile('id,code\n1,$\n2,%\n3,()\n4,USD\n5,abc\n'));
    expect(column(table, 'code').type).toBe('categorical');
  });
});
