/**
 * A trained forecast run and its Keras training project, shared by the project tests: a noisy
 * AR(2) series with a weekly swing, so the network must learn the dynamics (a level target,
 * whose untrained zero head forecasts the mean) and a retrained project can be compared with
 * the app on RMSE, not on a baseline both would match anyway.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { runCli } from '../../../src-main/cli/main';
import type { RunResult } from '../../../src-main/shared/types';
import { quickTraining, trainRun, writeSeriesCsv } from '../../model-use/train-run';

export const STEPS = 420;
export const PERIOD = 7;

/** The series: y_t = 0.55 y_{t-1} − 0.3 y_{t-2} + 2 sin(2πt/7) + noise, around 20, with daily dates. */
export async function writeArSeries(file: string): Promise<void> {
  let state = 11;
  const random = () => (state = (state * 16807) % 2147483647) / 2147483647;
  const y: number[] = [];
  for (let t = 0; t < STEPS; t++) {
    const a = t > 0 ? y[t - 1] - 20 : 0;
    const b = t > 1 ? y[t - 2] - 20 : 0;
    y.push(20 + 0.55 * a - 0.3 * b + 2 * Math.sin((2 * Math.PI * t) / PERIOD) + 0.4 * (random() - 0.5));
  }
  const day = 86_400_000;
  const dates = y.map((_, t) => new Date(Date.UTC(2021, 0, 1) + t * day).toISOString().slice(0, 10));
  await writeSeriesCsv(file, { demand: y }, dates);
}

/** Trains the app's run on `data` into `runDir` and exports its training project into `projectDir`. */
export async function trainAndExport(data: string, runDir: string, projectDir: string): Promise<RunResult> {
  const run = await trainRun(
    {
      data: {
        file: data,
        timeColumn: 'date',
        targetColumns: ['demand'],
        targetTransform: 'level',
        seasonalPeriod: PERIOD,
        lookback: 14,
        horizon: 1,
      },
      model: { cell: 'LSTM', layers: [{ units: 16 }] },
      training: quickTraining(25, { optimizer: { name: 'adam', learningRate: 0.01 } }),
    },
    runDir,
  );
  await exportProject(runDir, projectDir);
  return run;
}

/** Exports the run in `runDir` as a training project into `projectDir` through the CLI (extra flags: --plan). */
export async function exportProject(runDir: string, projectDir: string, extra: string[] = []): Promise<void> {
  const errors: string[] = [];
  const args = ['export', '--run', runDir, '--format', 'keras-project', '--out', projectDir, ...extra];
  const code = await runCli(args, { out: () => undefined, err: (t) => errors.push(t) });
  if (code !== 0) throw new Error(`The export failed: ${errors.join(' ')}`);
}

/** Runs a Python script of the project; resolves with its exit code and output. */
export function runPython(
  python: string,
  args: string[],
  opts: { cwd: string; env?: NodeJS.ProcessEnv },
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(python, args, {
      cwd: opts.cwd,
      env: { ...process.env, TF_CPP_MIN_LOG_LEVEL: '2', CUDA_VISIBLE_DEVICES: '', ...opts.env },
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** The project's train.py path. */
export const trainScript = (projectDir: string) => path.join(projectDir, 'train.py');
