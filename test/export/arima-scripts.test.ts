/**
 * The ARIMA baseline of the exported scripts: predict.cjs and predict.py of a forecast bundle and
 * prepare.py of a training project must forecast the history they are given exactly as the app's
 * arimaForecast does (a non-seasonal model with drift, a seasonal one forecast past two seasons,
 * and two more orders), start where the app starts, and refuse a malformed `target.arima` or a
 * history too short for the model with one sentence. The scripts' baseline functions are called
 * directly (no network), so the comparison is to the last digits; Python runs on python3 + numpy.
 */
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FORECAST_JS } from '../../src-main/export/scripts/forecast-js';
import { FORECAST_PY } from '../../src-main/export/scripts/forecast-py';
import { PREPARE_PY } from '../../src-main/export/keras-project/prepare-py';
import { arimaForecast, arimaHistory, arimaProblem, type ArimaModel } from '../../src-main/forecast/arima';
import type { PreprocessingFile } from '../../src-main/shared/preprocessing';
import { validPreprocessing } from '../shared/preprocessing-fixture';

const ROWS = 60;
/** Past two seasons of 4, so the seasonal error terms and the seasonal sum-back wrap around. */
const STEPS = 10;
/** History lengths: the whole series, a shorter one, and the least the seasonal model accepts. */
const LENGTHS = [ROWS, 23, 6];

/** A trend, a season of 4 and uneven noise, far from 0 so a relative gap means something. */
const y = Array.from(
  { length: ROWS },
  (_, t) => 100 + 0.8 * t + 10 * Math.sin((2 * Math.PI * t) / 4) + 3 * Math.sin(t * 1.7),
);
const cells = y.map(String);

const MODELS: Record<string, { model: ArimaModel; period: number | null }> = {
  'non-seasonal with drift': {
    model: { d: 1, seasonalD: 0, period: null, ar: [0.5, -0.2], ma: [0.3], seasonalMa: [], mean: 0.1 },
    period: null,
  },
  seasonal: {
    model: { d: 1, seasonalD: 1, period: 4, ar: [], ma: [-0.4], seasonalMa: [-0.6], mean: 0 },
    period: 4,
  },
  'levels with a mean': {
    model: { d: 0, seasonalD: 0, period: null, ar: [0.7], ma: [0.2], seasonalMa: [], mean: 120 },
    period: null,
  },
  'seasonal difference only': {
    model: { d: 0, seasonalD: 1, period: 4, ar: [0.4, 0.1], ma: [], seasonalMa: [0.3], mean: 3.2 },
    period: 4,
  },
};

function preprocessing(model: unknown, period: number | null): PreprocessingFile {
  const pre = validPreprocessing({ lookback: 3, horizon: STEPS });
  pre.inputs = [
    { name: 'y change', source: 'y', derived: 'difference', scaler: { kind: 'standard', center: 0, scale: 5 } },
  ];
  pre.target = { ...pre.target!, transform: 'arima', period, arima: model as ArimaModel };
  return pre;
}

/** Prints, per history length, the baseline of every step as predict.cjs computes it (its window built first). */
const JS_DRIVER = String.raw`const fs = require('node:fs');
const { buildWindow, baseline } = require('./predict.cjs');
const { cells, lengths, steps } = JSON.parse(fs.readFileSync(__dirname + '/request.json', 'utf8'));
console.log(JSON.stringify(lengths.map((n) => {
  const { history, offset } = buildWindow({ y: cells.slice(0, n) });
  return Array.from({ length: steps }, (_, k) => baseline(history, k, offset));
})));
`;

/** The same from predict.py, and from prepare.py with the first origin it windows. */
const PY_DRIVER = String.raw`import json, os, sys
import numpy as np
here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
import predict, prepare
with open(os.path.join(here, "request.json")) as f:
    req = json.load(f)
out = {"predict": [], "prepare": [], "first": prepare.history_needed()}
for n in req["lengths"]:
    _, history, offset = predict.build_window({"y": req["cells"][:n]})
    out["predict"].append([predict.baseline(history, k, offset) for k in range(req["steps"])])
    series = np.array([float(c) for c in req["cells"][:n]])
    out["prepare"].append([prepare.baseline(series, k, None) for k in range(req["steps"])])
print(json.dumps(out))
`;

function run(dir: string, command: string, args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(command, args, { cwd: dir, encoding: 'utf8', timeout: 60_000 });
  return { status: r.status, stdout: r.stdout.trim(), stderr: r.stderr.trim() };
}

function ran(dir: string, command: string, args: string[]): string {
  const r = run(dir, command, args);
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed: ${r.stderr}`);
  return r.stdout;
}

/** Largest |got − want| / |want| over all lengths and steps. */
function relativeGap(got: number[][], want: number[][]): number {
  expect(got.map((row) => row.length)).toEqual(want.map((row) => row.length));
  let gap = 0;
  want.forEach((row, i) => row.forEach((v, k) => (gap = Math.max(gap, Math.abs(got[i][k] - v) / Math.abs(v)))));
  return Number.isNaN(gap) ? Infinity : gap;
}

let root = '';
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'arima-scripts-'));
});
afterAll(() => rm(root, { recursive: true, force: true }));

/** A folder with the scripts, the drivers, history.csv and this preprocessing.json. */
async function scriptsFolder(name: string, pre: PreprocessingFile, rows = ROWS): Promise<string> {
  const dir = join(root, name.replace(/\W+/g, '-'));
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'predict.cjs'), FORECAST_JS);
  await writeFile(join(dir, 'predict.py'), FORECAST_PY);
  await writeFile(join(dir, 'prepare.py'), PREPARE_PY);
  await writeFile(join(dir, 'baseline.cjs'), JS_DRIVER);
  await writeFile(join(dir, 'baseline.py'), PY_DRIVER);
  await writeFile(join(dir, 'request.json'), JSON.stringify({ cells, lengths: LENGTHS, steps: STEPS }));
  await writeFile(join(dir, 'history.csv'), ['y', ...cells.slice(0, rows)].join('\n'));
  await writeFile(join(dir, 'preprocessing.json'), JSON.stringify(pre));
  return dir;
}

describe.each(Object.entries(MODELS))('the scripts forecast the %s ARIMA baseline as the app does', (_, c) => {
  const want = LENGTHS.map((n) => Array.from({ length: STEPS }, (_, k) => arimaForecast(y.slice(0, n), n, k, c.model)));
  let dir = '';
  beforeAll(async () => {
    expect(arimaProblem(c.model, c.period)).toBeNull();
    dir = await scriptsFolder(JSON.stringify(c.model), preprocessing(c.model, c.period));
  });

  it('predict.cjs', () => {
    const got = JSON.parse(ran(dir, process.execPath, ['baseline.cjs'])) as number[][];
    expect(relativeGap(got, want)).toBeLessThan(1e-9);
  });

  it('predict.py and prepare.py, which starts its windows where the app does', () => {
    const got = JSON.parse(ran(dir, 'python3', ['baseline.py'])) as {
      predict: number[][];
      prepare: number[][];
      first: number;
    };
    expect(relativeGap(got.predict, want)).toBeLessThan(1e-9);
    expect(relativeGap(got.prepare, want)).toBeLessThan(1e-9);
    expect(got.first).toBe(arimaHistory(c.model));
  });
});

const SEASONAL = MODELS.seasonal.model;

/** Malformed models (each one the app's own check refuses too) and the sentence the scripts stop with. */
const MALFORMED: [string, unknown, string][] = [
  ['no model', undefined, 'the arima target has no target.arima'],
  ['two differences', { ...SEASONAL, d: 2 }, 'target.arima.d must be 0 or 1'],
  ['a seasonal difference of true', { ...SEASONAL, seasonalD: true }, 'target.arima.seasonalD must be 0 or 1'],
  [
    'three autoregressive coefficients',
    { ...SEASONAL, ar: [0.5, 0.1, 0.1] },
    'target.arima.ar must be a list of at most 2 number(s) between -10 and 10',
  ],
  [
    'a coefficient written as text',
    { ...SEASONAL, ma: ['-0.4'] },
    'target.arima.ma must be a list of at most 1 number(s) between -10 and 10',
  ],
  [
    'a seasonal coefficient written as null (NaN)',
    { ...SEASONAL, seasonalMa: [null] },
    'target.arima.seasonalMa must be a list of at most 1 number(s) between -10 and 10',
  ],
  ['no mean', { ...SEASONAL, mean: undefined }, 'target.arima.mean must be a finite number'],
  [
    'a season other than the target',
    { ...SEASONAL, period: 12 },
    'a seasonal ARIMA model needs target.arima.period equal to target.period',
  ],
  [
    'a non-seasonal model with a stray period',
    { ...MODELS['non-seasonal with drift'].model, period: 7 },
    'target.arima.period must be null or equal to target.period',
  ],
];

describe('the scripts refuse what they cannot forecast with', () => {
  it.each(MALFORMED)('%s', async (name, model, why) => {
    const parsed = JSON.parse(JSON.stringify(model ?? null)) as unknown;
    expect(arimaProblem(parsed, 4)).not.toBeNull();
    const dir = await scriptsFolder(`broken ${name}`, preprocessing(model, 4));
    const sentence = `preprocessing.json is not usable: ${why}.`;
    for (const [command, script] of [
      [process.execPath, 'predict.cjs'],
      ['python3', 'predict.py'],
      ['python3', 'prepare.py'],
    ]) {
      const r = run(dir, command, [script, 'history.csv']);
      expect(r.status, `${script}: ${r.stdout}`).not.toBe(0);
      expect(r.stderr, script).toBe(sentence);
    }
  });

  it('a history shorter than the first seasonal difference and the value before it', async () => {
    const dir = await scriptsFolder('short history', preprocessing(SEASONAL, 4), 5);
    for (const [command, script] of [
      [process.execPath, 'predict.cjs'],
      ['python3', 'predict.py'],
    ]) {
      const r = run(dir, command, [script, 'history.csv']);
      expect(r.status, `${script}: ${r.stdout}`).not.toBe(0);
      expect(r.stderr, script).toBe('The ARIMA baseline needs at least 6 rows of history; found 5.');
    }
  });
});
