/**
 * Forecast bundles with inputs read ahead: a known-future column (a planned promotion) and a
 * calendar month, both `lead` = horizon steps ahead. The scripts must build the window the app
 * builds, from dates parsed as UTC and continued monthly past the data.
 */
import { rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type * as tfTypes from '@tensorflow/tfjs';
import { strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTf } from '../../src-main/tensorflow/load-tf';
import type { ForecastPreprocessing } from '../../src-main/model-use/load-run';
import { WindowBuilder } from '../../src-main/model-use/model-inputs';
import { futureTimes } from '../../src-main/model-use/series-columns';
import type { PreprocessingFile } from '../../src-main/shared/preprocessing';
import { parseSpec } from '../../src-main/shared/spec';
import { lastJson, runScript, savedForecastModel, unpackedBundle } from './bundle-helpers';
import { maxAbsDiff } from './fixtures';
import { ensureKerasPython } from './python-keras';

const { tf } = await loadTf();

const LOOKBACK = 5;
const HORIZON = 2;
const ROWS = 14;
/** The data starts in November 2019, so the windows cross a year end. */
const FIRST_MONTH = 10;

function preprocessing(): PreprocessingFile {
  const parsed = parseSpec({
    data: {
      file: '/data/sales.csv',
      timeColumn: 'date',
      targetColumns: ['sales'],
      knownFutureColumns: ['promo'],
      calendarFeatures: ['month'],
      lookback: LOOKBACK,
      horizon: HORIZON,
    },
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  return {
    format: 'recurrent-studio.preprocessing',
    version: 1,
    task: 'forecast',
    lookback: LOOKBACK,
    horizon: HORIZON,
    inputs: [
      { name: 'sales', source: 'sales', derived: 'level', scaler: { kind: 'standard', center: 100, scale: 20 } },
      {
        name: 'promo',
        source: 'promo',
        derived: 'level',
        scaler: { kind: 'minmax', center: 0, scale: 2 },
        lead: HORIZON,
      },
      {
        name: 'month',
        source: 'month',
        derived: 'calendar',
        scaler: { kind: 'none', center: 0, scale: 1 },
        lead: HORIZON,
      },
    ],
    target: { name: 'sales', transform: 'level', period: null, scaler: { kind: 'standard', center: 100, scale: 20 } },
    timeColumn: 'date',
    frequency: 'monthly',
    text: null,
    classes: null,
    spec: parsed.spec,
  };
}

const sales = Array.from({ length: ROWS }, (_, t) => 100 + 15 * Math.sin(t / 2) + t);
/** Promotion plan: known for the history and for the two forecast steps after it. */
const promo = Array.from({ length: ROWS + HORIZON }, (_, t) => [0, 2, 1, 0, 2][t % 5]);
const date = (t: number) => {
  const m = FIRST_MONTH + t;
  return `${2019 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}-01`;
};

/**
 * The window written out from the definitions: promo and month at step i + HORIZON, the month
 * counted from the first row (0 = January), promo clamped to the last known row.
 */
function expectedWindow(knownPromoRows: number): number[][] {
  const window: number[][] = [];
  for (let i = ROWS - LOOKBACK; i < ROWS; i++) {
    const ahead = i + HORIZON;
    window.push([
      (sales[i] - 100) / 20,
      promo[Math.min(knownPromoRows - 1, ahead)] / 2,
      ((FIRST_MONTH + ahead) % 12) / 11,
    ]);
  }
  return window;
}

function predict(model: tfTypes.LayersModel, windows: number[][][]): number[][] {
  const x = tf.tensor3d(windows);
  const y = model.predict(x) as tfTypes.Tensor;
  const out = y.arraySync() as number[][];
  tf.dispose([x, y]);
  return out.map((row) => row.map((v) => v * 20 + 100));
}

describe('forecast bundle with known-future and calendar inputs', () => {
  const cleanup: string[] = [];
  let bundle = '';
  let withPlan: number[] = [];
  let withoutPlan: number[] = [];
  let app: number[] = [];
  let readme = '';

  beforeAll(async () => {
    const pre = preprocessing();
    const { model, modelDir } = await savedForecastModel({
      cell: 'lstm',
      lookback: LOOKBACK,
      inputs: 3,
      horizon: HORIZON,
      seed: 31,
      preprocessing: pre,
    });
    cleanup.push(modelDir);
    [withPlan, withoutPlan] = predict(model, [expectedWindow(ROWS + HORIZON), expectedWindow(ROWS)]);
    // The app's own window for the same history (no future rows): known-future values held, months continued.
    const columns = {
      target: Float64Array.from(sales),
      columns: new Map([
        ['sales', Float64Array.from(sales)],
        ['promo', Float64Array.from(promo.slice(0, ROWS))],
      ]),
      time: Float64Array.from({ length: ROWS }, (_, t) => Date.parse(`${date(t)}T00:00:00Z`)),
    };
    const builder = new WindowBuilder(pre as ForecastPreprocessing);
    const appWindow = builder.windows(columns, [ROWS]);
    const x = tf.tensor3d(appWindow, [1, LOOKBACK, 3]);
    const y = model.predict(x) as tfTypes.Tensor;
    app = Array.from(y.dataSync(), (v) => v * 20 + 100);
    tf.dispose([x, y]);
    model.dispose();

    const unpacked = await unpackedBundle(modelDir);
    bundle = unpacked.dir;
    cleanup.push(bundle);
    readme = strFromU8(unpacked.zip['README.md']);
    const dir = join(bundle, 'unpacked');
    const row = (t: number) => `${date(t)},${t < ROWS ? sales[t] : ''},${promo[t]}`;
    // Future rows: dates and the planned promo, no sales yet.
    await writeFile(
      join(dir, 'plan.csv'),
      ['date,sales,promo', ...Array.from({ length: ROWS + HORIZON }, (_, t) => row(t))].join('\n'),
    );
    await writeFile(
      join(dir, 'history.csv'),
      ['date,sales,promo', ...Array.from({ length: ROWS }, (_, t) => row(t))].join('\n'),
    );
  });

  afterAll(async () => Promise.all(cleanup.map((d) => rm(d, { recursive: true, force: true }))));

  it('the test computes the app forecast independently', () => {
    // Without future rows the script must match the app; the independent window must too.
    expect(maxAbsDiff(withoutPlan, app)).toBeLessThan(1e-5);
    // The plan changes the forecast, so the future rows are a real test of reading ahead.
    expect(maxAbsDiff(withPlan, withoutPlan)).toBeGreaterThan(1e-3);
  });

  it('the README explains inputs read ahead and calendar values', () => {
    expect(readme).toContain(`read ${HORIZON} step(s) ahead`);
    expect(readme).toContain('month / 11');
    expect(readme).toContain('`date`');
  });

  it('predict.cjs reads known-future rows and continues the calendar', () => {
    expect(
      maxAbsDiff(lastJson<number[]>(runScript(bundle, 'node', ['predict.cjs', 'plan.csv'])), withPlan),
    ).toBeLessThan(1e-4);
    expect(
      maxAbsDiff(lastJson<number[]>(runScript(bundle, 'node', ['predict.cjs', 'history.csv'])), withoutPlan),
    ).toBeLessThan(1e-4);
  });

  it('predict.py reads known-future rows and continues the calendar', { timeout: 40 * 60_000 }, (ctx) => {
    const python = ensureKerasPython();
    if (!python) {
      ctx.skip();
      return;
    }
    expect(
      maxAbsDiff(lastJson<number[]>(runScript(bundle, python, ['predict.py', 'plan.csv'])), withPlan),
    ).toBeLessThan(1e-4);
    expect(
      maxAbsDiff(lastJson<number[]>(runScript(bundle, python, ['predict.py', 'history.csv'])), withoutPlan),
    ).toBeLessThan(1e-4);
  });

  /** Stamps ending on a 31st in a leap year, so month steps must clamp to short months. */
  const LAST_STAMPS = [Date.UTC(2020, 0, 29, 13), Date.UTC(2020, 0, 30, 13), Date.UTC(2020, 0, 31, 13)];
  const FREQUENCIES = ['hourly', 'daily', 'weekly', 'monthly', 'quarterly', 'yearly', 'irregular'];

  it('predict.cjs continues time stamps like the app for every frequency', () => {
    const script = createRequire(import.meta.url)(join(bundle, 'unpacked', 'predict.cjs')) as {
      futureTimes: (times: number[], frequency: string, steps: number) => number[];
      parseTime: (raw: string) => number;
    };
    for (const f of FREQUENCIES) {
      expect(script.futureTimes(LAST_STAMPS, f, 5), f).toEqual(
        Array.from(futureTimes(Float64Array.from(LAST_STAMPS), f, 5)),
      );
    }
    expect(script.parseTime('2020-01-31 13:00')).toBe(LAST_STAMPS[2]);
    expect(script.parseTime('2020-01-31T15:00+02:00')).toBe(LAST_STAMPS[2]);
    expect(script.parseTime('2020-Q3')).toBe(Date.UTC(2020, 6, 1));
  });

  it('predict.py continues time stamps like the app for every frequency', { timeout: 40 * 60_000 }, (ctx) => {
    const python = ensureKerasPython();
    if (!python) {
      ctx.skip();
      return;
    }
    const code = [
      'import json, sys',
      "sys.path.insert(0, '.')",
      'import predict',
      `stamps = ${JSON.stringify(LAST_STAMPS)}`,
      `out = {f: predict.future_times(stamps, f, 5) for f in ${JSON.stringify(FREQUENCIES)}}`,
      "out['parsed'] = [predict.parse_time('2020-01-31 13:00'), predict.parse_time('2020-01-31T15:00+02:00'), predict.parse_time('2020-Q3')]",
      'print(json.dumps(out))',
    ].join('\n');
    const out = lastJson<Record<string, number[]>>(runScript(bundle, python, ['-c', code]));
    for (const f of FREQUENCIES)
      expect(out[f], f).toEqual(Array.from(futureTimes(Float64Array.from(LAST_STAMPS), f, 5)));
    expect(out.parsed).toEqual([LAST_STAMPS[2], LAST_STAMPS[2], Date.UTC(2020, 6, 1)]);
  });
});
