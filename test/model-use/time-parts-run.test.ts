/**
 * A run on a file whose time is split over `year` and `quarter`, end to end: trained on
 * quarterly steps, forecast into the following quarters, and used on a new file with the same
 * two columns (the spec's time parts are applied again at prediction time).
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTable } from '../../src-main/data/import/load-table';
import { suggestSpec } from '../../src-main/experiment/suggest-spec';
import { forecastFuture, predictFile } from '../../src-main/model-use/index';
import { loadTf, type Tf } from '../../src-main/tensorflow/load-tf';
import type { ForecastEvaluation, RunResult } from '../../src-main/shared/types';
import { quickTraining, trainRun } from './train-run';

const QUARTERS = 120;
let dir = '';
let runDir = '';
let tf: Tf;
let result: RunResult;

/** Rows of year, quarter, value with a quarterly pattern, from 1990 Q1 (quarter `from` on). */
function quarterlyCsv(from: number, count: number): string {
  const lines = ['year,quarter,value'];
  for (let i = from; i < from + count; i++) {
    const q = (i % 4) + 1;
    lines.push(`${1990 + Math.floor(i / 4)},${q},${(50 + 0.1 * i + [4, -2, 6, -8][q - 1]).toFixed(3)}`);
  }
  return `${lines.join('\n')}\n`;
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'time-parts-run-'));
  const file = path.join(dir, 'quarterly.csv');
  await writeFile(file, quarterlyCsv(0, QUARTERS));
  const spec = suggestSpec((await loadTable(file)).summary);
  runDir = path.join(dir, 'run');
  result = await trainRun(
    { ...spec, data: { ...spec.data, lookback: 8 }, model: { layers: [{ units: 8 }] }, training: quickTraining(2) },
    runDir,
  );
  tf = (await loadTf()).tf;
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('a run with time read from year and quarter', () => {
  it('trains on every quarter', () => {
    const evaluation = result.evaluation as ForecastEvaluation;
    expect(result.spec.data.timeParts).toEqual({ kind: 'year-quarter', columns: ['year', 'quarter'] });
    // 120 quarterly steps, not 30 yearly ones.
    expect(evaluation.series.time).toHaveLength(QUARTERS);
    expect(evaluation.series.time.slice(0, 3)).toEqual(['1990-01-01', '1990-04-01', '1990-07-01']);
  });

  it('forecasts the following quarters', async () => {
    const f = await forecastFuture(tf, runDir, { steps: 3, levels: [] });
    // The data ends in 2019 Q4.
    expect(f.time).toEqual(['2020-01-01', '2020-04-01', '2020-07-01']);
  });

  it('predicts a new file with the same year and quarter columns', async () => {
    const file = path.join(dir, 'later.csv');
    await writeFile(file, quarterlyCsv(40, 20));
    const out = await predictFile(tf, runDir, file, path.join(dir, 'later-out.csv'));
    const rows = (await readFile(out.file ?? '', 'utf8')).trim().split('\n');
    // 20 quarters (2000 Q1 to 2004 Q4): the first 8 fill the window, then 12 forecasts and the next quarter's.
    expect(rows).toHaveLength(1 + 12 + 1);
    expect(rows[1].split(',')[0]).toBe('2002-01-01');
    expect(rows[2].split(',')[0]).toBe('2002-04-01');
    expect(rows.at(-1)?.split(',')[0]).toBe('2005-01-01');
  });
});
