/**
 * The bundle of a forecast ensemble: every file but the Keras model (which holds one network, not
 * several and their median), a README that says so, and scripts that reproduce the app's median
 * forecast from the raw history.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forecastFuture } from '../../src-main/model-use/index';
import { loadTf } from '../../src-main/tensorflow/load-tf';
import { EMPLOYMENT_DATA } from '../experiment/employment-data';
import { quickTraining, trainRun } from '../model-use/train-run';
import { FORECAST_BUNDLE_FILES, lastJson, runScript, unpackedBundle } from './bundle-helpers';
import { maxAbsDiff } from './fixtures';
import { ensureKerasPython } from './python-keras';

const HORIZON = 3;
let runDir = '';
let bundle: Awaited<ReturnType<typeof unpackedBundle>>;
let expected: number[] = [];

beforeAll(async () => {
  runDir = await mkdtemp(join(tmpdir(), 'rs-ensemble-bundle-'));
  const result = await trainRun(
    {
      data: { ...EMPLOYMENT_DATA, targetTransform: 'difference', horizon: HORIZON },
      model: { cell: 'GRU', layers: [{ units: 4 }] },
      training: quickTraining(1, { ensemble: 3 }),
    },
    join(runDir, 'run'),
  );
  bundle = await unpackedBundle(result.modelDir ?? '');
  const { tf } = await loadTf();
  expected = (await forecastFuture(tf, join(runDir, 'run'), { steps: HORIZON, levels: [] })).point;
}, 300_000);
afterAll(async () => {
  await rm(runDir, { recursive: true, force: true });
  await rm(bundle.dir, { recursive: true, force: true });
});

/** Runs a bundle script on the raw history; its forecast must be the app's. */
function expectAppForecast(command: string, script: string): void {
  const forecast = lastJson<number[]>(runScript(bundle.dir, command, [script, EMPLOYMENT_DATA.file]));
  expect(forecast).toHaveLength(HORIZON);
  // Absolute: the scripts un-scale in double precision as the app does.
  expect(maxAbsDiff(forecast, expected)).toBeLessThan(1e-4);
}

describe('bundle of a forecast ensemble', () => {
  it('holds every file but the Keras model and says why in its README', () => {
    expect(Object.keys(bundle.zip).sort()).toEqual(FORECAST_BUNDLE_FILES.filter((f) => f !== 'model/model.keras'));
    const readme = strFromU8(bundle.zip['README.md']);
    expect(readme).toMatch(
      /- No Keras file: this model is an ensemble of 3 networks .* no `\.keras` file; `model\/model\.onnx` and `model\/tfjs\/` both forecast the median of the 3 networks/,
    );
    expect(readme).not.toContain('keras.saving.load_model');
  });

  it('predict.cjs (TensorFlow.js) reproduces the app’s median forecast', () =>
    expectAppForecast('node', 'predict.cjs'));

  it('predict.py (onnxruntime) reproduces the app’s median forecast', { timeout: 40 * 60_000 }, (ctx) => {
    const python = ensureKerasPython();
    if (python) expectAppForecast(python, 'predict.py');
    else ctx.skip();
  });
});
