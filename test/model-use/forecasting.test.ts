import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTf, type Tf } from '../../src-main/tensorflow/load-tf';
import { backtestRun } from '../../src-main/model-use/model-backtest';
import { calibrate } from '../../src-main/model-use/calibration';
import { futureForecast } from '../../src-main/model-use/forecast-future';
import { forecastFuture, futureForecastCsv } from '../../src-main/model-use/index';
import { loadRun, type LoadedRun } from '../../src-main/model-use/load-run';
import { directForecasts, forecastAhead } from '../../src-main/model-use/model-forecast';
import { loadRunData, type RunData } from '../../src-main/model-use/run-data';
import { extendColumns } from '../../src-main/model-use/series-columns';
import { quickTraining, trainRun, writeSeriesCsv } from './train-run';
import { dailyDates, noisySeason } from './synthetic';

const LENGTH = 2400;
const SIGMA = 0.5;
let dir = '';
let runDir = '';
let tf: Tf;
let run: LoadedRun;
let data: RunData;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'insight-forecast-'));
  const file = path.join(dir, 'season.csv');
  await writeSeriesCsv(file, { y: noisySeason(LENGTH, SIGMA) }, dailyDates(LENGTH));
  runDir = path.join(dir, 'run');
  await trainRun(
    {
      data: {
        file,
        timeColumn: 'date',
        targetColumns: ['y'],
        lookback: 25,
        horizon: 3,
        seasonalPeriod: 25,
        targetTransform: 'level',
        split: { validation: 0.3, test: 0.3 },
      },
      model: { cell: 'GRU', layers: [{ units: 16 }] },
      training: quickTraining(6, { batchSize: 64, optimizer: { learningRate: 0.01 } }),
    },
    runDir,
  );
  tf = (await loadTf()).tf;
  run = await loadRun(tf, runDir);
  data = await loadRunData(run);
});
afterAll(async () => {
  run?.dispose();
  await rm(dir, { recursive: true, force: true });
});

describe('prediction intervals', () => {
  it('cover held-out test data close to their nominal 80% and 95%', () => {
    const levels = [0.8, 0.95];
    const { offsets } = calibrate(tf, run, data.columns, data.validation, levels, 3);
    const forecasts = directForecasts(tf, run, data.columns, data.test);
    const y = data.columns.target;
    for (const [li, level] of levels.entries()) {
      let inside = 0;
      let total = 0;
      data.test.forEach((t, s) => {
        for (let k = 0; k < 3; k++) {
          const p = forecasts[s * 3 + k];
          if (y[t + k] >= p + offsets[li].lower[k] && y[t + k] <= p + offsets[li].upper[k]) inside++;
          total++;
        }
      });
      expect(Math.abs(inside / total - level)).toBeLessThan(0.04);
    }
  });

  it('are at least as wide as the noise: the model cannot beat it', () => {
    const { offsets } = calibrate(tf, run, data.columns, data.validation, [0.95], 3);
    // ±1.96 σ holds 95% of pure noise; a sound band cannot be much narrower.
    expect(offsets[0].upper[0]).toBeGreaterThan(1.96 * SIGMA * 0.85);
  });
});

describe('future forecasts', () => {
  it('continue daily dates past the end, with bands backtested step by step beyond the horizon', async () => {
    const f = await forecastFuture(tf, runDir, { steps: 9, levels: [0.8, 0.95] });
    const last = new Date(Date.UTC(2020, 0, LENGTH)).toISOString().slice(0, 10);
    expect(f.history.time[f.history.time.length - 1]).toBe(last);
    expect(f.time[0]).toBe(new Date(Date.UTC(2020, 0, LENGTH + 1)).toISOString().slice(0, 10));
    expect(f.time).toHaveLength(9);
    expect(f.point).toHaveLength(9);
    const band = f.intervals[0];
    const width = (k: number) => band.upper[k] - band.lower[k];
    for (let k = 1; k < 9; k++) expect(width(k)).toBeGreaterThanOrEqual(width(k - 1) - 1e-9);
    // Recursive steps of a model that follows the season well stay near the noise level, far
    // below what a square-root rule would add (width(2) × √3 at step 9).
    expect(width(8)).toBeLessThan(width(2) * Math.sqrt(9 / 3));
    expect(width(0)).toBeGreaterThan(2 * 1.28 * SIGMA * 0.8);
    expect(f.intervalMethod).toMatch(/backtested from \d+ origins/);
    expect(f.intervalMethod).not.toMatch(/square root/);
  });

  it('forecast directly up to the horizon and feed forecasts back beyond it', () => {
    const c = data.columns;
    const ahead = forecastAhead(tf, run, c, 8, data.series.frequency);
    expect(ahead).toHaveLength(8);
    const direct = directForecasts(tf, run, c, [c.target.length]);
    expect(Array.from(ahead.subarray(0, 3))).toEqual(Array.from(direct));
    // Steps 4–6 are the model's direct forecast from the series extended by steps 1–3.
    const extended = extendColumns(c, 'y', direct, data.series.frequency);
    const next = directForecasts(tf, run, extended, [extended.target.length]);
    for (let k = 0; k < 3; k++) expect(ahead[3 + k]).toBeCloseTo(next[k], 5);
    // The seasonal shape carries on: the forecast follows the sine within the noise level.
    for (let k = 0; k < 8; k++) {
      expect(Math.abs(ahead[k] - 2 * Math.sin((2 * Math.PI * (LENGTH + k)) / 25))).toBeLessThan(1);
    }
  });

  it('write a CSV with the interval columns', async () => {
    const { fileName, csv } = await futureForecastCsv(tf, runDir, { steps: 2, levels: [0.8] });
    expect(fileName).toBe('y-forecast.csv');
    const lines = csv.trim().split('\n');
    expect(lines[0]).toBe('time,forecast,lower_80,upper_80');
    const [, point, lower, upper] = lines[1].split(',').map(Number);
    expect(lower).toBeLessThan(point);
    expect(upper).toBeGreaterThan(point);
  });

  it('refuse a step count below one', () => {
    expect(() => futureForecast(tf, run, data, { steps: 0, levels: [] })).toThrow(RangeError);
  });
});

describe('backtest', () => {
  it('never uses data after an origin', async () => {
    const cut = data.testStart;
    const opts = { start: cut - 40, step: 5, horizon: 6 };
    const honest = await backtestRun(tf, run, data, opts);
    // Scramble everything from `cut` on: folds whose forecasts start at or before it must not change.
    const series = { ...data.series, target: data.series.target.slice() };
    for (let i = cut; i < series.target.length; i++) series.target[i] = 1e6 * Math.sin(i);
    series.targets = [{ name: 'y', values: series.target }];
    const columns = { ...data.columns, target: series.target, columns: new Map([['y', series.target]]) };
    const scrambled = await backtestRun(tf, run, { ...data, series, columns }, opts);
    let compared = 0;
    honest.folds.forEach((fold, i) => {
      if (fold.origin > cut) return;
      expect(scrambled.folds[i].forecast).toEqual(fold.forecast);
      compared++;
    });
    expect(compared).toBeGreaterThan(5);
    expect(scrambled.folds.at(-1)?.forecast).not.toEqual(honest.folds.at(-1)?.forecast);
  });

  it('scores the model beside the baselines on the same folds, recursively beyond the horizon', async () => {
    const r = await backtestRun(tf, run, data, { step: 10, horizon: 5 });
    expect(r.origins[0]).toBe(data.validationStart);
    expect(r.model.perStep).toHaveLength(5);
    expect(r.baselines.seasonalNaive).not.toBeNull();
    // On a noisy sine the learned model beats repeating last season's noisy values.
    expect(r.beatsReference).toBe(true);
    expect(r.verdict).toBeNull();
    for (const fold of r.folds) expect(fold.time[0]).toBe(r.series.time[fold.origin]);
  });

  it('past the model horizon also scores the forecast as shown, which is the model itself on its own steps', async () => {
    const own = await backtestRun(tf, run, data, { step: 10, horizon: 3 });
    expect(own.blended).toBeNull();
    expect(own.blendNote).toBeNull();
    const long = await backtestRun(tf, run, data, { step: 4, horizon: 30 });
    expect(long.origins.length).toBeGreaterThanOrEqual(30);
    expect(long.blendNote).toEqual(expect.any(String));
    if (long.blended) {
      expect(long.blendNote).toMatch(
        /^Forecast as shown: .*(run on the other half|neither half of the origins supports)/,
      );
      expect(long.blended.perStep).toHaveLength(30);
      // The model's own horizon keeps weight 1: the same forecasts, the same scores.
      expect(long.blended.perStep.slice(0, 3)).toEqual(long.model.perStep.slice(0, 3));
    } else {
      expect(long.blendNote).toMatch(/^No "forecast as shown" row: /);
    }
    const few = await backtestRun(tf, run, data, { step: 100, horizon: 30 });
    expect(few.blended).toBeNull();
    expect(few.blendNote).toMatch(
      new RegExp(`only when at least 30 backtest origins support it, and this backtest has ${few.origins.length} `),
    );
  });
});
