/**
 * Every public series of the quality suite reads as the app reads it: its file loads, the spec
 * the defaults propose targets its column, and the series (or the id of a long-format file) is
 * there with a regular time step and enough values for a split. A broken extract, a renamed
 * column or a misspelt id fails here rather than halfway through `npm run quality`.
 */
import { describe, expect, it } from 'vitest';
import { loadTable } from '../../src-main/data/import/load-table';
import { prepareSeries } from '../../src-main/data/prepare/series';
import { suggestSpec } from '../../src-main/experiment/suggest-spec';
import { withSeasons } from '../../src-main/forecast/seasons-summary';
import { publicCases } from './public-cases';

describe('public quality cases', () => {
  const cases = publicCases();

  it('keeps the written split: tuning and held-out names never overlap', () => {
    const tuning = new Set(cases.filter((c) => c.part === 'tuning').map((c) => c.name));
    const heldOut = cases.filter((c) => c.part === 'held-out').map((c) => c.name);
    expect(heldOut.filter((n) => tuning.has(n))).toEqual([]);
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
  });

  for (const c of cases) {
    it(`reads ${c.name}`, async () => {
      const { table, summary } = withSeasons(await loadTable(c.file));
      const spec = suggestSpec(summary, { target: c.target });
      expect(spec.data.targetColumns).toEqual([c.target]);
      const all = prepareSeries(table, spec.data);
      const series = c.id === undefined ? all[0] : all.find((s) => s.id === c.id);
      expect(series, `series ${c.id ?? ''} in ${c.file}`).toBeDefined();
      expect(series?.target.length).toBeGreaterThanOrEqual(50);
      expect(Array.from(series?.target ?? []).every(Number.isFinite)).toBe(true);
      expect(series?.frequency).not.toBeNull();
    });
  }
});
