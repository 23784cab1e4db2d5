import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src-main/cli/main';
import { backtestText } from '../../src-main/cli/commands/backtest';
import { fmt } from '../../src-main/cli/commands/args';
import type { CliIo } from '../../src-main/cli/io';
import type { RegressionMetrics } from '../../src-main/shared/types';
import type { BacktestReport, BatchPrediction, FutureForecast } from '../../src-main/shared/types-model-use';
import { quickTraining, trainRun } from '../model-use/train-run';

const NILE = path.resolve('resources/samples/nile-yearly.csv');
let dir = '';
let runDir = '';

function capture(): CliIo & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (t) => stdout.push(t), err: (t) => stderr.push(t) };
}

/** Every metric at `v`, enough for a printed row. */
function metrics(v: number): RegressionMetrics {
  return { rmse: v, mae: v, r2: 0, mape: null, smape: v };
}

async function cli(...argv: string[]) {
  const io = capture();
  const code = await runCli(argv, io);
  return { code, io, json: () => JSON.parse(io.stdout.join('\n')) as unknown };
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'cli-insight-'));
  runDir = path.join(dir, 'nile');
  await trainRun(
    {
      data: { file: NILE, timeColumn: 'year', targetColumns: ['volume'], lookback: 8, horizon: 2 },
      model: { cell: 'GRU', layers: [{ units: 8 }] },
      training: quickTraining(4),
    },
    runDir,
  );
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('recurrent forecast / backtest / evaluate / predict / export', () => {
  it('forecasts yearly steps past the data with nested intervals and writes the CSV', async () => {
    const csv = path.join(dir, 'future.csv');
    const { code, json } = await cli(
      'forecast',
      '--run',
      runDir,
      '--steps',
      '5',
      '--intervals',
      '0.8,0.95',
      '--csv',
      csv,
      '--json',
    );
    expect(code).toBe(0);
    const f = json() as FutureForecast;
    // The Nile data ends in 1970: the forecast continues yearly.
    expect(f.time).toEqual(['1971-01-01', '1972-01-01', '1973-01-01', '1974-01-01', '1975-01-01']);
    expect(f.point).toHaveLength(5);
    const [i80, i95] = f.intervals;
    for (let k = 0; k < 5; k++) {
      expect(i95.lower[k]).toBeLessThanOrEqual(i80.lower[k]);
      expect(i80.lower[k]).toBeLessThan(f.point[k]);
      expect(i80.upper[k]).toBeGreaterThan(f.point[k]);
      expect(i95.upper[k]).toBeGreaterThanOrEqual(i80.upper[k]);
    }
    const lines = (await readFile(csv, 'utf8')).trim().split('\n');
    expect(lines[0]).toBe('time,forecast,lower_80,upper_80,lower_95,upper_95');
    expect(lines).toHaveLength(6);
    expect(Number(lines[1].split(',')[1])).toBeCloseTo(f.point[0], 6);
  });

  it('prints a readable forecast table without --json', async () => {
    const { code, io } = await cli('forecast', '--run', runDir, '--steps', '2');
    expect(code).toBe(0);
    const text = io.stdout.join('\n');
    expect(text).toContain('1971-01-01');
    expect(text).toContain('split-conformal');
  });

  it('backtests from the validation start against the baselines', async () => {
    const { code, json } = await cli('backtest', '--run', runDir, '--step', '2', '--json');
    expect(code).toBe(0);
    const r = json() as BacktestReport;
    expect(r.horizon).toBe(2);
    expect(r.origins.length).toBeGreaterThan(3);
    expect(r.origins[1] - r.origins[0]).toBe(2);
    expect(r.folds[0].forecast).toHaveLength(2);
    expect(r.model.perStep).toHaveLength(2);
    expect(r.baselines.naive.overall.rmse).toBeGreaterThan(0);
    expect(r.beatsReference).toBe(r.model.overall.rmse < (r.baselines.seasonalNaive ?? r.baselines.naive).overall.rmse);
    expect(r.verdict === null).toBe(r.beatsReference);
  });

  it('past the model horizon, scores the forecast as shown too, or says in one sentence why not', async () => {
    // The model's own horizon: the forecast shown is the network's, no row and no sentence.
    const own = (await cli('backtest', '--run', runDir, '--json')).json() as BacktestReport;
    expect(own.blended).toBeNull();
    expect(own.blendNote).toBeNull();
    // Ten years ahead from every year after the window: enough origins to cross-fit.
    const long = (
      await cli('backtest', '--run', runDir, '--horizon', '10', '--start', '9', '--json')
    ).json() as BacktestReport;
    expect(long.origins.length).toBeGreaterThanOrEqual(30);
    expect(typeof long.blendNote).toBe('string');
    const { code, io } = await cli('backtest', '--run', runDir, '--horizon', '10', '--start', '9');
    expect(code).toBe(0);
    const text = io.stdout.join('\n');
    expect(text).toMatch(/^ {2}model \(fed back\) +RMSE/m);
    expect(text).toContain(long.blendNote!);
    if (long.blended) {
      expect(long.blended.perStep).toHaveLength(10);
      expect(text).toMatch(new RegExp(`^ {2}forecast as shown +RMSE +${fmt(long.blended.overall.rmse)} `, 'm'));
    } else {
      expect(long.blendNote).toMatch(/^No "forecast as shown" row: /);
      expect(text).not.toContain('forecast as shown  ');
    }
    // Few origins: no row, and the sentence says how many there are and how many it needs.
    const few = (
      await cli('backtest', '--run', runDir, '--horizon', '10', '--step', '5', '--json')
    ).json() as BacktestReport;
    expect(few.blended).toBeNull();
    expect(few.blendNote).toBe(
      `No "forecast as shown" row: the forecast past the horizon leans on a plain reference only when at least 30 backtest origins support it, and this backtest has ${few.origins.length} (an earlier start or a smaller step gives more).`,
    );
  });

  it('prints the forecast as shown beside the fed-back model and the baselines', () => {
    const s = (rmse: number) => ({ overall: metrics(rmse), perStep: [metrics(rmse)] });
    const text = backtestText({
      runId: 'r',
      target: 'temp_max',
      horizon: 60,
      period: 7,
      origins: Array.from({ length: 40 }, (_, i) => 100 + i),
      model: s(6.8),
      blended: s(3.5),
      blendNote: "Forecast as shown: past the model's horizon of 1 step it leans on the season.",
      baselines: { naive: s(5), seasonalNaive: s(5.5), movingAverage: s(4.9) },
      beatsReference: false,
      verdict: 'The model does not beat the seasonal naive forecast.',
      folds: [],
      series: { time: [], actual: [] },
      retrainEvery: null,
    });
    expect(text.split('\n').slice(1, 4)).toEqual([
      `  model (fed back)   RMSE ${fmt(6.8).padStart(10)}  MAE ${fmt(6.8).padStart(10)}  sMAPE ${fmt(6.8)}%`,
      `  forecast as shown  RMSE ${fmt(3.5).padStart(10)}  MAE ${fmt(3.5).padStart(10)}  sMAPE ${fmt(3.5)}%`,
      `  naive              RMSE ${fmt(5).padStart(10)}  MAE ${fmt(5).padStart(10)}  sMAPE ${fmt(5)}%`,
    ]);
    expect(text.split('\n').at(-1)).toBe(
      "Forecast as shown: past the model's horizon of 1 step it leans on the season.",
    );
  });

  it('retrains from the spec on the data before the origin when asked', async () => {
    const plain = (await cli('backtest', '--run', runDir, '--json')).json() as BacktestReport;
    const { code, io, json } = await cli('backtest', '--run', runDir, '--retrain-every', '1000', '--json');
    expect(code).toBe(0);
    const r = json() as BacktestReport;
    expect(r.retrainEvery).toBe(1000);
    expect(r.origins).toEqual(plain.origins);
    // One retraining, on exactly the steps before the first origin.
    expect(io.stderr.join('\n')).toContain(`Retrained on the first ${r.origins[0]} steps`);
    expect(r.folds[0].forecast).not.toEqual(plain.folds[0].forecast);
  });

  it('evaluates the run from run.json', async () => {
    const { code, json } = await cli('evaluate', '--run', runDir, '--json');
    expect(code).toBe(0);
    const out = json() as {
      evaluation: { kind: string; metrics: { rmse: number }; baselines: { naive: { rmse: number } } };
    };
    const run = JSON.parse(await readFile(path.join(runDir, 'run.json'), 'utf8')) as { headline: { rmse: number } };
    expect(out.evaluation.kind).toBe('forecast');
    expect(out.evaluation.metrics.rmse).toBe(run.headline.rmse);
    const text = await cli('evaluate', '--run', runDir);
    expect(text.io.stdout.join('\n')).toMatch(/naive/);
  });

  it('predicts on a file shaped like the training data, and names a missing column', async () => {
    const out = path.join(dir, 'pred.csv');
    const { code, json } = await cli('predict', '--run', runDir, '--data', NILE, '--out', out, '--json');
    expect(code).toBe(0);
    const p = json() as BatchPrediction;
    expect(p.header).toEqual(['time', 'actual', 'forecast_step_1', 'forecast_step_2']);
    // 100 rows: origins 8 … 100, the last one forecasting past the data.
    expect(p.rows).toBe(93);
    expect((await readFile(out, 'utf8')).trim().split('\n')).toHaveLength(94);

    const bad = path.join(dir, 'bad.csv');
    await writeFile(bad, 'year,flow\n1871,1120\n1872,1160\n');
    const failed = await cli('predict', '--run', runDir, '--data', bad);
    expect(failed.code).toBe(2);
    expect(failed.io.stderr.join('\n')).toContain("'volume'");
  });

  it('exports the model as a TensorFlow.js folder', async () => {
    const target = path.join(dir, 'export-tfjs');
    const { code, json } = await cli('export', '--run', runDir, '--format', 'tfjs', '--out', target, '--json');
    expect(code).toBe(0);
    const files = (json() as { files: string[] }).files;
    expect(files.some((f) => f.endsWith('model.json'))).toBe(true);
    expect((await stat(path.join(target, 'model.json'))).size).toBeGreaterThan(0);
  });

  it('rejects bad usage with exit code 2', async () => {
    expect((await cli('forecast', '--run', runDir)).code).toBe(2);
    expect((await cli('forecast', '--run', runDir, '--steps', '0')).code).toBe(2);
    expect((await cli('forecast', '--run', runDir, '--steps', '2', '--intervals', '1.5')).code).toBe(2);
    expect((await cli('export', '--run', runDir, '--format', 'pdf', '--out', 'x')).code).toBe(2);
  });
});
