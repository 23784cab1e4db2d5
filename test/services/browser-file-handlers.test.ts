/**
 * The browser host's files as a web app handles them: predictions, projects and folders go up as
 * uploads and come back as downloads, never as typed server paths (the "Predict a file,
 * Save, Open project and Open folder ask for typed server paths").
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadTable } from '../../src-main/data/import/load-table';
import type { RequestResult } from '../../src-main/shared/contract';
import type { DatasetSummary, FileDownload } from '../../src-main/shared/types';
import type { ProjectState } from '../../src-main/shared/types-project';
import { StudioService } from '../../src-main/services/studio-service';
import type { Job } from '../../src-main/worker/jobs';
import { ScriptedLauncher, completed, fakeDeps, value, yearlyCsv } from './fixtures';

let dataDir: string;
let launcher: ScriptedLauncher;
let service: StudioService;
const jobs: Job[] = [];

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'browser-files-'));
  launcher = new ScriptedLauncher();
  jobs.length = 0;
  service = new StudioService(
    { dataDir, host: 'browser', version: '1' },
    {
      ...fakeDeps(launcher),
      loadTable,
      // Stands in for the prediction job: writes a CSV where it is told, as the real job does.
      runJob: (async (job: Job) => {
        jobs.push(job);
        if (job.name !== 'predict.file' || !job.args.output) throw new Error(`unexpected job ${job.name}`);
        await writeFile(job.args.output, 'time,actual,forecast\n1960,1,2\n');
        return {
          runId: 'r',
          rows: 1,
          file: job.args.output,
          preview: [['1960', '1', '2']],
          header: ['time'],
          problems: [],
        };
      }) as never,
    },
  );
});
afterEach(async () => {
  await service.dispose();
  await rm(dataDir, { recursive: true, force: true });
});

const b64 = (text: string) => Buffer.from(text).toString('base64');

describe('predict.upload', () => {
  it('predicts on the uploaded file and returns the CSV as a download, writing nothing beside the input', async () => {
    const data = value<DatasetSummary>(
      await service.handle('data.upload', { fileName: 'flow.csv', contentBase64: b64(yearlyCsv(60)) }),
    );
    const spec = { data: { file: data.path, timeColumn: 'year', targetColumns: ['flow'], lookback: 4 } };
    const { runId } = value<{ runId: string }>(await service.handle('train.start', { spec }));
    launcher.last.callbacks.onFinished(completed(launcher.last.request, []));

    const result = value<RequestResult<'predict.upload'>>(
      await service.handle('predict.upload', { runId, fileName: 'new flow.csv', contentBase64: b64(yearlyCsv(20)) }),
    );
    expect(result.download.fileName).toBe('new flow-predictions.csv');
    expect(Buffer.from(result.download.contentBase64, 'base64').toString()).toBe('time,actual,forecast\n1960,1,2\n');
    const args = jobs[0].args as { file: string; output: string };
    expect(args.output.startsWith(join(dataDir, 'outputs'))).toBe(true);
    expect(args.file.startsWith(join(dataDir, 'uploads'))).toBe(true);
  });

  it('predicts on an uploaded folder of recordings, stored whole, and names the CSV after the folder', async () => {
    const data = value<DatasetSummary>(
      await service.handle('data.upload', { fileName: 'flow.csv', contentBase64: b64(yearlyCsv(60)) }),
    );
    const spec = { data: { file: data.path, timeColumn: 'year', targetColumns: ['flow'], lookback: 4 } };
    const { runId } = value<{ runId: string }>(await service.handle('train.start', { spec }));
    launcher.last.callbacks.onFinished(completed(launcher.last.request, []));

    const files = ['wave/rec1.csv', 'wave/rec2.csv', 'swipe/rec1.csv'].map((path) => ({
      path,
      contentBase64: b64('x,y\n1,2\n3,4\n'),
    }));
    const result = value<RequestResult<'predict.uploadFolder'>>(
      await service.handle('predict.uploadFolder', { runId, folderName: 'new gestures', files }),
    );
    expect(result.download.fileName).toMatch(/^new[ _]gestures-predictions\.csv$/);
    const args = jobs.at(-1)!.args as { file: string; output: string };
    expect(args.file.startsWith(join(dataDir, 'uploads'))).toBe(true);
    expect(readFileSync(join(args.file, 'swipe', 'rec1.csv'), 'utf8')).toBe('x,y\n1,2\n3,4\n');
    expect(args.output.startsWith(join(dataDir, 'outputs'))).toBe(true);
  });
});

describe('projects by upload and download', () => {
  it('downloads a never-saved project and opens it again from the upload', async () => {
    const download = value<FileDownload>(await service.handle('project.download', undefined));
    expect(download.fileName).toMatch(/\.rsproj$/);
    const bytes = Buffer.from(download.contentBase64, 'base64');
    expect(bytes.subarray(0, 2).toString()).toBe('PK');
    expect(value<ProjectState>(await service.handle('project.current', undefined)).dirty).toBe(false);

    const opened = value<ProjectState>(
      await service.handle('project.upload', { fileName: download.fileName, contentBase64: download.contentBase64 }),
    );
    expect(opened.path?.startsWith(join(dataDir, 'uploads'))).toBe(true);
    expect(opened.name).toBe(value<ProjectState>(await service.handle('project.current', undefined)).name);
  });

  it('refuses an upload that is not a project, in words', async () => {
    const envelope = await service.handle('project.upload', { fileName: 'notes.rsproj', contentBase64: b64('hello') });
    expect(envelope.ok).toBe(false);
    if (!envelope.ok) expect(envelope.error.message).not.toMatch(/ENOENT|stack|at /);
  });
});

describe('data.uploadFolder', () => {
  it('imports an uploaded folder of labelled texts and proposes text classification', async () => {
    const files = [
      ...['great fun', 'loved it', 'a delight'].map((t, i) => ({ path: `pos/p${i}.txt`, contentBase64: b64(t) })),
      ...['dull', 'awful', 'too long'].map((t, i) => ({ path: `neg/n${i}.txt`, contentBase64: b64(t) })),
    ];
    const summary = value<DatasetSummary>(await service.handle('data.uploadFolder', { folderName: 'reviews', files }));
    expect(summary.rows).toBe(6);
    expect(summary.layout).toBe('labeled-text');
    expect(summary.proposedTask).toBe('text-classification');
  });

  it('keeps every file inside the uploads folder, whatever its path says', async () => {
    const files = [
      { path: '../../escape/evil.txt', contentBase64: b64('x') },
      { path: 'pos/ok.txt', contentBase64: b64('fine') },
    ];
    await service.handle('data.uploadFolder', { folderName: '../reviews', files });
    expect(existsSync(join(dataDir, 'escape'))).toBe(false);
    expect(existsSync(join(dataDir, '..', 'escape'))).toBe(false);
    expect(await readdir(dataDir)).toEqual(expect.arrayContaining(['uploads']));
  });
});

describe('model.upload', () => {
  it('stores an uploaded model folder inside the uploads folder and imports it from there', async () => {
    const files = [
      { path: 'model.json', contentBase64: b64('{"modelTopology":{}}') },
      { path: 'weights.bin', contentBase64: b64('0123') },
      { path: '../../escape.json', contentBase64: b64('x') },
    ];
    // The stand-in job runner refuses the model check: what matters is where the folder went.
    const envelope = await service.handle('model.upload', { folderName: 'pump-model', files });
    expect(envelope.ok).toBe(false);
    const check = jobs.find((j) => j.name === 'model.check');
    const dir = (check?.args as { dir: string } | undefined)?.dir ?? '';
    expect(dir.startsWith(join(dataDir, 'uploads'))).toBe(true);
    expect((await readdir(dir)).sort()).toEqual(['escape.json', 'model.json', 'weights.bin']);
    expect(existsSync(join(dataDir, '..', 'escape.json'))).toBe(false);
  });

  it('refuses a folder with no file it can keep, in words', async () => {
    const envelope = await service.handle('model.upload', {
      folderName: 'empty',
      files: [{ path: '../..', contentBase64: b64('x') }],
    });
    expect(envelope.ok).toBe(false);
    if (!envelope.ok) expect(envelope.error.message).toBe('The folder "empty" held no files to read.');
  });
});
