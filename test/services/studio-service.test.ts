import { mkdtemp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { unzipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { REQUEST_NAMES, requestArgs, type Envelope, type RequestName } from '../../src-main/shared/contract';
import type { DatasetSummary, RunResult, RunSummary } from '../../src-main/shared/types';
import type { StudioEvent } from '../../src-main/services/service-types';
import { StudioService } from '../../src-main/services/studio-service';
import { startedRun } from '../../src-main/shared/run-summary';
import { specSchema } from '../../src-main/shared/spec';
import { ScriptedLauncher, completed, epoch, fakeDeps, yearlyCsv } from './fixtures';

let dataDir: string;
let launcher: ScriptedLauncher;
let service: StudioService;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'studio-service-'));
  launcher = new ScriptedLauncher();
  service = new StudioService({ dataDir, host: 'browser', version: '1.2.3' }, fakeDeps(launcher));
});

afterEach(async () => {
  await service.dispose();
  await rm(dataDir, { recursive: true, force: true });
});

function value<T>(envelope: Envelope<unknown>): T {
  if (!envelope.ok) throw new Error(`expected success, got ${envelope.error.code}: ${envelope.error.message}`);
  return envelope.value as T;
}

/** 60 yearly rows: with lookback 4, enough training windows to pass the checks before training. */
async function upload(name = 'nile.csv', rows = 60): Promise<DatasetSummary> {
  const contentBase64 = Buffer.from(yearlyCsv(rows)).toString('base64');
  return value<DatasetSummary>(await service.handle('data.upload', { fileName: name, contentBase64 }));
}

function spec(file: string, extra: Record<string, unknown> = {}): unknown {
  return { name: 'Nile flow', data: { file, timeColumn: 'year', targetColumns: ['flow'], lookback: 4 }, ...extra };
}

/** Per channel: a malformed payload and a word its error message must contain. */
const MALFORMED: Partial<Record<RequestName, [unknown, string][]>> = {
  'app.info': [[{ extra: 1 }, 'app.info']],
  'data.inspect': [
    [{}, 'path'],
    [{ path: 7 }, 'path'],
    [{ path: '/a.csv', extra: true }, 'extra'],
  ],
  'data.upload': [
    [{ fileName: '', contentBase64: 'AA==' }, 'fileName'],
    [{ fileName: 'a.csv' }, 'contentBase64'],
  ],
  'data.rows': [
    [{ datasetId: 'x', offset: -1, limit: 10 }, 'offset'],
    [{ datasetId: 'x', offset: 0, limit: 100_000 }, 'limit'],
    [{ datasetId: '', offset: 0, limit: 1 }, 'datasetId'],
  ],
  'spec.suggest': [
    [{ datasetId: 'x', task: 'dance' }, 'task'],
    [{}, 'datasetId'],
  ],
  'spec.validate': [[{ spec: {}, more: 1 }, 'more']],
  'model.summary': [[null, 'model.summary']],
  'train.start': [[[], 'train.start']],
  'train.control': [
    [{ runId: 'r', action: 'explode' }, 'action'],
    [{ action: 'pause' }, 'runId'],
  ],
  'runs.list': [['all', 'runs.list']],
  'runs.get': [[{ runId: 5 }, 'runId']],
  'model.save': [[{ runId: 'r' }, 'dir']],
  'model.archive': [[{ run: 'r' }, 'runId']],
  'dialog.openDataFile': [[{ title: 'x' }, 'dialog.openDataFile']],
  'dialog.chooseFolder': [[{ title: 5 }, 'title']],
  'dialog.saveFile': [[{ extensions: [] }, 'defaultName']],
  'dialog.openProject': [[{ path: '/x' }, 'dialog.openProject']],
  'model.export': [
    [{ runId: 'r', format: 'pdf', target: '/tmp/x' }, 'format'],
    [{ runId: 'r', format: 'onnx' }, 'target'],
  ],
  'model.exportArchive': [[{ runId: 'r' }, 'format']],
  'model.import': [[{ dir: '' }, 'dir']],
  'forecast.future': [
    [{ runId: 'r', steps: 0 }, 'steps'],
    [{ runId: 'r', steps: 3, levels: [1.5] }, 'levels'],
  ],
  'forecast.futureCsv': [[{ runId: 'r', steps: 3 }, 'levels']],
  'backtest.run': [
    [{ runId: 'r', retrainEvery: 0 }, 'retrainEvery'],
    [{ runId: 'r', step: 1.5 }, 'step'],
  ],
  'explain.run': [[{ runId: '' }, 'runId']],
  'predict.file': [[{ runId: 'r', path: '/a.csv', output: '' }, 'output']],
  'predict.text': [[{ runId: 'r', text: 5 }, 'text']],
  'generate.text': [
    [{ runId: 'r', seed: 'a', length: 10, temperature: 0 }, 'temperature'],
    [{ runId: 'r', seed: 'a', length: 0, temperature: 1 }, 'length'],
  ],
  'project.open': [[{ path: '' }, 'path']],
  'project.save': [[{ path: 5 }, 'path']],
  'project.relink': [[{}, 'path']],
  'samples.open': [[{ id: '' }, 'id']],
  'search.start': [
    [{ spec: {}, plan: { mode: 'sweep', dimensions: [{ path: 'a', values: [1] }], maxRuns: 1 } }, 'plan.mode'],
    [{ spec: {}, plan: { mode: 'grid', dimensions: [], maxRuns: 1 } }, 'plan.dimensions'],
  ],
  'search.cancel': [[{}, 'searchId']],
  'settings.set': [
    [{ trainingThreads: 0 }, 'trainingThreads'],
    [{ theme: 'pink' }, 'theme'],
  ],
};

describe('request validation', () => {
  it.each(REQUEST_NAMES)('rejects malformed payloads for %s with a specific message', async (name) => {
    // Every channel takes either nothing or an object with known keys: an extra key and a bare number are both wrong.
    const takesNothing = requestArgs[name].safeParse(undefined).success;
    const generic: [unknown, string][] = takesNothing
      ? [[{ surprise: 1 }, 'expected undefined']]
      : [
          [42, 'expected object'],
          [{ surprise: 1 }, 'surprise'],
        ];
    for (const [payload, word] of [...generic, ...(MALFORMED[name] ?? [])]) {
      const envelope = await service.handle(name, payload);
      expect(envelope.ok).toBe(false);
      if (envelope.ok) continue;
      expect(envelope.error.code).toBe('invalid-request');
      expect(envelope.error.message).toContain(`"${name}"`);
      expect(envelope.error.message).toContain(word);
    }
  });

  it('rejects an unknown channel by name', async () => {
    const envelope = await service.handle('fs.readFile', { path: '/etc/passwd' });
    expect(envelope).toEqual({
      ok: false,
      error: { code: 'invalid-request', message: 'Unknown request "fs.readFile".' },
    });
  });

  it.each([
    ['dialog.openDataFile', undefined],
    ['dialog.openDataFolder', undefined],
    ['dialog.chooseFolder', {}],
    ['dialog.saveFile', { defaultName: 'forecast.csv', extensions: ['csv'] }],
    ['dialog.openProject', undefined],
  ])('answers %s as unavailable outside Electron', async (name, args) => {
    const envelope = await service.handle(name, args);
    expect(envelope.ok ? null : envelope.error.code).toBe('unavailable');
    expect(envelope.ok ? '' : envelope.error.message).toContain('desktop app');
  });

  it('runs handlers registered from outside, with validated arguments', async () => {
    const seen: unknown[] = [];
    service.registerHandler('search.cancel', async (args) => {
      seen.push(args);
      return { ok: true };
    });
    expect(await service.handle('search.cancel', { searchId: 's1' })).toEqual({ ok: true, value: { ok: true } });
    expect((await service.handle('search.cancel', {})).ok).toBe(false);
    expect(seen).toEqual([{ searchId: 's1' }]);
  });
});

describe('datasets', () => {
  it('reports app info from the host and backend', async () => {
    const info = value<{ host: string; version: string; backend: string }>(await service.handle('app.info', undefined));
    expect(info).toMatchObject({ host: 'browser', version: '1.2.3', backend: 'cpu' });
  });

  it('stores uploads inside the uploads folder whatever the file name says', async () => {
    const summary = await upload('../../../etc/evil.csv');
    const uploads = join(dataDir, 'uploads');
    expect(summary.path.startsWith(uploads + '/')).toBe(true);
    expect(dirname(dirname(summary.path))).toBe(uploads);
    expect(summary.fileName).toBe('evil.csv');
    expect(await readFile(summary.path, 'utf8')).toBe(yearlyCsv(60));
  });

  it('keeps two uploads of the same name apart', async () => {
    const a = await upload('same.csv', 5);
    const b = await upload('same.csv', 6);
    expect(a.path).not.toBe(b.path);
    expect(await readFile(a.path, 'utf8')).toBe(yearlyCsv(5));
  });

  it('rejects uploads that are not base64', async () => {
    const envelope = await service.handle('data.upload', { fileName: 'x.csv', contentBase64: '<script>' });
    expect(envelope.ok ? null : envelope.error.message).toContain('not valid base64');
  });

  it('pages rows of an opened dataset as display strings', async () => {
    const summary = await upload('nile.csv', 30);
    const page = value<{ rows: string[][]; total: number }>(
      await service.handle('data.rows', { datasetId: summary.id, offset: 28, limit: 10 }),
    );
    expect(page.total).toBe(30);
    expect(page.rows).toEqual([
      ['1928-01-01', '128'],
      ['1929-01-01', '129'],
    ]);
  });

  it('answers not-found for an unknown dataset', async () => {
    const envelope = await service.handle('data.rows', { datasetId: 'nope', offset: 0, limit: 1 });
    expect(envelope.ok ? null : envelope.error.code).toBe('not-found');
  });

  it('reports spec problems per field', async () => {
    const result = value<{ ok: boolean; problems: { path: string }[] }>(
      await service.handle('spec.validate', { spec: { data: { file: '/x.csv', targetColumns: [], lookback: 0 } } }),
    );
    expect(result.ok).toBe(false);
    expect(result.problems.map((p) => p.path)).toEqual(expect.arrayContaining(['data.targetColumns', 'data.lookback']));
  });
});

describe('runs', () => {
  it('refuses to train an invalid spec and names the fields', async () => {
    const envelope = await service.handle('train.start', { spec: { data: { file: '/x.csv', targetColumns: [] } } });
    expect(envelope.ok).toBe(false);
    if (envelope.ok) return;
    expect(envelope.error.code).toBe('invalid-spec');
    expect(envelope.error.problems?.map((p) => p.path)).toContain('data.targetColumns');
    expect(launcher.launched).toHaveLength(0);
  });

  it('refuses to train on a file that is gone', async () => {
    const envelope = await service.handle('train.start', { spec: spec(join(dataDir, 'missing.csv')) });
    expect(envelope.ok ? null : envelope.error.code).toBe('bad-data');
  });

  it('streams epochs, finishes, persists and lists a run', async () => {
    const dataset = await upload();
    const events: StudioEvent[] = [];
    service.subscribe((e) => events.push(e));
    const { runId } = value<{ runId: string }>(await service.handle('train.start', { spec: spec(dataset.path) }));
    const { request, callbacks } = launcher.last;
    expect(request.runId).toBe(runId);
    expect(request.spec.data.lookback).toBe(4);

    const history = [epoch(runId, 1, 0.5), epoch(runId, 2, 0.3)];
    history.forEach((h) => callbacks.onEpoch(h));
    const running = value<RunResult>(await service.handle('runs.get', { runId }));
    expect(running.status).toBe('running');
    expect(running.history.map((h) => h.loss)).toEqual([0.5, 0.3]);

    callbacks.onFinished(completed(request, history));
    await service.dispose();
    expect(events.filter((e) => e.event === 'train.epoch')).toHaveLength(2);
    expect(events.at(-1)?.event).toBe('train.finished');

    const onDisk = JSON.parse(await readFile(join(dataDir, 'runs', runId, 'run.json'), 'utf8')) as RunResult;
    expect(onDisk.status).toBe('completed');
    expect(onDisk.history).toHaveLength(2);
    const list = value<RunSummary[]>(await service.handle('runs.list', undefined));
    expect(list.map((r) => [r.runId, r.status])).toEqual([[runId, 'completed']]);
  });

  it('forwards pause and cancel to the active run only', async () => {
    const dataset = await upload();
    const { runId } = value<{ runId: string }>(await service.handle('train.start', { spec: spec(dataset.path) }));
    value(await service.handle('train.control', { runId, action: 'pause' }));
    expect(launcher.last.controls).toEqual(['pause']);
    launcher.last.callbacks.onFinished({ ...completed(launcher.last.request, []), status: 'cancelled' });
    const late = await service.handle('train.control', { runId, action: 'resume' });
    expect(late.ok ? null : late.error.code).toBe('invalid-request');
    const unknown = await service.handle('train.control', { runId: 'ghost', action: 'cancel' });
    expect(unknown.ok ? null : unknown.error.code).toBe('not-found');
  });

  it('records a run whose training could not start as failed', async () => {
    const dataset = await upload();
    const failing = new StudioService(
      { dataDir, host: 'browser', version: '0' },
      {
        ...fakeDeps(launcher),
        launchRun: () => {
          throw new Error('no worker');
        },
      },
    );
    const { runId } = value<{ runId: string }>(await failing.handle('train.start', { spec: spec(dataset.path) }));
    const run = value<RunResult>(await failing.handle('runs.get', { runId }));
    expect(run.status).toBe('failed');
    expect(run.error).toContain('no worker');
    await failing.dispose();
  });

  it('deletes a finished run with its folder, but not one still training', async () => {
    const dataset = await upload();
    const { runId } = value<{ runId: string }>(await service.handle('train.start', { spec: spec(dataset.path) }));
    const busy = await service.handle('runs.delete', { runId });
    expect(busy.ok ? null : busy.error.code).toBe('invalid-request');
    launcher.last.callbacks.onFinished(completed(launcher.last.request, []));
    await service.dispose();
    value(await service.handle('runs.delete', { runId }));
    expect(value<RunSummary[]>(await service.handle('runs.list', undefined))).toEqual([]);
    await expect(readdir(join(dataDir, 'runs'))).resolves.toEqual([]);
    const again = await service.handle('runs.delete', { runId });
    expect(again.ok ? null : again.error.code).toBe('not-found');
  });

  it('marks a run left running by an earlier session as interrupted', async () => {
    const runDir = join(dataDir, 'runs', 'old-run');
    await mkdir(runDir, { recursive: true });
    // A whole run.json as the app writes it: the runs folder is read through its schema.
    const old: RunResult = {
      ...startedRun(
        'old-run',
        specSchema.parse({ data: { file: '/data/old.csv', targetColumns: ['flow'] } }),
        '2020-01-01T00:00:00.000Z',
        'cpu',
      ),
      name: 'Old',
    };
    await writeFile(join(runDir, 'run.json'), JSON.stringify(old));
    await mkdir(join(dataDir, 'runs', 'damaged'), { recursive: true });
    await writeFile(join(dataDir, 'runs', 'damaged', 'run.json'), '{ not json');

    const later = new StudioService({ dataDir, host: 'browser', version: '0' }, fakeDeps(launcher));
    const list = value<RunSummary[]>(await later.handle('runs.list', undefined));
    expect(list.map((r) => [r.runId, r.status])).toEqual([['old-run', 'interrupted']]);
    const onDisk = JSON.parse(await readFile(join(runDir, 'run.json'), 'utf8')) as RunResult;
    expect(onDisk.status).toBe('interrupted');
    expect(onDisk.error).toMatch(/closed while this run was training/);
    await later.dispose();
  });
});

describe('saving models', () => {
  async function trainedRun(): Promise<{ runId: string; modelDir: string }> {
    const dataset = await upload();
    const { runId } = value<{ runId: string }>(await service.handle('train.start', { spec: spec(dataset.path) }));
    const { request, callbacks } = launcher.last;
    await mkdir(join(request.outDir, 'model'), { recursive: true });
    await writeFile(join(join(request.outDir, 'model'), 'model.json'), '{"modelTopology":{}}');
    await writeFile(join(join(request.outDir, 'model'), 'weights.bin'), Buffer.from([1, 2, 3, 4]));
    await writeFile(join(join(request.outDir, 'model'), 'preprocessing.json'), '{"format":"x"}');
    callbacks.onFinished(completed(request, []));
    return { runId, modelDir: join(request.outDir, 'model') };
  }

  it('copies the model into an empty folder and refuses to overwrite it', async () => {
    const { runId } = await trainedRun();
    const target = join(dataDir, 'export');
    await mkdir(target);
    const saved = value<{ dir: string; files: string[] }>(await service.handle('model.save', { runId, dir: target }));
    expect(saved.files).toEqual(['model.json', 'preprocessing.json', 'weights.bin']);
    expect(await readFile(join(target, 'weights.bin'))).toEqual(Buffer.from([1, 2, 3, 4]));

    await writeFile(join(target, 'model.json'), 'mine');
    const again = await service.handle('model.save', { runId, dir: target });
    expect(again.ok ? null : again.error.code).toBe('io');
    expect(again.ok ? '' : again.error.message).toContain('model.json');
    expect(await readFile(join(target, 'model.json'), 'utf8')).toBe('mine');
    expect((await readdir(target)).sort()).toEqual(['model.json', 'preprocessing.json', 'weights.bin']);
  });

  it('refuses relative destinations and runs without a model', async () => {
    const { runId } = await trainedRun();
    const relative = await service.handle('model.save', { runId, dir: 'exports' });
    expect(relative.ok ? null : relative.error.code).toBe('invalid-request');
    const dataset = await upload();
    const second = value<{ runId: string }>(await service.handle('train.start', { spec: spec(dataset.path) }));
    const none = await service.handle('model.archive', { runId: second.runId });
    expect(none.ok ? null : none.error.code).toBe('not-found');
  });

  it('zips the model files for download', async () => {
    const { runId } = await trainedRun();
    const archive = value<{ fileName: string; contentBase64: string }>(
      await service.handle('model.archive', { runId }),
    );
    expect(archive.fileName).toBe('Nile-flow.zip');
    const files = unzipSync(new Uint8Array(Buffer.from(archive.contentBase64, 'base64')));
    expect(Object.keys(files).sort()).toEqual(['model.json', 'preprocessing.json', 'weights.bin']);
    expect(Buffer.from(files['model.json']).toString()).toBe('{"modelTopology":{}}');
  });
});
