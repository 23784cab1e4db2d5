/**
 * Large quote-free files take a fast line splitter; quoted files go through papaparse. Both
 * must give the same table, across 1 MiB chunk boundaries and for every line ending.
 */
import { describe, expect, it } from 'vitest';
import { loadTable } from '../../src-main/data/import/load-table';
import { tempFile } from './helpers';

function rows(n: number, quote: boolean): string[] {
  const q = (s: string) => (quote ? `"${s}"` : s);
  const out: string[] = [];
  for (let i = 0; i < n; i++) {
    const day = new Date(Date.UTC(2000, 0, 1) + i * 3_600_000).toISOString().slice(0, 19);
    // Some cells take the slow parsers: exponent, missing marker, stray text, blank.
    const v =
      i % 997 === 0
        ? '1e3'
        : i % 991 === 0
          ? 'NA'
          : i % 1999 === 0
            ? 'bad'
            : i % 983 === 0
              ? ''
              : ((i * 7919) % 100_003) / 1000;
    out.push(`${day},${v},${q(`name ${i % 13}`)},-${i}.5`);
  }
  return out;
}

describe('fast path', () => {
  for (const [label, nl] of [
    ['LF', '\n'],
    ['CRLF', '\r\n'],
    ['CR', '\r'],
  ] as const) {
    it(`matches the quoted (papaparse) reading with ${label} line endings`, async () => {
      const n = 25_000;
      const plain = rows(n, false);
      // A short row, a long row and a blank line in the second 1 MiB chunk exercise the general path.
      plain.splice(24_000, 0, '2001-01-01T00:00:00,1', '', '2001-01-01T00:00:00,1,x,2,EXTRA');
      const quoted = rows(n, true);
      quoted.splice(24_000, 0, '2001-01-01T00:00:00,1', '', '2001-01-01T00:00:00,1,x,2,EXTRA');
      const header = `time,value,name,neg${nl}`;
      const a = await loadTable(tempFile(header + plain.join(nl) + nl));
      const b = await loadTable(tempFile(header + quoted.join(nl) + nl));
      expect(a.summary.sizeBytes).toBeGreaterThan(1 << 20);
      expect(a.table.rowCount).toBe(n + 1);
      expect(a.table.columns).toEqual(b.table.columns);
      expect(a.summary.problems).toEqual(b.summary.problems);
      expect(a.summary.problems.map((p) => p.line)).toContain(24_002);
    });
  }
});
