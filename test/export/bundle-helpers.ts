/** Exports a model folder as a bundle, unpacks it, and runs its scripts the way a user would. */
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type * as tfTypes from '@tensorflow/tfjs';
import { unzipSync } from 'fflate';
import { exportModel } from '../../src-main/export/index';
import { loadTf } from '../../src-main/tensorflow/load-tf';
import type { PreprocessingFile } from '../../src-main/shared/preprocessing';
import { savedTargetPlan } from '../../src-main/engine/tasks/common/fixed-preprocessing';
import { alignPlan, baselineAt } from '../../src-main/forecast/target-transform';
import type { ForecastPreprocessing } from '../../src-main/model-use/load-run';
import { WindowBuilder } from '../../src-main/model-use/model-inputs';
import { expect } from 'vitest';
import { maxAbsDiff, randomizeWeights } from './fixtures';

/**
 * A small recurrent forecast model (one `cell` layer of 4 units and a dense head of `horizon`)
 * with seeded random weights, saved with `preprocessing` into a new temporary folder.
 */
export async function savedForecastModel(opts: {
  cell: 'lstm' | 'gru';
  lookback: number;
  inputs: number;
  horizon: number;
  seed: number;
  preprocessing: PreprocessingFile;
}): Promise<{ model: tfTypes.LayersModel; modelDir: string }> {
  const { tf } = await loadTf();
  const recurrent = { units: 4, recurrentActivation: 'sigmoid' as const, inputShape: [opts.lookback, opts.inputs] };
  const model = tf.sequential({
    layers: [
      opts.cell === 'lstm' ? tf.layers.lstm(recurrent) : tf.layers.gru(recurrent),
      tf.layers.dense({ units: opts.horizon }),
    ],
  });
  randomizeWeights(tf, model, opts.seed);
  const modelDir = await mkdtemp(join(tmpdir(), 'rs-bundle-model-'));
  await model.save(`file://${modelDir}`);
  await writeFile(join(modelDir, 'preprocessing.json'), JSON.stringify(opts.preprocessing));
  return { model, modelDir };
}

/** Exports `modelDir` as a bundle and unpacks it; returns the folder and the zip entries. */
export async function unpackedBundle(modelDir: string): Promise<{ dir: string; zip: Record<string, Uint8Array> }> {
  const outDir = await mkdtemp(join(tmpdir(), 'rs-bundle-'));
  const { files } = await exportModel(modelDir, 'bundle', join(outDir, 'bundle'));
  const zip = unzipSync(await readFile(files[0]));
  const dir = join(outDir, 'unpacked');
  for (const [name, data] of Object.entries(zip)) {
    if (name.endsWith('/')) continue;
    await mkdir(dirname(join(dir, name)), { recursive: true });
    await writeFile(join(dir, name), data);
  }
  return { dir: outDir, zip: Object.fromEntries(Object.entries(zip).filter(([n]) => !n.endsWith('/'))) };
}

/** Every file of a forecast bundle, sorted: the model in three formats, preprocessing, scripts and a README. */
export const FORECAST_BUNDLE_FILES = [
  'README.md',
  'model/model.keras',
  'model/model.onnx',
  'model/tfjs/model.json',
  'model/tfjs/weights.bin',
  'predict.cjs',
  'predict.py',
  'preprocessing.json',
];

/** The fields every forecast preprocessing.json starts with, for a window of `lookback` and `horizon` steps. */
export function forecastHeader(lookback: number, horizon: number) {
  return {
    format: 'recurrent-studio.preprocessing' as const,
    version: 1 as const,
    task: 'forecast' as const,
    lookback,
    horizon,
  };
}

/**
 * A seeded model saved with `preprocessing`, exported as a bundle and unpacked; the folders to
 * remove afterwards are added to `cleanup`. The model is returned for the app-side forecast.
 */
export async function exportedForecastBundle(
  opts: Parameters<typeof savedForecastModel>[0],
  cleanup: string[],
): Promise<{ model: tfTypes.LayersModel; bundle: string; readme: string }> {
  const { model, modelDir } = await savedForecastModel(opts);
  cleanup.push(modelDir);
  const unpacked = await unpackedBundle(modelDir);
  cleanup.push(unpacked.dir);
  return { model, bundle: unpacked.dir, readme: new TextDecoder().decode(unpacked.zip['README.md']) };
}

/** Runs a bundle script (node predict.cjs … or python predict.py …) in the unpacked bundle; returns stdout. */
export function runScript(bundleDir: string, command: string, args: string[]): string {
  const run = spawnSync(command, args, {
    cwd: join(bundleDir, 'unpacked'),
    encoding: 'utf8',
    // The bundle's predict.cjs requires @tensorflow/tfjs-node like a user's project would provide it.
    env: { ...process.env, NODE_PATH: resolve('node_modules') },
  });
  if (run.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${run.stderr}`);
  return run.stdout;
}

/** Runs a bundle script expected to refuse its input; returns its error output (the exit code must not be 0). */
export function scriptRefusal(bundleDir: string, command: string, args: string[]): string {
  const run = spawnSync(command, args, {
    cwd: join(bundleDir, 'unpacked'),
    encoding: 'utf8',
    env: { ...process.env, NODE_PATH: resolve('node_modules') },
  });
  if (run.status === 0) throw new Error(`${command} ${args.join(' ')} should have refused its input: ${run.stdout}`);
  return run.stderr.trim();
}

/** The last line of a script's output, parsed as JSON. */
export function lastJson<T>(stdout: string): T {
  return JSON.parse(stdout.trim().split('\n').pop() ?? 'null') as T;
}

/** Runs `script` on each CSV file named in `expected` and checks its forecasts match the app's within 1e-4. */
export function expectScriptForecasts(
  bundleDir: string,
  command: string,
  script: string,
  expected: Record<string, number[]>,
): void {
  for (const [file, forecast] of Object.entries(expected)) {
    expect(maxAbsDiff(lastJson<number[]>(runScript(bundleDir, command, [script, file])), forecast)).toBeLessThan(1e-4);
  }
}

/**
 * The app's forecast from `values` (the whole history, one target column named in the saved
 * inputs): its last window, the network, and `baselineAt` with the saved plan, in the target's units.
 */
export async function appForecast(
  model: tfTypes.LayersModel,
  pre: ForecastPreprocessing,
  values: number[],
  time: Float64Array | null = null,
): Promise<number[]> {
  const { tf } = await loadTf();
  const target = Float64Array.from(values);
  const name = pre.inputs[0].source;
  const window = new WindowBuilder(pre).windows({ target, columns: new Map([[name, target]]), time }, [target.length]);
  const x = tf.tensor3d(window, [1, pre.lookback, pre.inputs.length]);
  const out = model.predict(x) as tfTypes.Tensor;
  const raw = Array.from(out.dataSync());
  tf.dispose([x, out]);
  const plan = alignPlan(savedTargetPlan(pre), time);
  const { scale, center } = pre.target.scaler;
  return raw.map((v, k) => baselineAt(target, target.length, k, plan) + v * scale + center);
}
