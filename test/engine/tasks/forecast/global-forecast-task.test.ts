/**
 * One network over every series of a file: windows from all series in one batch stream, each
 * series scaled on its own, too-short series left out with the reason, and scores per series
 * beside that series' baselines plus the aggregate.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { metricsFile, summaryText } from '../../../../src-main/cli/commands/train-output';
import { runEvaluate } from '../../../../src-main/cli/commands/evaluate';
import { loadTable } from '../../../../src-main/data/import/load-table';
import { pickSeries, prepareEverySeries } from '../../../../src-main/data/prepare/multi-series';
import type { Table } from '../../../../src-main/data/table';
import {
  globalScores,
  globalSource,
  prepareGlobal,
} from '../../../../src-main/engine/tasks/forecast/global-forecast-task';
import { runForecast } from '../../../../src-main/cli/commands/forecast';
import { everySeriesForecastCsv, forecastFuture, predictFile, runBacktest } from '../../../../src-main/model-use/index';
import type { PreprocessingFile } from '../../../../src-main/shared/preprocessing';
import { parseSpec, type ExperimentSpecInput } from '../../../../src-main/shared/spec';
import { loadTf } from '../../../../src-main/tensorflow/load-tf';
import { readFile } from 'node:fs/promises';
import type { ForecastEvaluation, RegressionMetrics, RunResult } from '../../../../src-main/shared/types';
import { quickTraining, trainRun } from '../../../model-use/train-run';
import { relatedSeries, writeLongCsv } from '../../../quality/related-series';

let dir = '';
let file = '';
const SERIES = relatedSeries(8, 5, 60, 90);
// One series too short to window, one id seen once.
SERIES.push({ id: 'short', start: 0, values: Float64Array.from({ length: 10 }, (_, i) => i) });
SERIES.push({ id: 'once', start: 3, values: Float64Array.of(7) });
// Long enough for one window, too short for a training, validation and test part.
SERIES.push({ id: 'edge', start: 5, values: Float64Array.from({ length: 15 }, (_, i) => 3 + (i % 4)) });

function specOf(extra: Partial<ExperimentSpecInput['data']> = {}) {
  const r = parseSpec({
    data: {
      file,
      timeColumn: 'month',
      idColumn: 'id',
      targetColumns: ['value'],
      lookback: 12,
      series: { scope: 'all' },
      ...extra,
    },
    model: { layers: [{ units: 8 }] },
    training: quickTraining(3),
  });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.spec;
}

/** A wide monthly table from 2000-01: a date column, then one numeric column per series. */
function wideMonthly(n: number, series: Record<string, (t: number) => number>): Table {
  const col = (f: (t: number) => number) => Float64Array.from({ length: n }, (_, t) => f(t));
  return {
    rowCount: n,
    columns: [
      { name: 'date', type: 'datetime', values: col((t) => Date.UTC(2000, t, 1)) },
      ...Object.entries(series).map(([name, f]) => ({ name, type: 'numeric' as const, values: col(f) })),
    ],
  };
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'global-forecast-'));
  file = path.join(dir, 'stores.csv');
  await writeLongCsv(file, SERIES);
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('windows from every series', () => {
  it('builds each window with its own series scaling, and leaves out series too short to window', async () => {
    const { table } = await loadTable(file);
    const spec = specOf();
    const all = prepareEverySeries(table, spec.data);
    expect(all.map((s) => s.id)).not.toContain('once');
    expect(all.map((s) => s.id)).not.toContain('short');
    expect(all[0].notes.join(' ')).toContain("'once' (the series 'once' has a single row)");
    expect(all[0].notes.join(' ')).toContain("'short' (the series 'short' has 10 rows after preparation");
    const messages: string[] = [];
    const { data, leftOut } = prepareGlobal(all, spec, undefined, (m) => messages.push(m));
    expect(data.map((d) => d.series.id)).toEqual(SERIES.slice(0, 8).map((s) => s.id));
    // Each series takes its own season search and transform choice: the user sees how far they are.
    expect(messages[0]).toBe('preparing every series 0%');
    expect(messages.at(-1)).toBe('preparing every series 100%');
    const percents = messages.map((m) => Number(/ (\d+)%$/.exec(m)?.[1]));
    expect(percents).toEqual([...percents].sort((a, b) => a - b));
    expect(leftOut).toHaveLength(1);
    expect(leftOut[0]).toMatch(/^'edge': /);

    const source = globalSource(data);
    const perSeries = data.reduce((n, d) => n + d.split.train.length, 0);
    expect(source.train.length).toBe(perSeries);
    // A global origin in the third series gives exactly that series' own window and target.
    const offset = data[0].series.target.length + data[1].series.target.length;
    const local = data[2].split.train[5];
    const mixed = source.nextBatch(Int32Array.of(source.train[0], offset + local));
    const own = data[2].source.nextBatch(Int32Array.of(local));
    const xSize = source.xShape[0] * source.xShape[1];
    expect(Array.from(mixed.x.subarray(xSize))).toEqual(Array.from(own.x));
    expect(Array.from(mixed.y.subarray(1))).toEqual(Array.from(own.y));
    // Each series is scaled on its own: the levels differ by up to 100×, the scaled inputs do not.
    const spread = (x: Float32Array) => Math.max(...x.map(Math.abs));
    expect(spread(mixed.x.subarray(0, xSize))).toBeLessThan(10);
    expect(spread(mixed.x.subarray(xSize))).toBeLessThan(10);
  });

  it("keeps each series' drift visible: the target's changes are scaled without removing their mean", () => {
    const table = wideMonthly(60, {
      growing: (t) => 100 + 2 * t + (t % 3),
      shrinking: (t) => 500 - 2 * t + (t % 3),
    });
    const spec = specOf({
      timeColumn: 'date',
      idColumn: null,
      targetColumns: ['growing', 'shrinking'],
      targetTransform: 'difference',
      series: { scope: 'all', wide: true },
    });
    const { data } = prepareGlobal(prepareEverySeries(table, spec.data), spec);
    const [growing, shrinking] = data.map((d) => d.inputs[0].scaler);
    expect(growing.center).toBe(0);
    expect(shrinking.center).toBe(0);
    // The same windows standardised per series would both average zero; here their signs differ.
    const meanInput = (i: number) => {
      const { x } = data[i].source.nextBatch(data[i].split.train);
      return x.reduce((a, b) => a + b, 0) / x.length;
    };
    expect(meanInput(0)).toBeGreaterThan(0.5);
    expect(meanInput(1)).toBeLessThan(-0.5);
  });

  it('reads a wide file as one series per target column', () => {
    const table = wideMonthly(40, { north: (t) => 100 + t, south: (t) => 5 + (t % 12) });
    const spec = specOf({
      timeColumn: 'date',
      idColumn: null,
      targetColumns: ['north', 'south'],
      series: { scope: 'all', wide: true },
    });
    const all = prepareEverySeries(table, spec.data);
    expect(all.map((s) => s.id)).toEqual(['north', 'south']);
    expect(all[1].target[3]).toBe(8);
    // Each column is its own series, not an input of the other.
    expect(all[0].features.map((f) => f.name)).not.toContain('south');
  });

  it("trains on the one series the spec names, and names the file's series when it is not there", async () => {
    const { table } = await loadTable(file);
    const all = prepareEverySeries(table, specOf().data);
    expect(pickSeries(all, specOf({ series: { scope: 'one', id: 's004' } }).data).map((s) => s.id)).toEqual(['s004']);
    expect(pickSeries(all, specOf({ series: { scope: 'one' } }).data).map((s) => s.id)).toEqual(['s001']);
    expect(() => pickSeries(all, specOf({ series: { scope: 'one', id: 'nope' } }).data)).toThrow(
      "The series 'nope' is not in this file (or was left out as too short). Its series are 's001', 's002'",
    );
  });
});

describe('global scores', () => {
  const m = (mae: number): RegressionMetrics => ({ rmse: mae, mae, r2: 0, mape: null, smape: null });
  it('averages each series’ error scaled by its own naive error', () => {
    const g = globalScores([
      { id: 'a', metrics: m(1), naive: m(2), seasonalNaive: m(4), scaledError: 0.5 },
      { id: 'b', metrics: m(3), naive: m(2), seasonalNaive: null, scaledError: 1.5 },
    ]);
    expect(g.aggregate.meanScaledError).toBe(1);
    expect(g.aggregate.seasonalNaiveScaledError).toBe(2);
    expect(g.aggregate.seriesBeatingBaselines).toBe(1);
    expect(g.aggregate.seriesCount).toBe(2);
  });
});

describe('a global run', () => {
  let result: RunResult;
  let runDir = '';
  beforeAll(async () => {
    runDir = path.join(dir, 'run');
    result = await trainRun(specOf() as ExperimentSpecInput, runDir);
  });

  it('scores every series beside its own baselines, with the aggregate', () => {
    const ev = result.evaluation as ForecastEvaluation;
    const g = ev.global;
    expect(g?.series.map((s) => s.id)).toEqual(SERIES.slice(0, 8).map((s) => s.id));
    for (const s of g?.series ?? []) {
      expect(s.scaledError).toBeCloseTo(s.metrics.mae / s.naive.mae, 10);
      expect(s.seasonalNaive).not.toBeNull();
    }
    expect(g?.aggregate.meanScaledError).toBeGreaterThan(0);
    // The runs table ranks the run by its score over every series, not by the first series' RMSE.
    expect(result.headline).toEqual({ scaledError: g?.aggregate.meanScaledError });
    // Each series' own chart for the results' series picker, at that series' own level.
    const fourth = g?.charts?.[SERIES[3].id];
    expect(fourth?.actual).toEqual(Array.from(SERIES[3].values, (v) => Number(v.toFixed(4))));
    expect(fourth?.predicted.some((p) => p !== null)).toBe(true);
    expect(ev.verdict).toMatch(/^Across 8 series the model's mean scaled error is /);
    expect(result.log.join('\n')).toMatch(/One network is trained over 8 series/);
    expect(result.log.join('\n')).toMatch(/Series left out as too short: 'short' \(/);
    expect(result.log.join('\n')).toMatch(/1 series left out: 'edge': /);
  });

  it('writes the series list and the aggregate, not the first series’ scores, in metrics.json and evaluate', async () => {
    const metrics = metricsFile(result) as Record<string, unknown> & {
      series: { id: string }[];
      aggregate: { seriesCount: number; meanScaledError: number };
    };
    expect(metrics.series).toHaveLength(8);
    expect(metrics.aggregate.seriesCount).toBe(8);
    expect(metrics.scaledError).toBe(metrics.aggregate.meanScaledError);
    // The first series' figures alone, in its own units, would read as the run's.
    for (const key of ['test', 'naive', 'seasonalNaive', 'targetTransform']) expect(metrics).not.toHaveProperty(key);
    const out: string[] = [];
    const code = await runEvaluate(['--run', runDir, '--json'], { out: (s) => out.push(s), err: () => undefined });
    expect(code).toBe(0);
    const json = JSON.parse(out.join('')) as {
      series: { id: string; naive: RegressionMetrics }[];
      evaluation: Record<string, unknown>;
    };
    expect(json.series.map((s) => s.id)).toEqual(SERIES.slice(0, 8).map((s) => s.id));
    expect(json.series[0].naive.mae).toBeGreaterThan(0);
    expect(json.evaluation).not.toHaveProperty('metrics');
    expect(json.evaluation).not.toHaveProperty('baselines');
    const text: string[] = [];
    expect(await runEvaluate(['--run', runDir], { out: (s) => text.push(s), err: () => undefined })).toBe(0);
    expect(text.join('\n')).toMatch(
      /^Run .*\nTest split, 8 series, 1 step\(s\) ahead:\nAcross 8 series the model's mean scaled error is /,
    );
    expect(text.join('\n')).toMatch(/the 5 hardest of 8:/);
    expect(text.join('\n')).not.toMatch(/^ {2}model /m);
    // `recurrent train` ends with the same report, not the first series' table in its own units.
    const summary = summaryText(result, runDir);
    expect(summary).toMatch(
      /\nTest split, 8 series, 1 step\(s\) ahead:\nAcross 8 series the model's mean scaled error is /,
    );
    expect(summary).toMatch(/the 5 hardest of 8:\n {2}s0\d\d /);
    expect(summary).not.toMatch(/^ {2}model +RMSE/m);
    expect(summary).not.toMatch(/in original units/);
  });

  it("saves every series' own scalers and forecasts any series by id at its own level", async () => {
    const pre = JSON.parse(
      await readFile(path.join(result.modelDir ?? '', 'preprocessing.json'), 'utf8'),
    ) as PreprocessingFile;
    expect(pre.series?.map((s) => s.id)).toEqual(SERIES.slice(0, 8).map((s) => s.id));
    const scales = new Set(pre.series?.map((s) => s.inputs[0].scaler.scale));
    expect(scales.size).toBe(8);

    const { tf } = await loadTf();
    // The levels differ by up to 100×: each series' forecast stays near its own last values.
    for (const id of ['s001', 's006']) {
      const truth = SERIES.find((s) => s.id === id)!.values;
      const f = await forecastFuture(tf, runDir, { steps: 3, levels: [], series: id });
      const recent = Array.from(truth.subarray(truth.length - 12));
      const [lo, hi] = [Math.min(...recent), Math.max(...recent)];
      const margin = hi - lo;
      for (const p of f.point) {
        expect(p).toBeGreaterThan(lo - margin);
        expect(p).toBeLessThan(hi + margin);
      }
      expect(f.history.values.at(-1)).toBeCloseTo(truth[truth.length - 1], 3);
    }
    await expect(forecastFuture(tf, runDir, { steps: 3, levels: [], series: 'nope' })).rejects.toThrow(
      "The model has no series 'nope'. Its series are 's001', 's002'",
    );
  });

  it('forecasts every series into one CSV with the id first', async () => {
    const { tf } = await loadTf();
    const every = await everySeriesForecastCsv(tf, runDir, { steps: 2, levels: [0.8] });
    const lines = every.csv.trim().split(/\r?\n/);
    expect(lines[0]).toBe('id,time,forecast,lower_80,upper_80');
    expect(lines).toHaveLength(1 + 8 * 2);
    expect(lines.slice(1).map((l) => l.split(',')[0])).toEqual(SERIES.slice(0, 8).flatMap((s) => [s.id, s.id]));
    // Each series continues from its own last month: s001's first forecast is the month after its data.
    const s1 = SERIES[0];
    const next = new Date(Date.UTC(2000, s1.start + s1.values.length, 1)).toISOString().slice(0, 10);
    expect(lines[1].split(',')[1]).toBe(next);

    const out: string[] = [];
    const io = { out: (s: string) => out.push(s), err: () => undefined };
    expect(await runForecast(['--run', runDir, '--steps', '1', '--series', 's002', '--json'], io)).toBe(0);
    const one = JSON.parse(out.join('')) as { time: string[]; history: { values: number[] } };
    expect(one.history.values.at(-1)).toBeCloseTo(SERIES[1].values.at(-1) ?? NaN, 3);
  });

  it('predicts a file of many series, each with its own scaling', async () => {
    const { tf } = await loadTf();
    const out = await predictFile(tf, runDir, file, path.join(dir, 'predictions.csv'));
    const rows = (await readFile(out.file ?? '', 'utf8'))
      .trim()
      .split(/\r?\n/)
      .slice(1)
      .map((l) => l.split(','));
    expect(out.header.slice(0, 3)).toEqual(['id', 'time', 'actual']);
    expect(new Set(rows.map((r) => r[0]))).toEqual(new Set(SERIES.slice(0, 8).map((s) => s.id)));
    // One-step forecasts land near each series' own values, whatever its level.
    for (const id of ['s001', 's005']) {
      const own = rows.filter((r) => r[0] === id && r[2] !== '');
      const err = own.reduce((a, r) => a + Math.abs(Number(r[3]) - Number(r[2])), 0) / own.length;
      const level = own.reduce((a, r) => a + Math.abs(Number(r[2])), 0) / own.length;
      expect(err).toBeLessThan(0.3 * level);
    }
    expect(out.problems.join(' ')).toContain("The series 'edge' was not among the series the model was trained on");
  });

  it('backtests any series by id', async () => {
    const { tf } = await loadTf();
    const a = await runBacktest(tf, runDir, { series: 's001' });
    const b = await runBacktest(tf, runDir, { series: 's004' });
    // Each backtest runs over its own series: its naive error is that series' own.
    const naiveMae = (id: string) => {
      const v = SERIES.find((s) => s.id === id)!.values;
      return v.slice(1).reduce((sum, x, i) => sum + Math.abs(x - v[i]), 0) / (v.length - 1);
    };
    const ratio = (mae: number, id: string) => mae / naiveMae(id);
    expect(ratio(a.baselines.naive.overall.mae, 's001')).toBeGreaterThan(0.5);
    expect(ratio(a.baselines.naive.overall.mae, 's001')).toBeLessThan(2);
    expect(ratio(b.baselines.naive.overall.mae, 's004')).toBeGreaterThan(0.5);
    expect(ratio(b.baselines.naive.overall.mae, 's004')).toBeLessThan(2);
    await expect(runBacktest(tf, runDir, { series: 's001', retrainEvery: 2 })).rejects.toThrow(
      'Retraining backtests need a model of one series',
    );
  });
});
