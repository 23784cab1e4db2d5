/** Missing values and too-short files are reported at import, not discovered after training. */
import { describe, expect, it } from 'vitest';
import { loadTable } from '../../../src-main/data/import/load-table';
import { tempFile } from '../helpers';

describe('missing values in the summary', () => {
  it('counts them per column and says how they are filled', async () => {
    const rows = ['date,temp,rain'];
    for (let i = 0; i < 40; i++)
      rows.push(`2020-01-${String((i % 28) + 1).padStart(2, '0')},${i % 5 === 0 ? '' : i},${i === 3 ? '' : 1}`);
    const { summary } = await loadTable(tempFile(rows.join('\n')));
    expect(summary.missingValues).toEqual([
      { column: 'temp', count: 8 },
      { column: 'rain', count: 1 },
    ]);
    const temp = summary.problems.find((p) => p.column === 'temp' && /missing/.test(p.message));
    expect(temp?.message).toMatch(/8 missing values \(20% of the rows\).*interpolated/);
    expect(summary.problems.find((p) => p.column === 'rain' && /missing/.test(p.message))?.message).toMatch(
      /1 missing value \(/,
    );
  });

  it('a complete file has no missing-value notes', async () => {
    const { summary } = await loadTable(tempFile('year,flow\n2000,1\n2001,2\n2002,3\n'));
    expect(summary.missingValues).toEqual([]);
    expect(summary.problems.some((p) => /missing value/.test(p.message))).toBe(false);
  });
});

describe('files too short to train', () => {
  it.each([1, 3])('a %i-row file is flagged at import instead of "No problems found"', async (n) => {
    const rows = ['year,flow', ...Array.from({ length: n }, (_, i) => `${2000 + i},${i}`)];
    const { summary } = await loadTable(tempFile(rows.join('\n')));
    const flagged = summary.problems.find((p) => /too few to train/.test(p.message));
    expect(flagged?.severity).toBe('warning');
    expect(flagged?.message).toContain(`only ${n} row`);
  });

  it('a file of a few dozen rows is not flagged', async () => {
    const rows = ['year,flow', ...Array.from({ length: 30 }, (_, i) => `${1900 + i},${i}`)];
    const { summary } = await loadTable(tempFile(rows.join('\n')));
    expect(summary.problems.some((p) => /too few to train/.test(p.message))).toBe(false);
  });
});
