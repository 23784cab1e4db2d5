/**
 * Forecast bundles of a model whose target is the correction to an ARIMA model: exported as the
 * app exports it, the README gives the model and its equations, and both scripts add the network's
 * output to the same ARIMA forecast of the history they are given as the app does (a seasonal
 * model with a seasonal error term, forecast past two seasons). The baseline alone is compared to
 * the last digits in arima-scripts.test.ts.
 */
import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { arimaForecast, type ArimaModel } from '../../src-main/forecast/arima';
import type { ForecastPreprocessing } from '../../src-main/model-use/load-run';
import { validPreprocessing } from '../shared/preprocessing-fixture';
import { appForecast, expectScriptForecasts, exportedForecastBundle } from './bundle-helpers';
import { maxAbsDiff } from './fixtures';
import { ensureKerasPython } from './python-keras';

const LOOKBACK = 6;
/** Past two seasons, so the seasonal error term and the seasonal sum-back wrap around. */
const HORIZON = 9;
const PERIOD = 4;
const ROWS = 64;

const MODEL: ArimaModel = { d: 1, seasonalD: 1, period: PERIOD, ar: [0.3], ma: [-0.4], seasonalMa: [-0.6], mean: 0 };

/** A trend, a season of 4 and uneven noise. */
const y = Array.from(
  { length: ROWS },
  (_, t) => 40 + 0.5 * t + 6 * Math.sin((2 * Math.PI * t) / PERIOD) + Math.sin(t * 2.7),
);

function preprocessing(): ForecastPreprocessing {
  const pre = validPreprocessing({ lookback: LOOKBACK, horizon: HORIZON });
  pre.inputs = [
    { name: 'y change', source: 'y', derived: 'difference', scaler: { kind: 'standard', center: 0.5, scale: 4 } },
  ];
  pre.target = {
    name: 'y',
    transform: 'arima',
    period: PERIOD,
    scaler: { kind: 'standard', center: 0.2, scale: 1.5 },
    arima: MODEL,
  };
  return pre as ForecastPreprocessing;
}

const csv = (rows: number) => ['y', ...y.slice(0, rows).map(String)].join('\n');

describe('forecast bundle with an ARIMA target', () => {
  const cleanup: string[] = [];
  let bundle = '';
  let readme = '';
  let full: number[] = [];
  let shorter: number[] = [];
  let network: number[] = [];

  beforeAll(async () => {
    const pre = preprocessing();
    const exported = await exportedForecastBundle(
      { cell: 'gru', lookback: LOOKBACK, inputs: 1, horizon: HORIZON, seed: 23, preprocessing: pre },
      cleanup,
    );
    bundle = exported.bundle;
    readme = exported.readme;
    full = await appForecast(exported.model, pre, y.slice(0, ROWS));
    shorter = await appForecast(exported.model, pre, y.slice(0, 41));
    network = full.map((v, k) => v - arimaForecast(y, ROWS, k, MODEL));
    exported.model.dispose();
    const dir = join(bundle, 'unpacked');
    await writeFile(join(dir, 'full.csv'), csv(ROWS));
    await writeFile(join(dir, 'shorter.csv'), csv(41));
  });

  afterAll(async () => Promise.all(cleanup.map((d) => rm(d, { recursive: true, force: true }))));

  it('the ARIMA forecast moves the forecast far more than the scripts may differ', () => {
    expect(maxAbsDiff(full, network)).toBeGreaterThan(10);
    expect(maxAbsDiff(full, shorter)).toBeGreaterThan(1e-2);
  });

  it('the README names the model and gives its equations', () => {
    expect(readme).toContain('correction to the ARIMA model ARIMA(1,1,1)(0,1,1)[4]');
    expect(readme).toContain('w[t] = y[t] − d × y[t−1] − D × (y[t−m] − d × y[t−m−1])');
    expect(readme).toContain('θ × e[t−1] + Θ × e[t−m] + θ × Θ × e[t−m−1]');
  });

  function checkScript(command: string, script: string) {
    expectScriptForecasts(bundle, command, script, { 'full.csv': full, 'shorter.csv': shorter });
  }

  it('predict.cjs adds the network to the ARIMA forecast as the app does', () => {
    checkScript('node', 'predict.cjs');
  });

  it('predict.py adds the network to the ARIMA forecast as the app does', { timeout: 40 * 60_000 }, (ctx) => {
    const python = ensureKerasPython();
    if (!python) {
      ctx.skip('python3 is not installed: the predict.py checks need it');
      return;
    }
    checkScript(python, 'predict.py');
  });
});
