/**
 * Forecast bundles of a model whose target is the correction to exponential smoothing: both
 * scripts must run the same Holt-Winters smoothing over the history they are given as the app
 * does (here a damped trend under a multiplicative quarterly season, forecast past one full
 * season so the season's wrap-around is exercised), and refuse what they cannot smooth.
 */
import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { savedTargetPlan } from '../../src-main/engine/tasks/common/fixed-preprocessing';
import { fitEtsForm } from '../../src-main/forecast/exponential-smoothing-fit';
import { baselineAt } from '../../src-main/forecast/target-transform';
import type { ForecastPreprocessing } from '../../src-main/model-use/load-run';
import type { PreprocessingFile } from '../../src-main/shared/preprocessing';
import { parseSpec } from '../../src-main/shared/spec';
import {
  appForecast,
  expectScriptForecasts,
  savedForecastModel,
  scriptRefusal,
  unpackedBundle,
} from './bundle-helpers';
import { maxAbsDiff } from './fixtures';
import { ensureKerasPython } from './python-keras';

const LOOKBACK = 6;
/** Longer than the season, so step 5 reads the season estimate of step 1 again. */
const HORIZON = 6;
const PERIOD = 4;
const ROWS = 64;
const TRAIN_END = 48;

/** Positive, a trend that flattens, a season that grows with the level, uneven noise. */
const y = Array.from(
  { length: ROWS },
  (_, t) => (40 + 20 * (1 - Math.exp(-t / 30))) * (1 + 0.2 * Math.sin((2 * Math.PI * t) / PERIOD)) + Math.sin(t * 2.7),
);

function preprocessing(): ForecastPreprocessing {
  const parsed = parseSpec({
    data: {
      file: '/data/sales.csv',
      timeColumn: 'quarter',
      targetColumns: ['y'],
      targetTransform: 'exponential-smoothing',
      lookback: LOOKBACK,
      horizon: HORIZON,
    },
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const { model } = fitEtsForm(y, TRAIN_END, { trend: 'damped', season: 'multiplicative', period: PERIOD });
  const pre: PreprocessingFile = {
    format: 'recurrent-studio.preprocessing',
    version: 1,
    task: 'forecast',
    lookback: LOOKBACK,
    horizon: HORIZON,
    inputs: [
      { name: 'y change', source: 'y', derived: 'difference', scaler: { kind: 'standard', center: 0.1, scale: 4 } },
    ],
    target: {
      name: 'y',
      transform: 'exponential-smoothing',
      period: PERIOD,
      scaler: { kind: 'standard', center: 0.2, scale: 1.5 },
      smoothing: model,
    },
    timeColumn: 'quarter',
    frequency: 'quarterly',
    text: null,
    classes: null,
    spec: parsed.spec,
  };
  return pre as ForecastPreprocessing;
}

const csv = (rows: number) => ['y', ...y.slice(0, rows).map(String)].join('\n');

describe('forecast bundle with an exponential-smoothing target', () => {
  const cleanup: string[] = [];
  let bundle = '';
  let broken = '';
  let readme = '';
  let full: number[] = [];
  let shorter: number[] = [];
  let network: number[] = [];

  beforeAll(async () => {
    const pre = preprocessing();
    const { model, modelDir } = await savedForecastModel({
      cell: 'lstm',
      lookback: LOOKBACK,
      inputs: 1,
      horizon: HORIZON,
      seed: 17,
      preprocessing: pre,
    });
    cleanup.push(modelDir);
    full = await appForecast(model, pre, y.slice(0, ROWS));
    shorter = await appForecast(model, pre, y.slice(0, 50));
    const plan = savedTargetPlan(pre);
    network = full.map((v, k) => v - baselineAt(Float64Array.from(y), ROWS, k, plan));
    model.dispose();

    const unpacked = await unpackedBundle(modelDir);
    bundle = unpacked.dir;
    cleanup.push(bundle);
    readme = strFromU8(unpacked.zip['README.md']);
    const dir = join(bundle, 'unpacked');
    await writeFile(join(dir, 'full.csv'), csv(ROWS));
    await writeFile(join(dir, 'shorter.csv'), csv(50));
    // Seven rows fill the window but not the two seasons the smoothing starts from.
    await writeFile(join(dir, 'too-short.csv'), csv(7));

    const saved = JSON.parse(await readFile(join(dir, 'preprocessing.json'), 'utf8')) as ForecastPreprocessing;
    broken = join(bundle, 'broken');
    await cp(dir, join(broken, 'unpacked'), { recursive: true });
    const bad = { ...saved, target: { ...saved.target, smoothing: { ...saved.target.smoothing!, alpha: 1.5 } } };
    await writeFile(join(broken, 'unpacked', 'preprocessing.json'), JSON.stringify(bad));
  });

  afterAll(async () => Promise.all(cleanup.map((d) => rm(d, { recursive: true, force: true }))));

  it('the smoothing moves the forecast far more than the scripts may differ', () => {
    expect(maxAbsDiff(full, network)).toBeGreaterThan(10);
    expect(maxAbsDiff(full, shorter)).toBeGreaterThan(1e-2);
  });

  it('the README gives the smoothing equations and its form', () => {
    expect(readme).toContain('correction to exponential smoothing (Holt-Winters, ETS(A,Ad,M))');
    expect(readme).toContain('level + (phi + phi² + … + phi^(k+1)) × trend');
  });

  function checkScript(command: string, script: string) {
    expectScriptForecasts(bundle, command, script, { 'full.csv': full, 'shorter.csv': shorter });
    const short = scriptRefusal(bundle, command, [script, 'too-short.csv']);
    expect(short).toBe('Exponential smoothing needs at least 8 rows of history to start; found 7.');
    const malformed = scriptRefusal(broken, command, [script, 'full.csv']);
    expect(malformed).toBe('preprocessing.json is not usable: target.smoothing.alpha must be a number from 0 to 1.');
  }

  it('predict.cjs smooths the history as the app does and refuses what it cannot smooth', () => {
    checkScript('node', 'predict.cjs');
  });

  it(
    'predict.py smooths the history as the app does and refuses what it cannot smooth',
    { timeout: 40 * 60_000 },
    (ctx) => {
      const python = ensureKerasPython();
      if (!python) {
        ctx.skip('python3 is not installed: the predict.py checks need it');
        return;
      }
      checkScript(python, 'predict.py');
    },
  );
});
