/**
 * Bundles of a model trained over many series: predict.cjs and predict.py forecast any series
 * by id (--series ID) from the long file itself, with that series' own scaling, exactly as the
 * app forecasts it (a series the validation guard gave its plain forecast as well as one that keeps
 * the network); an id the model never saw is refused with the model's series named.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { forecastFuture } from '../../src-main/model-use/index';
import { loadTf } from '../../src-main/tensorflow/load-tf';
import { quickTraining, trainRun } from '../model-use/train-run';
import { relatedSeries, writeLongCsv } from '../quality/related-series';
import { lastJson, runScript, unpackedBundle } from './bundle-helpers';
import { maxAbsDiff } from './fixtures';
import { ensureKerasPython } from './python-keras';

const HORIZON = 2;
const SERIES = relatedSeries(4, 13, 60, 72);
let runDir = '';
let bundleDir = '';
let history = '';

beforeAll(async () => {
  bundleDir = (await exportedGlobalBundle()).dir;
}, 300_000);
afterAll(async () => {
  await rm(bundleDir, { recursive: true, force: true });
  await rm(runDir, { recursive: true, force: true });
});

/** Trains a small global model over the four series and exports it as a bundle. */
async function exportedGlobalBundle(): Promise<{ dir: string }> {
  runDir = await mkdtemp(join(tmpdir(), 'rs-global-bundle-'));
  history = join(runDir, 'shops.csv');
  await writeLongCsv(history, SERIES);
  const result = await trainRun(
    {
      data: {
        file: history,
        timeColumn: 'month',
        idColumn: 'id',
        targetColumns: ['value'],
        lookback: 12,
        horizon: HORIZON,
        series: { scope: 'all' },
      },
      model: { layers: [{ units: 8 }] },
      training: quickTraining(2),
    },
    join(runDir, 'run'),
  );
  return unpackedBundle(result.modelDir ?? '');
}

async function appForecast(series: string): Promise<number[]> {
  const { tf } = await loadTf();
  const f = await forecastFuture(tf, join(runDir, 'run'), { steps: HORIZON, levels: [], series });
  return f.point;
}

/** The run's series by whether the validation guard made them forecast a plain forecast. */
async function seriesKinds(): Promise<{ plain: string[]; network: string[] }> {
  const pre = JSON.parse(await readFile(join(runDir, 'run', 'model', 'preprocessing.json'), 'utf8')) as {
    series: { id: string; target: { plain?: boolean } }[];
  };
  return {
    plain: pre.series.filter((s) => s.target.plain === true).map((s) => s.id),
    network: pre.series.filter((s) => s.target.plain !== true).map((s) => s.id),
  };
}

describe('bundle of a global model', () => {
  it('predict.cjs forecasts any series by id from the long file, as the app does', async () => {
    // The series sit at different levels, so a forecast made with another series' scaling would be far off.
    expect(Math.abs((await appForecast('s003'))[0] - (await appForecast('s001'))[0])).toBeGreaterThan(1);
    // A series the validation guard gave its plain forecast and one that keeps the network.
    const { plain, network } = await seriesKinds();
    expect(plain.length).toBeGreaterThan(0);
    expect(network.length).toBeGreaterThan(0);
    for (const id of new Set(['s003', 's001', plain[0], network[0]])) {
      const expected = await appForecast(id);
      const forecast = lastJson<number[]>(runScript(bundleDir, 'node', ['predict.cjs', history, '--series', id]));
      expect(forecast).toHaveLength(HORIZON);
      expect(maxAbsDiff(forecast, expected)).toBeLessThan(1e-4 * Math.max(1, Math.abs(expected[0])));
    }
    // Without --series: the first series.
    const first = lastJson<number[]>(runScript(bundleDir, 'node', ['predict.cjs', history]));
    expect(maxAbsDiff(first, await appForecast('s001'))).toBeLessThan(1e-4 * Math.max(1, Math.abs(first[0])));
  });

  it('predict.cjs names the model’s series for an id it was not trained on', () => {
    const run = spawnSync('node', ['predict.cjs', history, '--series', 'nope'], {
      cwd: join(bundleDir, 'unpacked'),
      encoding: 'utf8',
      env: { ...process.env, NODE_PATH: resolve('node_modules') },
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('The model has no series "nope". Its series are "s001", "s002", "s003", "s004".');
  });

  it('predict.py (onnxruntime) forecasts the same series the same way', { timeout: 600_000 }, async (ctx) => {
    const python = ensureKerasPython();
    if (!python) {
      ctx.skip();
      return;
    }
    const { plain, network } = await seriesKinds();
    for (const id of [plain[0], network[0]]) {
      const expected = await appForecast(id);
      const forecast = lastJson<number[]>(runScript(bundleDir, python, ['predict.py', history, '--series', id]));
      expect(maxAbsDiff(forecast, expected)).toBeLessThan(1e-4 * Math.max(1, Math.abs(expected[0])));
    }
    const refused = spawnSync(python, ['predict.py', history, '--series', 'nope'], {
      cwd: join(bundleDir, 'unpacked'),
      encoding: 'utf8',
    });
    expect(refused.status).toBe(1);
    expect(refused.stderr).toContain('The model has no series "nope"');
  });
});
