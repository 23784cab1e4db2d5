/**
 * The model-use, export and search channels end to end through service.handle: one small LSTM
 * is trained on the Nile series by the real training worker, then forecast, backtested,
 * explained, used on a file, exported, re-imported and searched over, each in the job worker.
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Envelope } from '../../src-main/shared/contract';
import type { RunResult, RunSummary } from '../../src-main/shared/types';
import type {
  BacktestReport,
  BatchPrediction,
  Explanation,
  FutureForecast,
} from '../../src-main/shared/types-model-use';
import type { ProjectState, SearchState } from '../../src-main/shared/types-project';
import type { RayImport } from '../../src-main/shared/ray-trial-schema';
import { exportBaseName } from '../../src-main/services/export-handlers';
import type { StudioEvent } from '../../src-main/services/service-types';
import { StudioService } from '../../src-main/services/studio-service';

const NILE = join(process.cwd(), 'resources', 'samples', 'nile-yearly.csv');
const LOOKBACK = 8;

let dataDir: string;
let outDir: string;
let service: StudioService;
let runId: string;
const events: StudioEvent[] = [];

function value<T>(envelope: Envelope<unknown>): T {
  if (!envelope.ok) throw new Error(`expected success, got ${envelope.error.code}: ${envelope.error.message}`);
  return envelope.value as T;
}

function refusal(envelope: Envelope<unknown>): { code: string; message: string } {
  if (envelope.ok) throw new Error('expected a refusal, got a value');
  return envelope.error;
}

function nileSpec(name: string, epochs: number, units = 8): unknown {
  return {
    name,
    data: { file: NILE, timeColumn: 'year', targetColumns: ['volume'], lookback: LOOKBACK, horizon: 1 },
    model: { cell: 'LSTM', layers: [{ units }] },
    training: { epochs, batchSize: 16, seed: 3, earlyStopping: { enabled: false } },
  };
}

function waitForEvent<T>(match: (e: StudioEvent) => T | null): Promise<T> {
  return new Promise((resolve) => {
    const off = service.subscribe((e) => {
      const hit = match(e);
      if (hit !== null) {
        off();
        resolve(hit);
      }
    });
  });
}

async function train(name: string, epochs: number): Promise<RunResult> {
  const started = value<{ runId: string }>(await service.handle('train.start', { spec: nileSpec(name, epochs) }));
  const finished = await waitForEvent((e) =>
    e.event === 'train.finished' && e.payload.runId === started.runId ? e.payload : null,
  );
  if (finished.status !== 'completed') throw new Error(`training failed: ${finished.error}`);
  return finished;
}

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'studio-model-use-'));
  outDir = join(dataDir, 'out');
  await mkdir(outDir);
  service = new StudioService({ dataDir, host: 'browser', version: '0' });
  service.subscribe((e) => events.push(e));
  runId = (await train('Nile flow', 4)).runId;
});

afterAll(async () => {
  await service.dispose();
  await rm(dataDir, { recursive: true, force: true });
});

describe('future forecasts', () => {
  it('forecasts the asked number of steps, continuing the yearly time stamps, inside its intervals', async () => {
    const f = value<FutureForecast>(await service.handle('forecast.future', { runId, steps: 5 }));
    expect(f.point).toHaveLength(5);
    expect(f.time).toHaveLength(5);
    expect(f.point.every(Number.isFinite)).toBe(true);
    const years = [f.history.time.at(-1), ...f.time].map((t) => new Date(String(t)).getUTCFullYear());
    expect(years).toEqual([1970, 1971, 1972, 1973, 1974, 1975]);
    // Default levels 0.8 and 0.95: the wider band holds the narrower one, which holds the forecast.
    expect(f.intervals.map((b) => b.level)).toEqual([0.8, 0.95]);
    const [b80, b95] = f.intervals;
    for (let k = 0; k < 5; k++) {
      expect(b95.lower[k]).toBeLessThanOrEqual(b80.lower[k]);
      expect(b80.lower[k]).toBeLessThanOrEqual(f.point[k]);
      expect(f.point[k]).toBeLessThanOrEqual(b80.upper[k]);
      expect(b80.upper[k]).toBeLessThanOrEqual(b95.upper[k]);
    }
  });

  it('gives the same forecast as CSV with interval columns', async () => {
    const f = value<FutureForecast>(await service.handle('forecast.future', { runId, steps: 3, levels: [0.9] }));
    const out = value<{ fileName: string; csv: string }>(
      await service.handle('forecast.futureCsv', { runId, steps: 3, levels: [0.9] }),
    );
    expect(out.fileName).toBe('volume-forecast.csv');
    const lines = out.csv.trim().split(/\r?\n/);
    expect(lines[0]).toBe('time,forecast,lower_90,upper_90');
    expect(lines).toHaveLength(4);
    expect(Number(lines[1].split(',')[1])).toBeCloseTo(f.point[0], 6);
  });

  it('refuses runs without a model and models of another task, naming the run', async () => {
    const unknown = refusal(await service.handle('forecast.future', { runId: 'ghost', steps: 2 }));
    expect(unknown.code).toBe('not-found');
    const text = refusal(await service.handle('predict.text', { runId, text: 'hello' }));
    expect(text.code).toBe('invalid-request');
    expect(text.message).toContain('"Nile flow" is a forecast model');
    const gen = refusal(await service.handle('generate.text', { runId, seed: 'a', length: 3, temperature: 1 }));
    expect(gen.message).toContain('text generation');
  });
});

describe('backtests, explanations and batch predictions', () => {
  it('backtests from a chosen origin against the baselines', async () => {
    const report = value<BacktestReport>(
      await service.handle('backtest.run', { runId, start: 90, step: 2, horizon: 2 }),
    );
    expect(report.origins).toEqual([90, 92, 94, 96, 98]);
    expect(report.horizon).toBe(2);
    expect(report.model.perStep).toHaveLength(2);
    expect(report.model.overall.rmse).toBeGreaterThan(0);
    expect(report.baselines.naive.overall.rmse).toBeGreaterThan(0);
    expect(report.series.actual).toHaveLength(100);
    expect(report.retrainEvery).toBeNull();
  });

  it('retrains every few folds in the job worker when asked', async () => {
    const report = value<BacktestReport>(
      await service.handle('backtest.run', { runId, start: 96, step: 1, horizon: 1, retrainEvery: 2 }),
    );
    expect(report.retrainEvery).toBe(2);
    expect(report.origins).toEqual([96, 97, 98, 99]);
    expect(report.folds.every((f) => f.forecast.every(Number.isFinite))).toBe(true);
  });

  it('explains the forecast per input and window step', async () => {
    const e = value<Explanation>(await service.handle('explain.run', { runId }));
    // The Nile run models year-to-year changes, so its one input is named after the transformed target.
    expect(e.features).toHaveLength(1);
    expect(e.features[0].name).toMatch(/^volume/);
    expect(e.heatmap).toHaveLength(LOOKBACK);
    expect(e.heatmap[0]).toHaveLength(e.featureNames.length);
  });

  it('predicts on a file and writes the CSV where asked', async () => {
    const output = join(outDir, 'predictions.csv');
    const p = value<BatchPrediction>(await service.handle('predict.file', { runId, path: NILE, output }));
    expect(p.file).toBe(output);
    expect(p.rows).toBeGreaterThan(80);
    const written = (await readFile(output, 'utf8')).trim().split(/\r?\n/);
    expect(written).toHaveLength(p.rows + 1);
    const relative = refusal(await service.handle('predict.file', { runId, path: 'nile.csv' }));
    expect(relative.message).toContain('must be absolute');
  });
});

describe('exports and imports', () => {
  it('names downloads after the run, without spaces or dashes in a row', () => {
    expect(exportBaseName('nile-yearly — forecast')).toBe('nile-yearly-forecast');
    expect(exportBaseName('Débit du Nil (v2)')).toBe('Débit-du-Nil-v2');
    expect(exportBaseName('— —')).toBe('model');
  });

  it('exports ONNX and Keras files with the right names, and the same bytes for download', async () => {
    const onnx = value<{ files: string[] }>(
      await service.handle('model.export', { runId, format: 'onnx', target: join(outDir, 'nile') }),
    );
    expect(onnx.files).toEqual([join(outDir, 'nile.onnx')]);
    const onnxBytes = await readFile(onnx.files[0]);
    expect(onnxBytes.length).toBeGreaterThan(1000);
    const archive = value<{ fileName: string; contentBase64: string }>(
      await service.handle('model.exportArchive', { runId, format: 'onnx' }),
    );
    expect(archive.fileName).toBe('Nile-flow.onnx');
    expect(Buffer.from(archive.contentBase64, 'base64').equals(onnxBytes)).toBe(true);

    const keras = value<{ files: string[] }>(
      await service.handle('model.export', { runId, format: 'keras', target: join(outDir, 'nile.keras') }),
    );
    expect(keras.files).toEqual([join(outDir, 'nile.keras')]);
    expect(Object.keys(unzipSync(new Uint8Array(await readFile(keras.files[0]))))).toEqual(
      expect.arrayContaining(['config.json', 'model.weights.h5']),
    );
    // The temporary export folders of downloads are gone again.
    const leftovers = (await readdir(tmpdir())).filter((n) => n.startsWith('recurrent-export-'));
    for (const name of leftovers) expect(existsSync(join(tmpdir(), name, 'Nile-flow.onnx'))).toBe(false);
  });

  it('zips a TensorFlow.js export and re-imports the folder as a run that forecasts the same', async () => {
    const archive = value<{ fileName: string; contentBase64: string }>(
      await service.handle('model.exportArchive', { runId, format: 'tfjs' }),
    );
    expect(archive.fileName).toBe('Nile-flow-tfjs.zip');
    const zip = unzipSync(new Uint8Array(Buffer.from(archive.contentBase64, 'base64')));
    expect(Object.keys(zip)).toEqual(expect.arrayContaining(['model.json', 'preprocessing.json']));

    const folder = join(outDir, 'tfjs');
    value(await service.handle('model.export', { runId, format: 'tfjs', target: folder }));
    const imported = value<RunSummary>(await service.handle('model.import', { dir: folder }));
    expect(imported.runId).not.toBe(runId);
    expect(imported).toMatchObject({ name: 'Nile flow (imported)', task: 'forecast', status: 'completed' });
    const record = value<RunResult>(await service.handle('runs.get', { runId: imported.runId }));
    expect(record.evaluation).toBeNull();
    expect((await stat(join(record.modelDir ?? '', 'model.json'))).isFile()).toBe(true);

    const original = value<FutureForecast>(await service.handle('forecast.future', { runId, steps: 3, levels: [] }));
    const again = value<FutureForecast>(
      await service.handle('forecast.future', { runId: imported.runId, steps: 3, levels: [] }),
    );
    expect(again.point).toEqual(original.point);
  });

  it('refuses folders that are not usable models, copying nothing', async () => {
    const runsBefore = value<RunSummary[]>(await service.handle('runs.list', undefined)).length;
    const noPre = join(outDir, 'no-preprocessing');
    value(await service.handle('model.export', { runId, format: 'tfjs', target: noPre }));
    await rm(join(noPre, 'preprocessing.json'));
    const missing = refusal(await service.handle('model.import', { dir: noPre }));
    expect(missing.code).toBe('bad-data');
    expect(missing.message).toContain('preprocessing.json');

    const junk = join(outDir, 'junk');
    await mkdir(junk);
    await writeFile(join(junk, 'model.json'), '{ nope');
    expect(refusal(await service.handle('model.import', { dir: junk })).code).toBe('bad-data');
    expect(value<RunSummary[]>(await service.handle('runs.list', undefined))).toHaveLength(runsBefore);
  });

  // Keras training projects: downloaded as a zip, and .keras models come back as scored runs.
  it('zips a Keras training project and imports a .keras model as a run scored like the original', async () => {
    const archive = value<{ fileName: string; contentBase64: string }>(
      await service.handle('model.exportArchive', { runId, format: 'keras-project' }),
    );
    expect(archive.fileName).toBe('Nile-flow-keras-project.zip');
    const zip = unzipSync(new Uint8Array(Buffer.from(archive.contentBase64, 'base64')));
    expect(Object.keys(zip)).toEqual(
      expect.arrayContaining(['train.py', 'prepare.py', 'model.py', 'preprocessing.json', 'model/app.weights.h5']),
    );

    const original = value<RunResult>(await service.handle('runs.get', { runId }));
    const file = join(outDir, 'to-import.keras');
    value(await service.handle('model.export', { runId, format: 'keras', target: file }));
    const preprocessing = join(original.modelDir ?? '', 'preprocessing.json');
    const imported = value<RunSummary>(await service.handle('model.importKeras', { file, preprocessing }));
    expect(imported).toMatchObject({ task: 'forecast', status: 'completed' });
    const record = value<RunResult>(await service.handle('runs.get', { runId: imported.runId }));
    if (record.evaluation?.kind !== 'forecast' || original.evaluation?.kind !== 'forecast') throw new Error('scores');
    expect(record.evaluation.metrics.rmse).toBeCloseTo(original.evaluation.metrics.rmse, 4);

    // A preparation with another window does not fit the model: refused with both shapes, nothing recorded.
    const runsBefore = value<RunSummary[]>(await service.handle('runs.list', undefined)).length;
    const pre = JSON.parse(await readFile(preprocessing, 'utf8')) as { lookback: number };
    const other = join(outDir, 'other-window.json');
    await writeFile(other, JSON.stringify({ ...pre, lookback: pre.lookback + 2 }));
    const refused = refusal(await service.handle('model.importKeras', { file, preprocessing: other }));
    expect(refused.code).toBe('bad-data');
    expect(refused.message).toMatch(/takes inputs of shape \[\d+, 1\].*gives windows of \d+ steps/);
    expect(value<RunSummary[]>(await service.handle('runs.list', undefined))).toHaveLength(runsBefore);

    // A Ray Tune results folder as search.py leaves it: the completed trial comes in, the failed one is named.
    const search = join(outDir, 'ray-results', 'search');
    const done = join(search, 'run_trial_00000_0_trial=0', 'checkpoint_000000');
    await mkdir(done, { recursive: true });
    await writeFile(join(search, 'run_trial_00000_0_trial=0', 'params.json'), JSON.stringify({ trial: 0 }));
    await writeFile(join(search, 'run_trial_00000_0_trial=0', 'result.json'), '{"score": 0.2}\n');
    await writeFile(join(done, 'model.keras'), await readFile(file));
    await writeFile(join(done, 'preprocessing.json'), await readFile(preprocessing));
    await writeFile(
      join(done, 'trial.json'),
      JSON.stringify({ index: 0, name: 'Nile #1 (units=4)', values: { units: 4 } }),
    );
    const failed = join(search, 'run_trial_00001_1_trial=1');
    await mkdir(failed);
    await writeFile(join(failed, 'params.json'), JSON.stringify({ trial: 1 }));
    await writeFile(join(failed, 'error.txt'), 'Traceback …\nRuntimeError: Trial 2 failed: the data file is missing\n');
    const ray = value<RayImport>(await service.handle('model.importRay', { dir: join(outDir, 'ray-results') }));
    expect(ray.imported).toHaveLength(1);
    expect(ray.imported[0]).toMatchObject({ task: 'forecast', status: 'completed' });
    expect(ray.refused).toEqual([
      {
        folder: 'run_trial_00001_1_trial=1',
        reason: 'The trial failed in Ray: RuntimeError: Trial 2 failed: the data file is missing',
      },
    ]);
    const trialRun = value<RunResult>(await service.handle('runs.get', { runId: ray.imported[0].runId }));
    if (trialRun.evaluation?.kind !== 'forecast') throw new Error('scores');
    expect(trialRun.evaluation.metrics.rmse).toBeCloseTo(original.evaluation.metrics.rmse, 4);
    const empty = refusal(await service.handle('model.importRay', { dir: join(outDir, 'no-trials-here') }));
    expect(empty.code).toBe('bad-data');
    expect(empty.message).toMatch(/is not a folder: choose the results folder of a Ray Tune search/);
  });
});

describe('projects and searches with real runs', () => {
  it('records finished runs in the open project', async () => {
    const project = value<ProjectState>(await service.handle('project.current', undefined));
    expect(project.runs.map((r) => r.runId)).toContain(runId);
    expect(events.some((e) => e.event === 'project.changed')).toBe(true);
  });

  it('runs a grid search one run at a time and refuses training meanwhile', async () => {
    const plan = { mode: 'grid', maxRuns: 2, dimensions: [{ path: 'model.layers.0.units', values: [4, 6] }] };
    const updates: SearchState[] = [];
    const off = service.subscribe((e) => {
      if (e.event === 'search.updated') updates.push(e.payload);
    });
    const finished = waitForEvent((e) =>
      e.event === 'search.updated' && e.payload.status !== 'running' ? e.payload : null,
    );
    const { searchId } = value<{ searchId: string }>(
      await service.handle('search.start', { spec: nileSpec('Search', 1), plan }),
    );
    const busy = refusal(await service.handle('train.start', { spec: nileSpec('Meanwhile', 1) }));
    expect(busy.message).toContain('search is running');
    const done = await finished;
    off();
    expect(done.searchId).toBe(searchId);
    expect(done.status).toBe('completed');
    expect(done.rows.map((r) => r.status)).toEqual(['completed', 'completed']);
    expect(done.bestRunId).toBe(
      done.rows.find((r) => r.score === Math.min(...done.rows.map((x) => x.score ?? Infinity)))?.runId,
    );
    // Never two runs of the search at once: each 'running' update has at most one running row.
    expect(updates.every((u) => u.rows.filter((r) => r.status === 'running').length <= 1)).toBe(true);
    const runs = value<RunSummary[]>(await service.handle('runs.list', undefined)).map((r) => r.runId);
    for (const row of done.rows) expect(runs).toContain(row.runId);
    const cancelled = refusal(await service.handle('search.cancel', { searchId }));
    expect(cancelled.code).toBe('not-found');
  });
});

describe('text models', () => {
  const SAMPLES = join(process.cwd(), 'resources', 'samples');
  let classifierId: string;
  let generatorId: string;

  async function trainSpec(input: unknown): Promise<string> {
    const started = value<{ runId: string }>(await service.handle('train.start', { spec: input }));
    const finished = await waitForEvent((e) =>
      e.event === 'train.finished' && e.payload.runId === started.runId ? e.payload : null,
    );
    if (finished.status !== 'completed') throw new Error(`training failed: ${finished.error}`);
    return started.runId;
  }

  beforeAll(async () => {
    const quick = { epochs: 2, batchSize: 32, seed: 3, earlyStopping: { enabled: false } };
    classifierId = await trainSpec({
      name: 'Reviews',
      task: 'text-classification',
      data: {
        file: join(SAMPLES, 'movie-reviews-sentiment.csv'),
        targetColumns: ['sentiment'],
        text: { column: 'review', tokens: 'word', vocabSize: 300, maxLength: 12 },
      },
      model: { cell: 'GRU', input: 'embedding', embeddingDim: 8, layers: [{ units: 8 }] },
      training: quick,
    });
    generatorId = await trainSpec({
      name: 'Characters',
      task: 'text-generation',
      data: {
        file: join(SAMPLES, 'shakespeare-coriolanus.txt'),
        targetColumns: ['text'],
        stride: 200,
        text: { column: 'text', tokens: 'char', lowercase: false, vocabSize: 100, maxLength: 16 },
      },
      model: { cell: 'GRU', input: 'embedding', embeddingDim: 8, layers: [{ units: 16 }] },
      training: { ...quick, epochs: 1 },
    });
  });

  it('gives class probabilities for a typed text', async () => {
    const result = value<{ runId: string; classes: { label: string; probability: number }[] }>(
      await service.handle('predict.text', { runId: classifierId, text: 'A gripping film, never silly.' }),
    );
    expect(result.runId).toBe(classifierId);
    expect(result.classes.map((c) => c.label).sort()).toEqual(['negative', 'positive']);
    const total = result.classes.reduce((sum, c) => sum + c.probability, 0);
    expect(total).toBeCloseTo(1, 5);
    const forecast = refusal(await service.handle('forecast.future', { runId: classifierId, steps: 2 }));
    expect(forecast.message).toContain('"Reviews" is a text classification model');
  });

  it('continues a typed seed with generated text', async () => {
    const seed = 'MENENIUS: ';
    const result = value<{ runId: string; text: string }>(
      await service.handle('generate.text', { runId: generatorId, seed, length: 20, temperature: 0.8 }),
    );
    expect(result.text.startsWith(seed)).toBe(true);
    expect(result.text.length).toBeGreaterThan(seed.length);
    const wrong = refusal(await service.handle('predict.text', { runId: generatorId, text: 'x' }));
    expect(wrong.message).toContain('text generation model');
  });
});
