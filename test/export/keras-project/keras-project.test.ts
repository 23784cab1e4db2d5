/**
 * The Keras training project against the app, in the cached Python environment with Keras 3:
 * the app's weights forecast the same numbers in the project, retraining in Keras reaches the
 * app's test RMSE, and a two-worker MultiWorkerMirroredStrategy run on loopback completes; the
 * models they write import back as runs the app scores the same.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../../../src-main/shared/types';
import { runCli } from '../../../src-main/cli/main';
import { ensureKerasPython } from '../python-keras';
import { runPython, trainAndExport, trainScript, writeArSeries } from './project-fixture';

interface ProjectMetrics {
  model: { rmse: number; mae: number; count: number };
  naive: { rmse: number };
  seasonalNaive: { rmse: number } | null;
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
  dir = await mkdtemp(path.join(tmpdir(), 'keras-project-'));
  data = path.join(dir, 'demand.csv');
  project = path.join(dir, 'project');
  await writeArSeries(data);
  run = await trainAndExport(data, path.join(dir, 'run'), project);
}, 300_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function appForecast(): { rmse: number; predicted: (number | null)[] } {
  const e = run.evaluation;
  if (!e || e.kind !== 'forecast') throw new Error('the app run has no forecast evaluation');
  return { rmse: e.metrics.rmse, predicted: e.series.predicted };
}

async function train(args: string[], env?: NodeJS.ProcessEnv) {
  if (!python) throw new Error('no python');
  const result = await runPython(python, [trainScript(project), '--data', data, ...args], { cwd: project, env });
  if (result.code !== 0) throw new Error(`train.py failed (${result.code}): ${result.stderr.slice(-2000)}`);
  return result;
}

async function readMetrics(out: string): Promise<ProjectMetrics> {
  return JSON.parse(await readFile(path.join(out, 'metrics.json'), 'utf8')) as ProjectMetrics;
}

/** Imports DIR/model.keras with DIR/preprocessing.json through the CLI; the run record it writes. */
async function importRun(out: string): Promise<RunResult> {
  const errors: string[] = [];
  const runDir = path.join(out, 'imported');
  const code = await runCli(['import-keras', path.join(out, 'model.keras'), '--out', runDir, '--json'], {
    out: () => undefined,
    err: (t) => errors.push(t),
  });
  if (code !== 0) throw new Error(`import-keras failed: ${errors.join(' ')}`);
  return JSON.parse(await readFile(path.join(runDir, 'run.json'), 'utf8')) as RunResult;
}

function testRmse(imported: RunResult): number {
  if (imported.evaluation?.kind !== 'forecast') throw new Error('the imported run has no forecast evaluation');
  return imported.evaluation.metrics.rmse;
}

/** A port nobody listens on now (the OS picks it). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

describe('Keras training project of a forecast run', () => {
  it('forecasts the test split with the app weights within 1e-4 of the app', async (ctx) => {
    if (!python) ctx.skip();
    const out = path.join(dir, 'app-weights');
    await train(['--app-weights', '--out', out]);
    const rows = (await readFile(path.join(out, 'predictions.csv'), 'utf8')).trim().split('\n').slice(1);
    const forecasts = rows.map((line) => Number(line.split(',')[3]));
    const app = appForecast();
    // Horizon 1: the test origins are the last steps of the series, as in the app's one-step chart.
    const expected = app.predicted.slice(-forecasts.length);
    expect(forecasts.length).toBeGreaterThan(50);
    const worst = Math.max(...forecasts.map((f, i) => Math.abs(f - Number(expected[i]))));
    console.log(
      `app weights in Keras: largest forecast difference ${worst.toExponential(2)} over ${rows.length} steps`,
    );
    expect(worst).toBeLessThan(1e-4);
    const metrics = await readMetrics(out);
    expect(Math.abs(metrics.model.rmse - app.rmse)).toBeLessThan(1e-4);
    expect(metrics.epochs).toBe(0);
  }, 240_000);

  it('retrained in Keras, reaches the app test RMSE within 10% and beats the naive forecast', async (ctx) => {
    if (!python) ctx.skip();
    const out = path.join(dir, 'retrained');
    await train(['--out', out]);
    const metrics = await readMetrics(out);
    const app = appForecast();
    console.log(
      `test RMSE: app ${app.rmse.toFixed(4)}, Keras project ${metrics.model.rmse.toFixed(4)} ` +
        `(naive ${metrics.naive.rmse.toFixed(4)}, seasonal naive ${metrics.seasonalNaive?.rmse.toFixed(4)}); ` +
        `${metrics.epochs} epochs in ${metrics.seconds} s`,
    );
    expect(metrics.epochs).toBe(25);
    expect(Math.abs(metrics.model.rmse - app.rmse) / app.rmse).toBeLessThan(0.1);
    expect(metrics.model.rmse).toBeLessThan(metrics.naive.rmse);
    // The retrained model comes back as a run the app scores like its own.
    const imported = await importRun(out);
    expect(imported.status).toBe('completed');
    expect(Math.abs(testRmse(imported) - metrics.model.rmse)).toBeLessThan(1e-4);
  }, 240_000);

  it('trains on two workers with MultiWorkerMirroredStrategy on loopback and writes the model once', async (ctx) => {
    if (!python) ctx.skip();
    const ports = [await freePort(), await freePort()];
    const cluster = { worker: ports.map((p) => `127.0.0.1:${p}`) };
    const out = path.join(dir, 'two-workers');
    const workers = [0, 1].map((index) =>
      train(['--distribute', 'multi-worker', '--epochs', '3', '--out', out], {
        TF_CONFIG: JSON.stringify({ cluster, task: { type: 'worker', index } }),
      }),
    );
    const [chief] = await Promise.all(workers);
    const metrics = await readMetrics(out);
    console.log(`two workers: ${metrics.epochs} epochs in ${metrics.seconds} s, test RMSE ${metrics.model.rmse}`);
    expect(metrics.epochs).toBe(3);
    expect(Number.isFinite(metrics.model.rmse)).toBe(true);
    expect(JSON.parse(chief.stdout.trim().split('\n').at(-1) ?? '{}')).toMatchObject({ out });
    expect(Math.abs(testRmse(await importRun(out)) - metrics.model.rmse)).toBeLessThan(1e-4);
  }, 300_000);
});
