/** The form's series picker lists a long file's series from the summary, in file order. */
import { describe, expect, it } from 'vitest';
import { loadTable } from '../../../src-main/data/import/load-table';
import { MAX_SERIES_IDS, seriesIdsOf } from '../../../src-main/data/summary/series-ids';
import type { Table } from '../../../src-main/data/table';
import { tempFile } from '../helpers';

describe('series ids in the summary', () => {
  it("lists a long file's ids once each, in the order the file first shows them", async () => {
    const rows = ['store,month,sales'];
    for (const store of ['north', 'south', 'east']) {
      for (let m = 1; m <= 12; m++) rows.push(`${store},2020-${String(m).padStart(2, '0')}-01,${m * 3}`);
    }
    // Rows of one store need not be together.
    rows.push('north,2021-01-01,40');
    const { summary } = await loadTable(tempFile(rows.join('\n')));
    expect(summary.layout).toBe('long');
    expect(summary.idColumn).toBe('store');
    expect(summary.seriesIds).toEqual(['north', 'south', 'east']);
  });

  it('has none for a file of one series', async () => {
    const rows = [
      'month,sales',
      ...Array.from({ length: 12 }, (_, m) => `2020-${String(m + 1).padStart(2, '0')}-01,${m}`),
    ];
    const { summary } = await loadTable(tempFile(rows.join('\n')));
    expect(summary.seriesIds ?? null).toBeNull();
  });

  it('skips missing ids and stops at the bound', () => {
    const n = MAX_SERIES_IDS + 5;
    const table: Table = {
      rowCount: n + 1,
      columns: [{ name: 'id', type: 'categorical', values: [null, ...Array.from({ length: n }, (_, i) => `s${i}`)] }],
    };
    const ids = seriesIdsOf(table, 'id');
    expect(ids).toHaveLength(MAX_SERIES_IDS);
    expect(ids?.[0]).toBe('s0');
    expect(seriesIdsOf(table, 'nope')).toBeNull();
  });
});
