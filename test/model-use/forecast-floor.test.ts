/**
 * A non-negative series (daily rainfall-like: mostly dry days, some wet ones) forecast into the
 * future: its errors are wide enough that the plain bands would reach below zero, and the
 * forecast and every band stay at or above zero.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forecastFuture } from '../../src-main/model-use/index';
import { loadTf } from '../../src-main/tensorflow/load-tf';
import type { Tf } from '../../src-main/tensorflow/load-tf';
import { dailyDates, gaussian } from './synthetic';
import { quickTraining, trainRun, writeSeriesCsv } from './train-run';

const LENGTH = 400;
let dir = '';
let runDir = '';
let tf: Tf;

beforeAll(async () => {
  tf = (await loadTf()).tf;
  dir = await mkdtemp(path.join(tmpdir(), 'forecast-floor-'));
  const noise = gaussian(5);
  const rain = Float64Array.from({ length: LENGTH }, () => Math.max(0, 6 * noise() - 3));
  const file = path.join(dir, 'rain.csv');
  await writeSeriesCsv(file, { rain }, dailyDates(LENGTH));
  runDir = path.join(dir, 'run');
  await trainRun(
    {
      data: { file, timeColumn: 'date', targetColumns: ['rain'], lookback: 14, targetTransform: 'level' },
      model: { cell: 'GRU', layers: [{ units: 8 }] },
      training: quickTraining(2),
    },
    runDir,
  );
});

afterAll(() => rm(dir, { recursive: true, force: true }));

describe('future forecasts of a series that never goes negative', () => {
  it('keep the point forecast and both bounds of every band at or above zero, and say so', async () => {
    const f = await forecastFuture(tf, runDir, { steps: 8, levels: [0.8, 0.95] });
    expect(f.intervalMethod).toMatch(/never goes below 0, so neither do the forecast and its bands/);
    for (const p of f.point) expect(p).toBeGreaterThanOrEqual(0);
    for (const band of f.intervals) {
      for (const x of band.lower) expect(x).toBeGreaterThanOrEqual(0);
      band.upper.forEach((u, k) => expect(u).toBeGreaterThanOrEqual(band.lower[k]));
    }
  });
});
