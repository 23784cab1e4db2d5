/**
 * The Keras training project of a global forecast run (one network over every series of a long
 * file), against the app in the cached Python environment: prepare.py finds the app's series and
 * splits, the app's weights forecast every series the same in Keras, retraining in Keras reaches
 * the app's test RMSE, and the retrained model imports back as a global run scored per series.
 * A wide file (one series per target column) is checked with the app's weights too.
 */
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../../src-main/cli/main';
import type { GlobalForecastScores, RunResult } from '../../../src-main/shared/types';
import { quickTraining, trainRun } from '../../model-use/train-run';
import { ensureKerasPython } from '../python-keras';
import { exportProject, runPython, trainScript } from './project-fixture';

const STEPS = 300;
const PERIOD = 7;

/**
 * Three stores on different scales and with different dynamics, so each series gets its own
 * scalers and the automatic target transform can differ between them: a stationary AR(2) with
 * a weekly swing around 20, the same dynamics around 200, and a drifting walk with a weekly
 * pattern around 60.
 */
function storeSeries(): Record<string, number[]> {
  let state = 7;
  const random = () => (state = (state * 16807) % 2147483647) / 2147483647;
  const ar = (level: number, size: number) => {
    const y: number[] = [];
    for (let t = 0; t < STEPS; t++) {
      const a = t > 0 ? y[t - 1] - level : 0;
      const b = t > 1 ? y[t - 2] - level : 0;
      const swing = 2 * size * Math.sin((2 * Math.PI * t) / PERIOD);
      y.push(level + 0.55 * a - 0.3 * b + swing + 0.4 * size * (random() - 0.5));
    }
    return y;
  };
  const walk: number[] = [];
  for (let t = 0, level = 60; t < STEPS; t++) {
    level += 0.08 + 0.6 * (random() - 0.5);
    walk.push(level + 3 * Math.sin((2 * Math.PI * t) / PERIOD));
  }
  return { north: ar(20, 1), south: ar(200, 10), east: walk };
}

/** A long file: date, store, sales; the stores' rows interleaved day by day. */
async function writeStores(file: string, series: Record<string, number[]>): Promise<void> {
  const day = 86_400_000;
  const lines = ['date,store,sales'];
  for (let t = 0; t < STEPS; t++) {
    const date = new Date(Date.UTC(2022, 0, 1) + t * day).toISOString().slice(0, 10);
    for (const [store, y] of Object.entries(series)) lines.push(`${date},${store},${y[t].toFixed(4)}`);
  }
  await writeFile(file, `${lines.join('\n')}\n`);
}

interface Scores {
  rmse: number;
  mae: number;
  count: number;
}

interface ProjectMetrics {
  model: Scores;
  naive: Scores;
  seasonalNaive: Scores | null;
  series: { id: string; model: Scores; naive: Scores; scaledError: number | null }[];
  aggregate: { seriesCount: number; meanScaledError: number; seriesBeatingBaselines: number };
  epochs: number;
  seconds: number;
}

let dir = '';
let data = '';
let project = '';
let run: RunResult;
let python: string | null = null;

beforeAll(async () => {
  python = ensureKerasPython();
  dir = await mkdtemp(path.join(tmpdir(), 'keras-global-'));
  data = path.join(dir, 'stores.csv');
  project = path.join(dir, 'project');
  await writeStores(data, storeSeries());
  const runDir = path.join(dir, 'run');
  run = await trainRun(
    {
      data: {
        file: data,
        timeColumn: 'date',
        idColumn: 'store',
        series: { scope: 'all' },
        targetColumns: ['sales'],
        seasonalPeriod: PERIOD,
        lookback: 14,
        horizon: 1,
      },
      model: { cell: 'LSTM', layers: [{ units: 16 }] },
      training: quickTraining(25, { optimizer: { name: 'adam', learningRate: 0.01 } }),
    },
    runDir,
  );
  await exportProject(runDir, project);
}, 300_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function appGlobal(): GlobalForecastScores {
  const e = run.evaluation;
  if (e?.kind !== 'forecast' || !e.global) throw new Error('the app run has no global forecast evaluation');
  return e.global;
}

async function py(args: string[], cwd = project) {
  if (!python) throw new Error('no python');
  const result = await runPython(python, args, { cwd });
  if (result.code !== 0) throw new Error(`${args[0]} failed (${result.code}): ${result.stderr.slice(-2000)}`);
  return result;
}

/** Each series' target transform, as the app chose it. */
async function transforms(): Promise<string> {
  const pre = JSON.parse(await readFile(path.join(project, 'preprocessing.json'), 'utf8')) as {
    series: { id: string; target: { transform: string } }[];
  };
  return pre.series.map((s) => `${s.id} ${s.target.transform}`).join(', ');
}

async function readMetrics(out: string): Promise<ProjectMetrics> {
  return JSON.parse(await readFile(path.join(out, 'metrics.json'), 'utf8')) as ProjectMetrics;
}

/** predictions.csv rows by series: the forecasts in file order. */
async function forecastsBySeries(out: string): Promise<Map<string, number[]>> {
  const lines = (await readFile(path.join(out, 'predictions.csv'), 'utf8')).trim().split(/\r?\n/);
  expect(lines[0]).toBe('series,time,step,actual,forecast,naive,seasonal_naive');
  const by = new Map<string, number[]>();
  for (const line of lines.slice(1)) {
    const cells = line.split(',');
    const list = by.get(cells[0]) ?? [];
    list.push(Number(cells[4]));
    by.set(cells[0], list);
  }
  return by;
}

describe('Keras training project of a global forecast run', () => {
  it('prepares the series the app trained on, with the same test windows, and lists the others', async (ctx) => {
    if (!python) ctx.skip();
    const app = appGlobal();
    const ids = app.series.map((s) => s.id);
    expect(ids).toEqual(['north', 'south', 'east']);
    const counts = JSON.parse((await py(['prepare.py', data])).stdout.trim()) as {
      series: string;
      test: number;
    }[];
    expect(counts.map((c) => c.series)).toEqual(ids);
    for (const c of counts) {
      const chart = app.charts?.[c.series];
      if (!chart) throw new Error(`no chart for ${c.series}`);
      // Horizon 1, stride 1: one test window per step from the test start on.
      expect(c.test).toBe(chart.actual.length - chart.testStart);
    }
    // A file without one of the run's series and with one the run never saw.
    const series = storeSeries();
    const other = path.join(dir, 'other.csv');
    await writeStores(other, { north: series.north, west: series.east, east: series.east });
    const partial = await py(['prepare.py', other]);
    expect((JSON.parse(partial.stdout.trim()) as { series: string }[]).map((c) => c.series)).toEqual(['north', 'east']);
    expect(partial.stderr).toContain("'south': the data file has no rows of it");
    expect(partial.stderr).toContain("'west': the run has no target transform for them");
  }, 120_000);

  it("stops with one sentence when a series' entry in preprocessing.json is damaged", async (ctx) => {
    if (!python) ctx.skip();
    const damaged = path.join(dir, 'damaged');
    await mkdir(damaged);
    await copyFile(path.join(project, 'prepare.py'), path.join(damaged, 'prepare.py'));
    const pre = JSON.parse(await readFile(path.join(project, 'preprocessing.json'), 'utf8')) as {
      series: { target: { transform: string } }[];
    };
    pre.series[1].target.transform = 'cube-root';
    await writeFile(path.join(damaged, 'preprocessing.json'), JSON.stringify(pre));
    const result = await runPython(python ?? '', ['prepare.py', data], { cwd: damaged });
    expect(result.code).toBe(2);
    expect(result.stderr.trim()).toMatch(
      /^preprocessing\.json is damaged: series\.1\.target\.transform must be one of /,
    );
  }, 60_000);

  it('forecasts every series with the app weights within 1e-4 of the app', async (ctx) => {
    if (!python) ctx.skip();
    const out = path.join(dir, 'app-weights');
    await py([trainScript(project), '--data', data, '--app-weights', '--out', out]);
    const app = appGlobal();
    const forecasts = await forecastsBySeries(out);
    const metrics = await readMetrics(out);
    let worst = 0;
    let compared = 0;
    for (const s of app.series) {
      const mine = forecasts.get(s.id) ?? [];
      const expected = app.charts?.[s.id]?.predicted.slice(-mine.length) ?? [];
      expect(mine.length).toBeGreaterThan(40);
      mine.forEach((f, i) => (worst = Math.max(worst, Math.abs(f - Number(expected[i])))));
      compared += mine.length;
      const own = metrics.series.find((m) => m.id === s.id);
      expect(Math.abs((own?.model.rmse ?? NaN) - s.metrics.rmse)).toBeLessThan(1e-4);
      expect(Math.abs((own?.naive.rmse ?? NaN) - s.naive.rmse)).toBeLessThan(1e-4);
    }
    console.log(
      `global run, app weights in Keras: largest difference ${worst.toExponential(2)} over ${compared} forecasts`,
    );
    expect(worst).toBeLessThan(1e-4);
    expect(Math.abs(metrics.aggregate.meanScaledError - app.aggregate.meanScaledError)).toBeLessThan(1e-4);
    expect(metrics.aggregate.seriesBeatingBaselines).toBe(app.aggregate.seriesBeatingBaselines);
    expect(metrics.epochs).toBe(0);
  }, 240_000);

  it('retrained in Keras, reaches the app test RMSE within 10% and imports back as a global run', async (ctx) => {
    if (!python) ctx.skip();
    const out = path.join(dir, 'retrained');
    await py([trainScript(project), '--data', data, '--out', out]);
    const metrics = await readMetrics(out);
    const app = appGlobal();
    // The app's RMSE over every test forecast of all series, from its per-series RMSEs.
    let squares = 0;
    let count = 0;
    for (const s of app.series) {
      const n = metrics.series.find((m) => m.id === s.id)?.model.count ?? 0;
      squares += n * s.metrics.rmse ** 2;
      count += n;
    }
    const appRmse = Math.sqrt(squares / count);
    console.log(
      `global run test RMSE over ${count} forecasts: app ${appRmse.toFixed(4)}, Keras project ${metrics.model.rmse.toFixed(4)} ` +
        `(naive ${metrics.naive.rmse.toFixed(4)}, seasonal naive ${metrics.seasonalNaive?.rmse.toFixed(4)}); ` +
        `mean scaled error app ${app.aggregate.meanScaledError.toFixed(4)}, Keras ${metrics.aggregate.meanScaledError.toFixed(4)}; ` +
        `target transforms ${await transforms()}; ` +
        `${metrics.epochs} epochs in ${metrics.seconds} s`,
    );
    expect(metrics.epochs).toBe(25);
    expect(count).toBe(metrics.model.count);
    expect(Math.abs(metrics.model.rmse - appRmse) / appRmse).toBeLessThan(0.1);
    expect(metrics.model.rmse).toBeLessThan(metrics.naive.rmse);

    // The retrained model comes back as a global run the app scores per series like the project.
    const runDir = path.join(out, 'imported');
    const errors: string[] = [];
    const code = await runCli(['import-keras', path.join(out, 'model.keras'), '--out', runDir, '--json'], {
      out: () => undefined,
      err: (t) => errors.push(t),
    });
    expect(errors.join(' ')).toBe('');
    expect(code).toBe(0);
    const imported = JSON.parse(await readFile(path.join(runDir, 'run.json'), 'utf8')) as RunResult;
    expect(imported.status).toBe('completed');
    const back = imported.evaluation?.kind === 'forecast' ? imported.evaluation.global : undefined;
    expect(back?.series.map((s) => s.id)).toEqual(metrics.series.map((s) => s.id));
    for (const s of back?.series ?? []) {
      const mine = metrics.series.find((m) => m.id === s.id);
      expect(Math.abs(s.metrics.rmse - (mine?.model.rmse ?? NaN))).toBeLessThan(1e-4);
    }
  }, 300_000);
  it('reproduces a wide file, one series per target column, with the app weights within 1e-4', async (ctx) => {
    if (!python) ctx.skip();
    const series = storeSeries();
    const wide = path.join(dir, 'wide.csv');
    const day = 86_400_000;
    const rows = Array.from({ length: STEPS }, (_, t) =>
      [
        new Date(Date.UTC(2022, 0, 1) + t * day).toISOString().slice(0, 10),
        ...Object.values(series).map((y) => y[t].toFixed(4)),
      ].join(','),
    );
    await writeFile(wide, `date,${Object.keys(series).join(',')}\n${rows.join('\n')}\n`);
    const runDir = path.join(dir, 'wide-run');
    const wideProject = path.join(dir, 'wide-project');
    const wideRun = await trainRun(
      {
        data: {
          file: wide,
          timeColumn: 'date',
          series: { scope: 'all', wide: true },
          targetColumns: Object.keys(series),
          seasonalPeriod: PERIOD,
          lookback: 14,
          horizon: 1,
        },
        model: { cell: 'GRU', layers: [{ units: 8 }] },
        training: quickTraining(5),
      },
      runDir,
    );
    await exportProject(runDir, wideProject);
    const out = path.join(dir, 'wide-app-weights');
    await py([trainScript(wideProject), '--data', wide, '--app-weights', '--out', out], wideProject);
    const scores = wideRun.evaluation?.kind === 'forecast' ? wideRun.evaluation.global : undefined;
    const forecasts = await forecastsBySeries(out);
    expect([...forecasts.keys()]).toEqual(['north', 'south', 'east']);
    expect(scores?.series.map((s) => s.id)).toEqual(['north', 'south', 'east']);
    let worst = 0;
    for (const [id, mine] of forecasts) {
      expect(mine.length).toBeGreaterThan(40);
      const expected = scores?.charts?.[id]?.predicted.slice(-mine.length) ?? [];
      mine.forEach((f, i) => (worst = Math.max(worst, Math.abs(f - Number(expected[i])))));
    }
    console.log(`wide global run, app weights in Keras: largest difference ${worst.toExponential(2)}`);
    expect(worst).toBeLessThan(1e-4);
  }, 300_000);
});
