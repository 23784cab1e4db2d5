import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTf, type Tf } from '../../src-main/tensorflow/load-tf';
import { explainForecast, predictFile } from '../../src-main/model-use/index';
import { quickTraining, trainRun, writeSeriesCsv } from './train-run';
import { dailyDates, gaussian } from './synthetic';

const LENGTH = 1500;
const LOOKBACK = 6;
const LAG = 3;
let dir = '';
let runDir = '';
let tf: Tf;
let columns: Record<string, Float64Array>;

/** Only x2, three steps back, drives the target; x1 and x3 are noise of the same size. */
function drivenSeries(length: number, seed: number): Record<string, Float64Array> {
  const noise = gaussian(seed);
  const x1 = Float64Array.from({ length }, noise);
  const x2 = Float64Array.from({ length }, noise);
  const x3 = Float64Array.from({ length }, noise);
  const y = Float64Array.from({ length }, (_, t) => (t >= LAG ? 2 * x2[t - LAG] : 0) + 0.1 * noise());
  return { y, x1, x2, x3 };
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'insight-explain-'));
  const file = path.join(dir, 'driven.csv');
  columns = drivenSeries(LENGTH, 5);
  await writeSeriesCsv(file, columns, dailyDates(LENGTH));
  runDir = path.join(dir, 'run');
  await trainRun(
    {
      data: {
        file,
        timeColumn: 'date',
        targetColumns: ['y'],
        featureColumns: ['x1', 'x2', 'x3'],
        lookback: LOOKBACK,
        horizon: 1,
        targetTransform: 'level',
        seasonalPeriod: null,
      },
      model: { cell: 'GRU', layers: [{ units: 16 }] },
      training: quickTraining(10, { optimizer: { learningRate: 0.01 } }),
    },
    runDir,
  );
  tf = (await loadTf()).tf;
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('explainForecast', () => {
  it('ranks the driving input first and finds its lag in the heatmap', async () => {
    const e = await explainForecast(tf, runDir);
    expect(e.featureNames).toEqual(['y', 'x1', 'x2', 'x3']);
    expect(e.features[0].name).toBe('x2');
    expect(e.features[0].importance).toBeGreaterThan(1.5 * Math.max(0, e.features[1].importance));
    expect(e.heatmap).toHaveLength(LOOKBACK);
    const x2 = e.featureNames.indexOf('x2');
    // Window steps run oldest first: x2[t − 3] sits at position lookback − 3.
    const column = e.heatmap.map((row) => row[x2]);
    expect(column.indexOf(Math.max(...column))).toBe(LOOKBACK - LAG);
    const all = e.heatmap.flat();
    expect(all.indexOf(Math.max(...all))).toBe((LOOKBACK - LAG) * e.featureNames.length + x2);
  });

  it('does not leak tensors', async () => {
    await explainForecast(tf, runDir, { repeats: 1 });
    const before = tf.memory().numTensors;
    await explainForecast(tf, runDir, { repeats: 1 });
    expect(tf.memory().numTensors).toBe(before);
  });
});

describe('predictFile', () => {
  it('forecasts every window of a new file and writes the CSV', async () => {
    const file = path.join(dir, 'new.csv');
    const fresh = drivenSeries(40, 9);
    await writeSeriesCsv(file, fresh, dailyDates(40));
    const out = path.join(dir, 'new-out.csv');
    const p = await predictFile(tf, runDir, file, out);
    expect(p.header).toEqual(['time', 'actual', 'forecast']);
    expect(p.rows).toBe(40 - LOOKBACK + 1);
    expect(p.file).toBe(out);
    const lines = (await readFile(out, 'utf8')).trim().split('\n');
    expect(lines).toHaveLength(p.rows + 1);
    // The model learned y = 2·x2[t−3]: its forecasts follow the new file's actual values.
    let squared = 0;
    for (let t = LOOKBACK; t < 40; t++) squared += (Number(lines[t - LOOKBACK + 1].split(',')[2]) - fresh.y[t]) ** 2;
    expect(Math.sqrt(squared / (40 - LOOKBACK))).toBeLessThan(0.6);
    // The last row forecasts the day after the file ends; it has no actual value.
    expect(lines.at(-1)).toMatch(/^2020-02-10,,/);
  });

  it('names a missing column and a column of the wrong type', async () => {
    const missing = path.join(dir, 'missing.csv');
    const { y, x1, x2 } = drivenSeries(20, 2);
    await writeSeriesCsv(missing, { y, x1, x2 }, dailyDates(20));
    await expect(predictFile(tf, runDir, missing)).rejects.toThrow(/feature column 'x3'.*missing/);

    const wrong = path.join(dir, 'wrong.csv');
    const rows = dailyDates(20).map((d, i) => `${d},${i},${i},word${i},${i}`);
    await writeFile(wrong, `date,y,x1,x2,x3\n${rows.join('\n')}\n`);
    await expect(predictFile(tf, runDir, wrong)).rejects.toThrow(/'x2' holds (categorical|text) values/);
  });

  it('writes beside the input file when no output is given', async () => {
    const file = path.join(dir, 'beside.csv');
    await writeSeriesCsv(file, drivenSeries(12, 4), dailyDates(12));
    const p = await predictFile(tf, runDir, file);
    expect(p.file).toBe(path.join(dir, 'beside-predictions.csv'));
    expect((await readFile(p.file ?? '', 'utf8')).split('\n')[0]).toBe('time,actual,forecast');
  });
});
