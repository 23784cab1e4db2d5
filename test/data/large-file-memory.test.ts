/**
 * What keeps a file of hundreds of megabytes within a few times its numbers in memory, checked
 * structurally on a generated file of 60,000 rows (the 500 MB measurement is in `npm run bench`):
 * columns are typed arrays and no row objects or cell strings are kept, a prepared series holds
 * typed arrays and makes no time labels until they are read, and the automatic choices before
 * training work on a bounded stretch of a long series.
 */
import { describe, expect, it } from 'vitest';
import { loadTable } from '../../src-main/data/import/load-table';
import { prepareSeries } from '../../src-main/data/prepare/series';
import { ETS_FIT_SPAN, etsFitStretch, fitEts } from '../../src-main/forecast/exponential-smoothing-fit';
import { earliestOrigin } from '../../src-main/forecast/rolling-origins';
import { detectSeasonalPeriod, MAX_SEARCH_VALUES } from '../../src-main/forecast/seasonality';
import { parseSpec } from '../../src-main/shared/spec';
import { trainingTable } from '../../src-main/experiment/training-table';
import { tempFile } from './helpers';

const ROWS = 60_000;

function generatedCsv(): string {
  const lines = ['a,b,c,target'];
  for (let i = 0; i < ROWS; i++) {
    const season = Math.sin((i * 2 * Math.PI) / 24) * 50;
    lines.push(
      `${(season + (i % 7)).toFixed(3)},${(i % 13) - 6},${(season / 3).toFixed(2)},${(2 * season).toFixed(3)}`,
    );
  }
  return `${lines.join('\n')}\n`;
}

describe('a large numeric file in memory', () => {
  it('is held as one Float64Array per column, with no rows or cell strings', async () => {
    const { table } = await loadTable(tempFile(generatedCsv()));
    expect(table.rowCount).toBe(ROWS);
    expect(Object.keys(table).sort()).toEqual(['columns', 'rowCount']);
    for (const c of table.columns) {
      expect(c.type).toBe('numeric');
      expect(c.values).toBeInstanceOf(Float64Array);
      expect(c.values.length).toBe(ROWS);
      // The filled part is kept, not a buffer grown far past it.
      expect((c.values as Float64Array).buffer.byteLength).toBeLessThanOrEqual(ROWS * 8 * 1.15);
    }
  });

  it('prepares a series of typed arrays and makes its time labels only when they are read', async () => {
    const { table } = await loadTable(tempFile(generatedCsv()));
    const parsed = parseSpec({ data: { file: '/x.csv', targetColumns: ['target'], featureColumns: ['a'] } });
    if (!parsed.ok) throw new Error('spec');
    const [series] = prepareSeries(table, parsed.spec.data);
    expect(series.target).toBeInstanceOf(Float64Array);
    expect(series.target.length).toBe(ROWS);
    expect(series.features[0].values).toBeInstanceOf(Float64Array);
    expect(series.time).toBeNull();
    const labels = Object.getOwnPropertyDescriptor(series, 'timeLabels');
    expect(labels?.get).toBeTypeOf('function');
    expect(labels && 'value' in labels).toBe(false);
    expect(series.timeLabels.slice(0, 2)).toEqual(['1', '2']);
    expect(series.timeLabels[ROWS - 1]).toBe(String(ROWS));
    // Made once: the second read is the same array.
    expect(series.timeLabels).toBe(series.timeLabels);
  });
});

describe('automatic choices on a long series', () => {
  it('fits exponential smoothing on the latest values only', () => {
    const n = ETS_FIT_SPAN * 3;
    const y = new Float64Array(n);
    // A wild first part and a calm, seasonal latest part: the weights follow the latest part.
    for (let i = 0; i < n; i++) {
      const wild = i < n - ETS_FIT_SPAN ? Math.sin(i * 1.7) * 400 + (i % 5) * 90 : 0;
      y[i] = 500 + 20 * Math.sin((2 * Math.PI * i) / 12) + wild;
    }
    const latest = y.slice(n - ETS_FIT_SPAN);
    expect(fitEts(y, n, 12)).toEqual(fitEts(latest, latest.length, 12));
    // A series within the span is fitted on all of it, as before.
    const short = y.subarray(0, ETS_FIT_SPAN);
    expect(etsFitStretch(short, short.length, 12).values).toBe(short);
    expect(etsFitStretch(y, n, 12).values).toEqual(latest);
  });

  it('searches for a season in the latest values of a series longer than the search reads', () => {
    const n = MAX_SEARCH_VALUES + 50_000;
    const y = new Float64Array(n);
    // Period 7 in the early part, period 12 in the latest part.
    for (let i = 0; i < n; i++)
      y[i] = i < n - MAX_SEARCH_VALUES ? Math.sin((2 * Math.PI * i) / 7) : Math.sin((2 * Math.PI * i) / 12);
    expect(detectSeasonalPeriod(y, null).period).toBe(12);
  });

  it('finds the earliest of millions of origins (spreading them into Math.min overflows the stack)', () => {
    const origins = new Int32Array(1_000_000);
    for (let i = 0; i < origins.length; i++) origins[i] = 3_000_000 - i;
    expect(() => Math.min(...Array.from(origins))).toThrow(RangeError);
    expect(earliestOrigin(origins)).toBe(2_000_001);
    expect(earliestOrigin(Array.from(origins))).toBe(2_000_001);
  });
});

describe('the table a forecast run keeps', () => {
  it('keeps only the columns the spec reads, for forecasts', async () => {
    const { table } = await loadTable(tempFile('a,b,c,target\n1,2,3,4\n5,6,7,8\n'));
    const forecast = parseSpec({ data: { file: '/x.csv', targetColumns: ['target'], featureColumns: ['b'] } });
    if (!forecast.ok) throw new Error('spec');
    const kept = trainingTable(table, forecast.spec);
    expect(kept.columns.map((c) => c.name)).toEqual(['b', 'target']);
    expect(kept.rowCount).toBe(2);
    // The kept columns are the same arrays, not copies.
    expect(kept.columns[1].values).toBe(table.columns[3].values);
    const classify = parseSpec({
      task: 'sequence-classification',
      data: { file: '/x.csv', targetColumns: ['target'] },
    });
    if (!classify.ok) throw new Error('spec');
    expect(trainingTable(table, classify.spec)).toBe(table);
  });
});
