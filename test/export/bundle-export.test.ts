import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import type * as tfTypes from '@tensorflow/tfjs';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportModel } from '../../src-main/export/index';
import { loadTf } from '../../src-main/tensorflow/load-tf';
import type { PreprocessingFile } from '../../src-main/shared/preprocessing';
import { parseSpec } from '../../src-main/shared/spec';
import { FORECAST_BUNDLE_FILES, savedForecastModel } from './bundle-helpers';
import { maxAbsDiff } from './fixtures';
import { ensureKerasPython } from './python-keras';

const { tf } = await loadTf();

const LOOKBACK = 6;
const HORIZON = 3;
const PERIOD = 4;

/** A forecast whose inputs and target use every transform the scripts must reproduce. */
function preprocessing(): PreprocessingFile {
  const parsed = parseSpec({ data: { file: '/data/history.csv', targetColumns: ['y'], featureColumns: ['x'] } });
  if (!parsed.ok) throw new Error('spec');
  return {
    format: 'recurrent-studio.preprocessing',
    version: 1,
    task: 'forecast',
    lookback: LOOKBACK,
    horizon: HORIZON,
    inputs: [
      {
        name: 'y (seasonal difference)',
        source: 'y',
        derived: 'seasonal-difference',
        scaler: { kind: 'standard', center: 0.2, scale: 1.5 },
      },
      { name: 'x', source: 'x', derived: 'level', scaler: { kind: 'minmax', center: -3, scale: 6 } },
      { name: 'y change', source: 'y', derived: 'difference', scaler: { kind: 'none', center: 0, scale: 1 } },
    ],
    target: {
      name: 'y',
      transform: 'seasonal-residual',
      period: PERIOD,
      scaler: { kind: 'standard', center: 0.5, scale: 3 },
    },
    timeColumn: null,
    frequency: null,
    text: null,
    classes: null,
    spec: parsed.spec,
  };
}

const history = {
  y: Array.from({ length: 17 }, (_, t) => 10 + 3 * Math.sin((2 * Math.PI * t) / PERIOD) + 0.1 * t),
  x: Array.from({ length: 17 }, (_, t) => Math.cos(t / 3) * 2),
};

/** The app's steps written out independently of the shipped scripts. */
function expectedForecast(model: tfTypes.LayersModel): number[] {
  const n = history.y.length;
  const window: number[][] = [];
  for (let t = n - LOOKBACK; t < n; t++) {
    window.push([
      (history.y[t] - history.y[t - PERIOD] - 0.2) / 1.5,
      (history.x[t] + 3) / 6,
      history.y[t] - history.y[t - 1],
    ]);
  }
  const x = tf.tensor3d([window]);
  const y = model.predict(x) as tfTypes.Tensor;
  const out = Array.from(y.dataSync());
  tf.dispose([x, y]);
  // Step k (0-based) adds the value one season before the step: y[n + k - PERIOD] for k < PERIOD.
  return out.map((v, k) => v * 3 + 0.5 + history.y[n + k - PERIOD]);
}

describe('bundle export', () => {
  const dirs: string[] = [];
  let bundleDir = '';
  let expected: number[] = [];
  let zip: Record<string, Uint8Array> = {};

  beforeAll(async () => {
    const { model, modelDir } = await savedForecastModel({
      cell: 'lstm',
      lookback: LOOKBACK,
      inputs: 3,
      horizon: HORIZON,
      seed: 7,
      preprocessing: preprocessing(),
    });
    const outDir = await mkdtemp(join(tmpdir(), 'rs-bundle-'));
    dirs.push(modelDir, outDir);
    expected = expectedForecast(model);
    model.dispose();
    const { files } = await exportModel(modelDir, 'bundle', join(outDir, 'forecast'));
    expect(files).toEqual([join(outDir, 'forecast.zip')]);
    zip = unzipSync(await readFile(files[0]));
    bundleDir = join(outDir, 'unpacked');
    for (const [name, data] of Object.entries(zip)) {
      if (name.endsWith('/')) continue;
      await mkdir(dirname(join(bundleDir, name)), { recursive: true });
      await writeFile(join(bundleDir, name), data);
    }
    await writeFile(
      join(bundleDir, 'history.csv'),
      ['y,x', ...history.y.map((y, t) => `${y},${history.x[t]}`)].join('\n'),
    );
  });

  afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  it('holds the model in three formats, preprocessing, scripts and a README', () => {
    const names = Object.keys(zip).filter((n) => !n.endsWith('/'));
    expect(names.sort()).toEqual(FORECAST_BUNDLE_FILES);
    const readme = strFromU8(zip['README.md']);
    expect(readme).toContain(`last ${LOOKBACK} steps`);
    expect(readme).toContain(`one season (${PERIOD} steps)`);
    expect(JSON.parse(strFromU8(zip['preprocessing.json']))).toEqual(preprocessing());
  });

  it('predict.cjs (TensorFlow.js) reproduces the app forecast from raw history', () => {
    const run = spawnSync('node', ['predict.cjs', 'history.csv'], {
      cwd: bundleDir,
      encoding: 'utf8',
      env: { ...process.env, NODE_PATH: resolve('node_modules') },
    });
    expect(run.status, run.stderr).toBe(0);
    const forecast = JSON.parse(run.stdout.trim().split('\n').pop() ?? '[]') as number[];
    expect(forecast).toHaveLength(HORIZON);
    expect(maxAbsDiff(forecast, expected)).toBeLessThan(1e-4);
  });

  it('predict.py (onnxruntime) reproduces the app forecast from raw history', { timeout: 40 * 60_000 }, (ctx) => {
    const python = ensureKerasPython();
    if (!python) {
      ctx.skip();
      return;
    }
    const run = spawnSync(python, ['predict.py', 'history.csv'], { cwd: bundleDir, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    const forecast = JSON.parse(run.stdout.trim().split('\n').pop() ?? '[]') as number[];
    expect(forecast).toHaveLength(HORIZON);
    expect(maxAbsDiff(forecast, expected)).toBeLessThan(1e-4);
  });
});
