import { describe, expect, it } from 'vitest';
import { DataError } from '../../src-main/data/data-error';
import { loadTable } from '../../src-main/data/import/load-table';
import { applyScaler, fitScaler, invertScaler } from '../../src-main/data/prepare/scaler';
import { prepareSeries } from '../../src-main/data/prepare/series';
import { splitOrigins } from '../../src-main/data/prepare/split';
import { WindowSampler } from '../../src-main/data/prepare/windows';
import { detectFrequency } from '../../src-main/data/summary/frequency';
import { parseSpec } from '../../src-main/shared/spec';
import type { Table } from '../../src-main/data/table';
import { tempFile } from './helpers';

function dataSpec(data: Record<string, unknown>) {
  const r = parseSpec({ data: { file: '/x.csv', targetColumns: ['value'], lookback: 2, ...data } });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.spec.data;
}

describe('splitOrigins', () => {
  it('keeps every target inside its segment and inputs in the past', () => {
    const length = 100;
    const opts = { lookback: 10, horizon: 3, stride: 1, validation: 0.2, test: 0.1 };
    const s = splitOrigins(length, opts);
    expect(s.testStart).toBe(90);
    expect(s.validationStart).toBe(70);
    const segments: [Int32Array, number, number][] = [
      [s.train, 0, s.validationStart],
      [s.validation, s.validationStart, s.testStart],
      [s.test, s.testStart, length],
    ];
    for (const [origins, from, to] of segments) {
      expect(origins.length).toBeGreaterThan(0);
      for (const t of origins) {
        expect(t).toBeGreaterThanOrEqual(Math.max(from, opts.lookback));
        expect(t + opts.horizon).toBeLessThanOrEqual(to);
      }
    }
    // Every possible origin is used once (stride 1).
    expect(s.train[0]).toBe(10);
    expect(s.train.at(-1)).toBe(67);
    expect(s.test.at(-1)).toBe(97);
  });

  it('advances origins by the stride', () => {
    const s = splitOrigins(60, { lookback: 5, horizon: 1, stride: 4, validation: 0, test: 0.2 });
    expect(Array.from(s.train)).toEqual([5, 9, 13, 17, 21, 25, 29, 33, 37, 41, 45]);
    expect(s.validation.length).toBe(0);
    expect(s.validationStart).toBe(s.testStart);
  });

  it('explains a series too short for the window', () => {
    const run = () => splitOrigins(30, { lookback: 24, horizon: 1, stride: 1, validation: 0.15, test: 0.15 });
    expect(run).toThrow(DataError);
    expect(run).toThrow(
      'The series has 30 steps; a window of 24 plus a horizon of 1 leaves no training samples once 10 steps are held out for validation and testing. Shorten the window or the horizon, lower the validation and test shares, or use a longer series (at least 35 steps).',
    );
  });
});

describe('WindowSampler', () => {
  it('cuts x and y at the right steps for several features and targets', () => {
    const a = Float32Array.from({ length: 10 }, (_, i) => i);
    const b = Float32Array.from({ length: 10 }, (_, i) => 100 + i);
    const w = new WindowSampler([a, b], [a, b], 3, 2);
    const { x, y, size } = w.batch([3, 5]);
    expect(size).toBe(2);
    expect(Array.from(x)).toEqual([0, 100, 1, 101, 2, 102, 2, 102, 3, 103, 4, 104]);
    expect(Array.from(y)).toEqual([3, 103, 4, 104, 5, 105, 6, 106]);
    expect(() => w.batch([9])).toThrow(RangeError);
  });
});

describe('scaler', () => {
  it('fits on the training part only and inverts exactly', () => {
    const v = [1, 2, 3, 4, 1000];
    const s = fitScaler(v, 'standard', 4);
    expect(s.center).toBeCloseTo(2.5, 12);
    expect(s.scale).toBeCloseTo(Math.sqrt(1.25), 12);
    const scaled = applyScaler(s, v);
    expect(invertScaler(s, scaled[4])).toBeCloseTo(1000, 3);
    const m = fitScaler(v, 'minmax', 4);
    expect([m.center, m.scale]).toEqual([1, 3]);
    expect(Array.from(applyScaler(m, [1, 4]))).toEqual([0, 1]);
  });

  it('gives constant and empty columns scale 1', () => {
    expect(fitScaler([5, 5, 5], 'standard')).toEqual({ kind: 'standard', center: 5, scale: 1 });
    expect(fitScaler([5, 5, 5], 'minmax')).toEqual({ kind: 'minmax', center: 5, scale: 1 });
    expect(fitScaler([NaN], 'standard')).toEqual({ kind: 'standard', center: 0, scale: 1 });
    expect(fitScaler([1, 9], 'none')).toEqual({ kind: 'none', center: 0, scale: 1 });
  });
});

function table(time: (string | number)[], value: number[], extra: Table['columns'] = []): Table {
  return {
    rowCount: value.length,
    columns: [
      {
        name: 'date',
        type: 'datetime',
        values: Float64Array.from(time, (t) => (typeof t === 'number' ? t : Date.parse(t))),
      },
      { name: 'value', type: 'numeric', values: Float64Array.from(value) },
      ...extra,
    ],
  };
}

describe('prepareSeries', () => {
  const days = ['2020-01-03', '2020-01-01', '2020-01-02', '2020-01-02', '2020-01-05', '2020-01-06', '2020-01-07'];
  const values = [30, 10, 20, 22, 50, NaN, 70];

  it('sorts, averages duplicates, inserts missing steps and interpolates', () => {
    const [s] = prepareSeries(table(days, values), dataSpec({ timeColumn: 'date', missing: 'interpolate' }));
    expect(s.timeLabels).toEqual([
      '2020-01-01',
      '2020-01-02',
      '2020-01-03',
      '2020-01-04',
      '2020-01-05',
      '2020-01-06',
      '2020-01-07',
    ]);
    expect(Array.from(s.target)).toEqual([10, 21, 30, 40, 50, 60, 70]);
    expect(s.frequency).toBe('daily');
    expect(s.notes.join(' ')).toMatch(/1 rows with a repeated time stamp were averaged/);
    expect(s.notes.join(' ')).toMatch(/1 missing daily time steps were inserted/);
  });

  it('drops, fills forward or uses the mean as asked', () => {
    const t = table(days, values);
    expect(Array.from(prepareSeries(t, dataSpec({ timeColumn: 'date', missing: 'drop' }))[0].target)).toEqual([
      10, 21, 30, 50, 70,
    ]);
    expect(Array.from(prepareSeries(t, dataSpec({ timeColumn: 'date', missing: 'ffill' }))[0].target)).toEqual([
      10, 21, 30, 30, 50, 50, 70,
    ]);
    const mean = (10 + 21 + 30 + 50 + 70) / 5;
    expect(Array.from(prepareSeries(t, dataSpec({ timeColumn: 'date', missing: 'mean' }))[0].target)).toEqual([
      10,
      21,
      30,
      mean,
      50,
      mean,
      70,
    ]);
  });

  it('one-hot encodes categorical features and adds calendar features', () => {
    const t = table(
      ['2021-03-01', '2021-03-02', '2021-03-03', '2021-03-04', '2021-03-05'],
      [1, 2, 3, 4, 5],
      [{ name: 'promo', type: 'categorical', values: ['yes', 'no', null, 'yes', 'no'] }],
    );
    const [s] = prepareSeries(
      t,
      dataSpec({ timeColumn: 'date', featureColumns: ['promo'], calendarFeatures: ['weekday', 'month'], lookback: 1 }),
    );
    expect(s.features.map((f) => f.name)).toEqual(['promo=no', 'promo=yes', 'calendar.weekday', 'calendar.month']);
    expect(Array.from(s.features[1].values)).toEqual([1, 0, 0, 1, 0]);
    // 2021-03-01 was a Monday (weekday 0).
    expect(Array.from(s.features[2].values)).toEqual([0, 1, 2, 3, 4]);
    expect(s.features[3].knownFuture).toBe(true);
  });

  it('splits long format into one series per id', async () => {
    const path = new URL('../../resources/samples/iowa-electricity-long.csv', import.meta.url).pathname;
    const { table: t } = await loadTable(path);
    const series = prepareSeries(
      t,
      dataSpec({ timeColumn: 'year', idColumn: 'source', targetColumns: ['net_generation'] }),
    );
    expect(series.map((s) => s.id)).toEqual(['Fossil Fuels', 'Nuclear Energy', 'Renewables']);
    for (const s of series) {
      expect(s.target.length).toBe(17);
      expect(s.frequency).toBe('yearly');
    }
  });

  it('rejects a missing or non-numeric target and too few rows', async () => {
    const t = table(days, values, [{ name: 'label', type: 'categorical', values: days.map(() => 'x') }]);
    expect(() => prepareSeries(t, dataSpec({ targetColumns: ['nope'] }))).toThrow(
      "The target column 'nope' is not in this file. Its columns are 'date', 'value', 'label'.",
    );
    expect(() => prepareSeries(t, dataSpec({ targetColumns: ['label'] }))).toThrow(
      /holds categorical values, not numbers/,
    );
    expect(() => prepareSeries(t, dataSpec({ timeColumn: 'date', lookback: 10 }))).toThrow(
      'the series has 7 rows after preparation; a window of 10 plus a horizon of 1 needs at least 12. Shorten the window or use more data.',
    );
  });

  it('uses row order without a time column', async () => {
    const { table: t } = await loadTable(tempFile('value\n3\n\n1\n2\n5\n'));
    const [s] = prepareSeries(t, dataSpec({ missing: 'drop', lookback: 1 }));
    expect(s.time).toBeNull();
    expect(Array.from(s.target)).toEqual([3, 1, 2, 5]);
    expect(s.timeLabels).toEqual(['1', '2', '3', '4']);
  });
});

describe('frequency', () => {
  it('finds the step despite a gap and counts the missing steps', () => {
    const t = ['2020-01-01', '2020-02-01', '2020-04-01'].map((d) => Date.parse(d));
    expect(detectFrequency(t)).toEqual({ frequency: 'monthly', gaps: 1, duplicates: 0, sorted: true });
    const q = ['2020-07-01', '2020-01-01', '2020-04-01', '2020-04-01', '2021-01-01'].map((d) => Date.parse(d));
    expect(detectFrequency(q)).toEqual({ frequency: 'quarterly', gaps: 1, duplicates: 1, sorted: false });
    const odd = [0, 1, 5, 6, 17, 30].map((h) => h * 3_600_000 * 7.3);
    expect(detectFrequency(odd).frequency).toBe('irregular');
  });
});
