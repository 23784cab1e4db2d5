import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../../src-main/model-use/csv-safe';

describe('csvCell', () => {
  it('neutralizes cells a spreadsheet would run as formulas', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+1+2')).toBe("'+1+2");
    expect(csvCell('-2+3')).toBe("'-2+3");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tcmd')).toBe("'\tcmd");
    expect(csvCell('\rcmd')).toBe(`"'\rcmd"`);
  });

  it('keeps plain numbers numeric, negative ones included', () => {
    expect(csvCell(-12.5)).toBe('-12.5');
    expect(csvCell('-12.5')).toBe('-12.5');
    expect(csvCell('-1e-3')).toBe('-1e-3');
    expect(csvCell(3)).toBe('3');
  });

  it('quotes separators and writes missing values as empty cells', () => {
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell(null)).toBe('');
    expect(csvCell(Number.NaN)).toBe('');
  });
});

describe('toCsv', () => {
  it('writes a header and one line per row', () => {
    expect(
      toCsv(
        ['time', 'forecast'],
        [
          ['2020-01-01', -1],
          ['=cmd', 2],
        ],
      ),
    ).toBe("time,forecast\n2020-01-01,-1\n'=cmd,2\n");
  });
});
