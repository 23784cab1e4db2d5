/**
 * Forecast bundles of a model whose target is the seasonal profile: the scripts must place the
 * saved monthly pattern on the calendar of whatever history they are given (not on row numbers),
 * and refuse histories and preprocessing files from which the baseline cannot be computed.
 */
import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type * as tfTypes from '@tensorflow/tfjs';
import { strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { savedTargetPlan } from '../../src-main/engine/tasks/common/fixed-preprocessing';
import { loadTf } from '../../src-main/tensorflow/load-tf';
import { fitSeasonProfile, phaseOffset } from '../../src-main/forecast/season-profile';
import { alignPlan, baselineAt } from '../../src-main/forecast/target-transform';
import type { ForecastPreprocessing } from '../../src-main/model-use/load-run';
import { WindowBuilder } from '../../src-main/model-use/model-inputs';
import type { PreprocessingFile } from '../../src-main/shared/preprocessing';
import { parseSpec } from '../../src-main/shared/spec';
import { expectScriptForecasts, savedForecastModel, scriptRefusal, unpackedBundle } from './bundle-helpers';
import { maxAbsDiff } from './fixtures';
import { ensureKerasPython } from './python-keras';

const { tf } = await loadTf();

const LOOKBACK = 6;
const HORIZON = 3;
const PERIOD = 12;
const ROWS = 60;
/** Training ends after four years, as a 80/20 split of the five would put it. */
const TRAIN_END = 48;
/** The data starts in March 2015 (UTC month 2), so the first row is not the first step of the season. */
const FIRST_MONTH = 2;

const time = Array.from({ length: ROWS }, (_, t) => Date.UTC(2015, FIRST_MONTH + t, 1));
const date = (t: number) => new Date(time[t]).toISOString().slice(0, 10);
/** Trend, a strong calendar season (so a phase off by even one month moves the baseline) and uneven noise. */
const y = Array.from(
  { length: ROWS },
  (_, t) => 50 + 0.4 * t + 8 * Math.sin((2 * Math.PI * new Date(time[t]).getUTCMonth()) / 12) + 1.5 * Math.sin(t * 2.7),
);

/** The profile the app fits on the training part, with the phase its time stamps give. */
function fittedProfile() {
  const offset = phaseOffset('month', PERIOD, Float64Array.from(time));
  if (offset === null) throw new Error('the synthetic dates must follow the months');
  return fitSeasonProfile(y, TRAIN_END, { unit: 'month', period: PERIOD, offset, window: PERIOD });
}

function preprocessing(): ForecastPreprocessing {
  const parsed = parseSpec({
    data: {
      file: '/data/sales.csv',
      timeColumn: 'date',
      targetColumns: ['y'],
      targetTransform: 'seasonal-profile',
      lookback: LOOKBACK,
      horizon: HORIZON,
    },
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.problems));
  const pre: PreprocessingFile = {
    format: 'recurrent-studio.preprocessing',
    version: 1,
    task: 'forecast',
    lookback: LOOKBACK,
    horizon: HORIZON,
    inputs: [
      { name: 'y change', source: 'y', derived: 'difference', scaler: { kind: 'standard', center: 0.4, scale: 3 } },
    ],
    target: {
      name: 'y',
      transform: 'seasonal-profile',
      period: PERIOD,
      scaler: { kind: 'standard', center: 0.2, scale: 2.5 },
      profile: fittedProfile(),
    },
    timeColumn: 'date',
    frequency: 'monthly',
    text: null,
    classes: null,
    spec: parsed.spec,
  };
  return pre as ForecastPreprocessing;
}

/** A history of rows [from, to) of the series. */
interface Slice {
  from: number;
  to: number;
}

/** The app's forecast after the slice: its window, the network, and baselineAt with the plan placed on its dates. */
function appForecast(model: tfTypes.LayersModel, pre: ForecastPreprocessing, s: Slice): number[] {
  const target = Float64Array.from(y.slice(s.from, s.to));
  const stamps = Float64Array.from(time.slice(s.from, s.to));
  const window = new WindowBuilder(pre).windows({ target, columns: new Map([['y', target]]), time: stamps }, [
    target.length,
  ]);
  const x = tf.tensor3d(window, [1, LOOKBACK, 1]);
  const out = model.predict(x) as tfTypes.Tensor;
  const raw = Array.from(out.dataSync());
  tf.dispose([x, out]);
  const plan = alignPlan(savedTargetPlan(pre), stamps);
  return raw.map(
    (v, k) => baselineAt(target, target.length, k, plan) + v * pre.target.scaler.scale + pre.target.scaler.center,
  );
}

function csv(rows: number[], withDate = true): string {
  return [withDate ? 'date,y' : 'y', ...rows.map((t) => (withDate ? `${date(t)},${y[t]}` : `${y[t]}`))].join('\n');
}

const range = (s: Slice) => Array.from({ length: s.to - s.from }, (_, i) => s.from + i);

/** The whole series, starting in March and ending in February. */
const FULL: Slice = { from: 0, to: ROWS };
/** Starts in October and ends in July: row 0 of this file is another month than row 0 of the training data. */
const SHIFTED: Slice = { from: 7, to: 53 };

/** Profiles a preprocessing.json may hold by mistake: one value short, and a value JSON wrote as null (NaN). */
const BROKEN_VALUES: Record<string, (values: number[]) => unknown[]> = {
  'short-profile': (values) => values.slice(1),
  'nan-profile': (values) => values.map((v, i) => (i === 4 ? null : v)),
};

describe('forecast bundle with a seasonal-profile target', () => {
  const cleanup: string[] = [];
  let bundle = '';
  const brokenBundles: string[] = [];
  let readme = '';
  let full: number[] = [];
  let shifted: number[] = [];
  const shiftedOffCalendar: number[][] = [];

  beforeAll(async () => {
    const pre = preprocessing();
    const { model, modelDir } = await savedForecastModel({
      cell: 'gru',
      lookback: LOOKBACK,
      inputs: 1,
      horizon: HORIZON,
      seed: 53,
      preprocessing: pre,
    });
    cleanup.push(modelDir);
    full = appForecast(model, pre, FULL);
    shifted = appForecast(model, pre, SHIFTED);
    // What scripts that ignored the calendar would add: the file's row 0 taken as January, or as
    // the training data's first month.
    const target = Float64Array.from(y.slice(SHIFTED.from, SHIFTED.to));
    const right = alignPlan(savedTargetPlan(pre), Float64Array.from(time.slice(SHIFTED.from, SHIFTED.to)));
    for (const offset of [0, FIRST_MONTH]) {
      const wrong = { ...right, profile: { ...right.profile!, offset } };
      shiftedOffCalendar.push(
        shifted.map(
          (v, k) => v - baselineAt(target, target.length, k, right) + baselineAt(target, target.length, k, wrong),
        ),
      );
    }
    model.dispose();

    const unpacked = await unpackedBundle(modelDir);
    bundle = unpacked.dir;
    cleanup.push(bundle);
    readme = strFromU8(unpacked.zip['README.md']);
    const dir = join(bundle, 'unpacked');
    await writeFile(join(dir, 'full.csv'), csv(range(FULL)));
    await writeFile(join(dir, 'shifted.csv'), csv(range(SHIFTED)));
    await writeFile(join(dir, 'no-dates.csv'), csv(range(FULL), false));
    // Row 31 (October 2017) is missing, so the rows after it are one month further than their row number says.
    await writeFile(join(dir, 'gap.csv'), csv(range(FULL).filter((t) => t !== 31)));

    // The same bundle with preprocessing.json files whose profile cannot be used.
    const saved = JSON.parse(await readFile(join(dir, 'preprocessing.json'), 'utf8')) as ForecastPreprocessing;
    const values = saved.target.profile!.values;
    for (const [name, broken] of Object.entries(BROKEN_VALUES)) {
      const copy = join(bundle, name);
      await cp(dir, join(copy, 'unpacked'), { recursive: true });
      const bad = {
        ...saved,
        target: { ...saved.target, profile: { ...saved.target.profile!, values: broken(values) } },
      };
      await writeFile(join(copy, 'unpacked', 'preprocessing.json'), JSON.stringify(bad));
      brokenBundles.push(copy);
    }
  });

  afterAll(async () => Promise.all(cleanup.map((d) => rm(d, { recursive: true, force: true }))));

  it('the test cases tell a calendar phase from a row phase', () => {
    // The shifted history starts 7 months later, so counting from its row 0 misplaces the pattern.
    for (const wrong of shiftedOffCalendar) expect(maxAbsDiff(shifted, wrong)).toBeGreaterThan(1e-2);
    // The two histories end at different months, so their forecasts differ too.
    expect(maxAbsDiff(full, shifted)).toBeGreaterThan(1e-2);
  });

  it('the README explains the seasonal-profile baseline and asks for the time column', () => {
    expect(readme).toContain('correction to the seasonal profile');
    expect(readme).toContain('usual monthly pattern');
    expect(readme).toContain('drift * ((window + 1) / 2 + k)');
    expect(readme).toMatch(/The CSV needs the columns [^\n]*`date`/);
  });

  const refusal = scriptRefusal;

  /** The checks shared by both scripts: `[command, script]` runs one with a CSV file. */
  function checkScript(command: string, script: string) {
    expectScriptForecasts(bundle, command, script, { 'full.csv': full, 'shifted.csv': shifted });

    const noDates = refusal(bundle, command, [script, 'no-dates.csv']);
    expect(noDates).toContain('usual month pattern');
    expect(noDates).toContain('the time column "date"');
    expect(noDates.split('\n')).toHaveLength(1);

    const gap = refusal(bundle, command, [script, 'gap.csv']);
    expect(gap).toContain('one row per month without gaps');
    expect(gap).toContain('row 32 (2017-11-01 00:00)');
    expect(gap.split('\n')).toHaveLength(1);

    for (const copy of brokenBundles) {
      const malformed = refusal(copy, command, [script, 'full.csv']);
      expect(malformed).toContain('target.profile.values needs 12 finite numbers');
      expect(malformed.split('\n')).toHaveLength(1);
    }
  }

  it('predict.cjs adds the profile on the history calendar and refuses what it cannot place', () => {
    checkScript('node', 'predict.cjs');
  });

  it(
    'predict.py adds the profile on the history calendar and refuses what it cannot place',
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
