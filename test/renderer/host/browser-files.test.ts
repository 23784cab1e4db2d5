// @vitest-environment happy-dom
/**
 * The browser host's file actions as a web app does them: uploads in (a project, a file to
 * predict, a folder), downloads out (the project file, the predictions), sizes checked before
 * anything is sent, and no path asked for.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RequestName } from '../../../src-main/shared/contract';
import { MAX_UPLOAD_BYTES } from '../../../src-main/shared/upload-limit';

const chooser = vi.hoisted(() => ({ file: null as File | null, folder: [] as File[] }));
vi.mock('../../../src-renderer/host/file-chooser', () => ({
  chooseFile: async () => chooser.file,
  chooseFolder: async () => chooser.folder,
}));
const downloads = vi.hoisted(() => [] as { fileName: string; content: string; type?: string }[]);
vi.mock('../../../src-renderer/utils/download', () => ({
  downloadBase64: (fileName: string, content: string, type?: string) => downloads.push({ fileName, content, type }),
}));

const { browserFiles } = await import('../../../src-renderer/host/browser-files');

/** A file as the folder chooser returns it, with its path inside the chosen folder. */
function inFolder(relativePath: string, text: string): File {
  const file = new File([text], relativePath.split('/').pop()!);
  Object.defineProperty(file, 'webkitRelativePath', { value: relativePath });
  return file;
}

function recorder(answers: Partial<Record<RequestName, unknown>>) {
  const calls: [RequestName, unknown][] = [];
  const request = async (name: RequestName, args: unknown) => {
    calls.push([name, args]);
    return answers[name] as never;
  };
  return { calls, files: browserFiles(request as never) };
}

beforeEach(() => {
  chooser.file = null;
  chooser.folder = [];
  downloads.length = 0;
});
afterEach(() => vi.clearAllMocks());

describe('browserFiles', () => {
  it('states the upload limit', () => {
    expect(recorder({}).files.uploadLimit).toBe('100 MB');
  });

  it('opens a project by uploading the chosen file, and asks nothing when the chooser is cancelled', async () => {
    const r = recorder({ 'project.upload': { name: 'Pumps' } });
    expect(await r.files.openProject()).toBeNull();
    expect(r.calls).toEqual([]);
    chooser.file = new File(['PK..'], 'pumps.rsproj');
    expect(await r.files.openProject()).toEqual({ name: 'Pumps' });
    expect(r.calls).toEqual([['project.upload', { fileName: 'pumps.rsproj', contentBase64: btoa('PK..') }]]);
  });

  it('saves by downloading the project file, whatever Save or Save as asked', async () => {
    const r = recorder({
      'project.download': { fileName: 'Pumps.rsproj', contentBase64: btoa('PK') },
      'project.current': { name: 'Pumps', dirty: false },
    });
    expect(await r.files.saveProject({ choosePlace: true, defaultName: 'Pumps.rsproj' })).toEqual({
      name: 'Pumps',
      dirty: false,
    });
    expect(downloads).toEqual([{ fileName: 'Pumps.rsproj', content: btoa('PK'), type: undefined }]);
  });

  it('predicts an uploaded file and hands the predictions over as a download', async () => {
    const r = recorder({
      'predict.upload': {
        runId: 'r',
        rows: 2,
        file: '/srv/data/outputs/x/new-predictions.csv',
        preview: [],
        header: [],
        problems: [],
        download: { fileName: 'new-predictions.csv', contentBase64: btoa('a,b\n') },
      },
    });
    chooser.file = new File(['time,flow\n1,2\n'], 'new.csv');
    const result = await r.files.predictFile('r');
    expect(result?.downloadedAs).toBe('new-predictions.csv');
    // The server's own path means nothing to the user of a browser.
    expect(result?.file).toBeNull();
    expect(downloads[0]).toEqual({ fileName: 'new-predictions.csv', content: btoa('a,b\n'), type: 'text/csv' });
  });

  it('uploads a chosen folder with paths inside it, and refuses one over the limit before reading', async () => {
    const r = recorder({ 'data.uploadFolder': { id: 'texts' } });
    chooser.folder = [inFolder('tickets/billing/1.txt', 'charged twice'), inFolder('tickets/outage/2.txt', 'down')];
    expect(await r.files.pickDataFolder()).toEqual({ id: 'texts' });
    expect(r.calls[0]).toEqual([
      'data.uploadFolder',
      {
        folderName: 'tickets',
        files: [
          { path: 'billing/1.txt', contentBase64: btoa('charged twice') },
          { path: 'outage/2.txt', contentBase64: btoa('down') },
        ],
      },
    ]);

    const big = inFolder('huge/a/1.txt', 'x');
    Object.defineProperty(big, 'size', { value: MAX_UPLOAD_BYTES + 1 });
    chooser.folder = [big];
    await expect(r.files.pickDataFolder()).rejects.toThrow('"huge" is 100 MB; uploads are limited to 100 MB.');
    expect(r.calls).toHaveLength(1);
  });

  it('relinks the project to the uploaded copy of the data file', async () => {
    const r = recorder({ 'data.upload': { path: '/srv/data/uploads/y/flow.csv' }, 'project.relink': { name: 'P' } });
    chooser.file = new File(['year,flow\n'], 'flow.csv');
    expect(await r.files.relinkData()).toEqual({ name: 'P' });
    expect(r.calls.at(-1)).toEqual(['project.relink', { path: '/srv/data/uploads/y/flow.csv' }]);
  });

  it('imports a model folder by upload, and does nothing when no folder was chosen', async () => {
    const r = recorder({ 'model.upload': { runId: 'imported' } });
    expect(await r.files.importModel()).toBeNull();
    chooser.folder = [inFolder('pump-model/model.json', '{}')];
    expect(await r.files.importModel()).toEqual({ runId: 'imported' });
    expect(r.calls).toEqual([
      ['model.upload', { folderName: 'pump-model', files: [{ path: 'model.json', contentBase64: btoa('{}') }] }],
    ]);
  });
});
