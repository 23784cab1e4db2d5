/**
 * A run whose network corrects the seasonal profile, end to end: chosen by the default pipeline,
 * saved with its profile, and used again (future forecasts, held-out data, a new file that starts
 * in another month) with the profile placed by the calendar.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTf, type Tf } from '../../src-main/tensorflow/load-tf';
import { forecastFuture, predictFile } from '../../src-main/model-use/index';
import type { PreprocessingFile } from '../../src-main/shared/preprocessing';
import type { ForecastEvaluation, RunResult } from '../../src-main/shared/types';
import { trendSeason } from '../quality/synthetic-series';
import { quickTraining, trainRun, writeSeriesCsv } from './train-run';

const LENGTH = 360;
// Dates run three months past the data so a file can be stamped later than its values.
const series = trendSeason(LENGTH, 21, 1);
const dates = Array.from({ length: LENGTH + 3 }, (_, i) => new Date(Date.UTC(1990, i, 1)).toISOString().slice(0, 10));
let dir = '';
let runDir = '';
let tf: Tf;
let result: RunResult;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'season-profile-run-'));
  const file = path.join(dir, 'monthly.csv');
  await writeSeriesCsv(file, { value: series.values }, dates.slice(0, LENGTH));
  runDir = path.join(dir, 'run');
  result = await trainRun(
    {
      // Chosen in the spec: on this series the automatic choice now prefers exponential smoothing.
      data: {
        file,
        timeColumn: 'date',
        targetColumns: ['value'],
        lookback: 24,
        horizon: 1,
        targetTransform: 'seasonal-profile',
      },
      model: { layers: [{ units: 16 }] },
      training: quickTraining(3),
    },
    runDir,
  );
  tf = (await loadTf()).tf;
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('a seasonal-profile run', () => {
  it('saves the profile it corrects', async () => {
    const evaluation = result.evaluation as ForecastEvaluation;
    expect(evaluation.targetTransform).toBe('seasonal-profile');
    const pre = JSON.parse(
      await readFile(path.join(result.modelDir ?? '', 'preprocessing.json'), 'utf8'),
    ) as PreprocessingFile;
    expect(pre.target?.transform).toBe('seasonal-profile');
    expect(pre.target?.profile?.unit).toBe('month');
    expect(pre.target?.profile?.values).toHaveLength(12);
    // The fitted drift is the series' own 0.05 per month, give or take the noise.
    expect(pre.target?.profile?.drift).toBeGreaterThan(0.02);
    expect(pre.target?.profile?.drift).toBeLessThan(0.08);
    // The profile alone is far better than seasonal naive here, and the network starts from it.
    expect(evaluation.metrics.rmse).toBeLessThan(evaluation.baselines.seasonalNaive?.rmse ?? 0);
  });

  it('forecasts the future on the calendar: the seasonal shape continues past the data', async () => {
    const steps = 24;
    const f = await forecastFuture(tf, runDir, { steps, levels: [0.8] });
    expect(f.point).toHaveLength(steps);
    const truth = Array.from({ length: steps }, (_, k) => 50 + 0.05 * (LENGTH + k) + seasonShape(LENGTH + k));
    const errors = f.point.map((p, k) => Math.abs(p - truth[k]));
    // σ = 1: two years ahead the forecast stays within a few σ of the true signal at every step.
    expect(Math.max(...errors)).toBeLessThan(3);
    expect(f.time[0]).toBe(new Date(Date.UTC(1990, LENGTH, 1)).toISOString().slice(0, 10));
  });

  it('predicts a new file that starts in another month exactly as on the whole series', async () => {
    const whole = await predictFile(tf, runDir, path.join(dir, 'monthly.csv'), path.join(dir, 'whole-out.csv'));
    // Rows 150–259: the file starts in July 2002, the row numbers say nothing about the months.
    const part = path.join(dir, 'part.csv');
    await writeSeriesCsv(part, { value: series.values.slice(150, 260) }, dates.slice(150, 260));
    const cut = await predictFile(tf, runDir, part, path.join(dir, 'part-out.csv'));
    const byTime = (rows: string[][]) => new Map(rows.map((r) => [r[0], Number(r[2])]));
    const wholeRows = byTime((await readCsvRows(whole.file)).slice(1));
    const cutRows = (await readCsvRows(cut.file)).slice(1);
    expect(cutRows.length).toBeGreaterThan(50);
    for (const [time, , forecast] of cutRows) {
      const expected = wholeRows.get(time);
      if (time === undefined || expected === undefined) throw new Error(`No forecast for ${time} on the whole series.`);
      expect(Number(forecast)).toBeCloseTo(expected, 4);
    }
    // The same values stamped three months later land on other months of the pattern.
    const shifted = path.join(dir, 'shifted.csv');
    await writeSeriesCsv(shifted, { value: series.values.slice(150, 260) }, dates.slice(153, 263));
    const moved = await predictFile(tf, runDir, shifted, path.join(dir, 'shifted-out.csv'));
    const movedRows = (await readCsvRows(moved.file)).slice(1);
    const gap = Math.max(...movedRows.map((r, i) => Math.abs(Number(r[2]) - Number(cutRows[i]?.[2]))));
    expect(gap).toBeGreaterThan(1);
  });

  it('is replaced by the change from the last value, with the reason, when the data has no time stamps', async () => {
    const file = path.join(dir, 'no-dates.csv');
    await writeSeriesCsv(file, { value: series.values });
    const plain = await trainRun(
      {
        data: {
          file,
          targetColumns: ['value'],
          lookback: 24,
          horizon: 1,
          seasonalPeriod: 12,
          targetTransform: 'seasonal-profile',
        },
        model: { layers: [{ units: 8 }] },
        training: quickTraining(1),
      },
      path.join(dir, 'run-no-dates'),
    );
    // The change from the last value, or the plain forecast the validation guard found better.
    expect((plain.evaluation as ForecastEvaluation).targetTransform).not.toBe('seasonal-profile');
    expect(plain.log.join('\n')).toMatch(/seasonal profile needs time stamps/);
  });
});

/** The rows of a CSV the app wrote (no quoted cells here). */
async function readCsvRows(file: string | null): Promise<string[][]> {
  if (!file) throw new Error('No output file.');
  return (await readFile(file, 'utf8'))
    .trim()
    .split(/\r?\n/)
    .map((line) => line.split(','));
}

/** The synthetic series' season (see test/quality/synthetic-series.ts: amplitude 5, period 12). */
function seasonShape(t: number): number {
  const phase = (2 * Math.PI * t) / 12;
  return 5 * (Math.sin(phase) + 0.4 * Math.cos(2 * phase + 0.5));
}
