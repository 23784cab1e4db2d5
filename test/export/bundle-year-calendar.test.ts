/**
 * Forecast bundles whose network reads the year's sine and cosine (the inputs that let a daily
 * model follow a yearly season): predict.cjs and predict.py must compute them from the dates as
 * the app does, across a leap day and a year end, and continue them past the data.
 */
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type * as tfTypes from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTf } from '../../src-main/tensorflow/load-tf';
import type { ForecastPreprocessing } from '../../src-main/model-use/load-run';
import { WindowBuilder } from '../../src-main/model-use/model-inputs';
import { yearPhase } from '../../src-main/shared/calendar-inputs';
import type { PreprocessingFile } from '../../src-main/shared/preprocessing';
import { parseSpec } from '../../src-main/shared/spec';
import { exportedForecastBundle, forecastHeader, lastJson, runScript } from './bundle-helpers';
import { maxAbsDiff } from './fixtures';
import { ensureKerasPython } from './python-keras';

const { tf } = await loadTf();

const LOOKBACK = 6;
const HORIZON = 3;
const ROWS = 30;
/** Daily rows from 2019-12-15: the windows cross New Year, and 2020 is a leap year. */
const START = Date.UTC(2019, 11, 15);
const DAY = 86_400_000;
const none = { kind: 'none' as const, center: 0, scale: 1 };

function preprocessing(): PreprocessingFile {
  const parsed = parseSpec({
    data: {
      file: '/data/temp.csv',
      timeColumn: 'date',
      targetColumns: ['temp'],
      calendarFeatures: ['year-sin', 'year-cos'],
      lookback: LOOKBACK,
      horizon: HORIZON,
    },
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const calendar = (source: string) => ({
    name: source,
    source,
    derived: 'calendar' as const,
    scaler: none,
    lead: HORIZON,
  });
  return {
    ...forecastHeader(LOOKBACK, HORIZON),
    inputs: [
      { name: 'temp', source: 'temp', derived: 'level', scaler: { kind: 'standard', center: 10, scale: 5 } },
      calendar('year-sin'),
      calendar('year-cos'),
    ],
    target: { name: 'temp', transform: 'level', period: null, scaler: { kind: 'standard', center: 10, scale: 5 } },
    timeColumn: 'date',
    frequency: 'daily',
    text: null,
    classes: null,
    spec: parsed.spec,
  };
}

const temp = Array.from({ length: ROWS }, (_, t) => 8 + 3 * Math.sin(t / 3));
const stamp = (t: number) => START + t * DAY;
const date = (t: number) => new Date(stamp(t)).toISOString().slice(0, 10);

describe('the year as a calendar input', () => {
  it('is the share of the UTC year passed, leap years included', () => {
    expect(yearPhase(Date.UTC(2020, 0, 1))).toBe(0);
    // 2020 has 366 days: 2 July 00:00 is 183 days in, exactly half.
    expect(yearPhase(Date.UTC(2020, 6, 2))).toBeCloseTo(0.5, 12);
    // 2021 has 365: half the year is 2 July 12:00.
    expect(yearPhase(Date.UTC(2021, 6, 2, 12))).toBeCloseTo(0.5, 12);
    expect(yearPhase(Date.UTC(2021, 11, 31, 23, 59))).toBeLessThan(1);
  });
});

describe('forecast bundle with the year sine and cosine', () => {
  const cleanup: string[] = [];
  let bundle = '';
  let app: number[] = [];
  let readme = '';

  beforeAll(async () => {
    const pre = preprocessing();
    const exported = await exportedForecastBundle(
      { cell: 'gru', lookback: LOOKBACK, inputs: 3, horizon: HORIZON, seed: 17, preprocessing: pre },
      cleanup,
    );
    ({ bundle, readme } = exported);
    const model = exported.model;
    const columns = {
      target: Float64Array.from(temp),
      columns: new Map([['temp', Float64Array.from(temp)]]),
      time: Float64Array.from({ length: ROWS }, (_, t) => stamp(t)),
    };
    const window = new WindowBuilder(pre as ForecastPreprocessing).windows(columns, [ROWS]);
    // The window's last steps read the calendar HORIZON days past the data, written out here.
    const lastStep = Array.from(window.subarray((LOOKBACK - 1) * 3, LOOKBACK * 3));
    const ahead = stamp(ROWS - 1 + HORIZON);
    expect(lastStep[1]).toBeCloseTo(Math.sin(2 * Math.PI * yearPhase(ahead)), 6);
    expect(lastStep[2]).toBeCloseTo(Math.cos(2 * Math.PI * yearPhase(ahead)), 6);
    const x = tf.tensor3d(window, [1, LOOKBACK, 3]);
    const y = model.predict(x) as tfTypes.Tensor;
    app = Array.from(y.dataSync(), (v) => v * 5 + 10);
    tf.dispose([x, y]);
    model.dispose();
    await writeFile(
      join(bundle, 'unpacked', 'history.csv'),
      ['date,temp', ...Array.from({ length: ROWS }, (_, t) => `${date(t)},${temp[t]}`)].join('\n'),
    );
  });

  afterAll(async () => Promise.all(cleanup.map((d) => rm(d, { recursive: true, force: true }))));

  it('the README says how the year inputs are computed', () => {
    expect(readme).toContain('sin(2π × share of its year');
    expect(readme).toContain('cos(2π × share of its year');
  });

  it('predict.cjs forecasts what the app forecasts', () => {
    expect(maxAbsDiff(lastJson<number[]>(runScript(bundle, 'node', ['predict.cjs', 'history.csv'])), app)).toBeLessThan(
      1e-4,
    );
  });

  it('predict.py forecasts what the app forecasts', { timeout: 40 * 60_000 }, (ctx) => {
    const python = ensureKerasPython();
    if (!python) {
      ctx.skip();
      return;
    }
    expect(maxAbsDiff(lastJson<number[]>(runScript(bundle, python, ['predict.py', 'history.csv'])), app)).toBeLessThan(
      1e-4,
    );
  });
});
