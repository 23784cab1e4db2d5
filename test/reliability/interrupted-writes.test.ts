/**
 * Writes that are cut short: the app killed mid-training or mid-save (stray temporary and
 * partial files left behind), a full disk or a read-only folder during a save, an export or an
 * upload (injected: root ignores chmod, so a failing file system is simulated by making the
 * write of matching paths put half the bytes down and then fail), and an import cancelled
 * midway. Each time the previous file stays intact and readable, nothing half-written is
 * presented, the user gets a clear message and the next operation works.
 */
import { readdir, readFile, writeFile as realWriteFile, mkdir } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadTable } from '../../src-main/data/import/load-table';
import { exportModel } from '../../src-main/export';
import { ProjectService } from '../../src-main/projects/project-service';
import { RunStore } from '../../src-main/services/run-store';
import { failure } from '../../src-main/services/envelope';
import { StudioService } from '../../src-main/services/studio-service';
import type { RunResult, RunSummary } from '../../src-main/shared/types';
import { trainRun, quickTraining } from '../model-use/train-run';
import { cleanup, makeRun, specFor, tempDir, writeCsv } from '../projects/fixtures';
import { fakeDeps, ScriptedLauncher } from '../services/fixtures';

/** Which paths fail, and how; null lets every write through. */
const fault = vi.hoisted(() => ({ paths: null as RegExp | null, code: 'ENOSPC', injected: 0 }));

vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  const failure = (path: string) => {
    fault.injected++;
    const text = fault.code === 'ENOSPC' ? 'no space left on device' : 'read-only file system';
    return Object.assign(new Error(`${fault.code}: ${text}, write '${path}'`), { code: fault.code, syscall: 'write' });
  };
  const half = (data: unknown): Uint8Array | string => {
    const bytes = typeof data === 'string' ? Buffer.from(data) : Buffer.from(data as Uint8Array);
    return bytes.subarray(0, Math.floor(bytes.length / 2));
  };
  const open = (async (path: string, flags?: string, mode?: number) => {
    const handle = await actual.open(path, flags, mode);
    if (!fault.paths?.test(String(path))) return handle;
    // The disk fills up halfway through this file.
    handle.writeFile = (async (data: Uint8Array | string) => {
      await actual.writeFile(path, half(data));
      throw failure(String(path));
    }) as typeof handle.writeFile;
    return handle;
  }) as typeof actual.open;
  const writeFile = (async (
    path: string,
    data: Uint8Array | string,
    options?: Parameters<typeof actual.writeFile>[2],
  ) => {
    if (!fault.paths?.test(String(path))) return actual.writeFile(path, data, options);
    await actual.writeFile(path, half(data), options);
    throw failure(String(path));
  }) as typeof actual.writeFile;
  return { ...actual, open, writeFile, default: { ...actual, open, writeFile } };
});

let work = '';
beforeAll(async () => {
  work = await tempDir('recurrent-writes-');
});
afterAll(async () => {
  console.log(`[faults] ${fault.injected} write failures injected`);
  await cleanup(work);
});

/** Runs `body` with writes to matching paths failing with `code`. */
async function withFailingWrites<T>(paths: RegExp, code: 'ENOSPC' | 'EROFS', body: () => Promise<T>): Promise<T> {
  fault.paths = paths;
  fault.code = code;
  try {
    return await body();
  } finally {
    fault.paths = null;
  }
}

const temporary = (names: string[]) => names.filter((n) => n.endsWith('.tmp') || n.endsWith('.partial'));

describe('killed mid-training or mid-write', () => {
  it('restarts with a running run marked interrupted, damaged run files skipped and the rest intact', async () => {
    const dataDir = join(work, 'killed');
    const runsDir = join(dataDir, 'runs');
    const csv = await writeCsv(work, 'killed.csv');
    const spec = specFor(csv);
    const training = await makeRun(runsDir, 'run-training', spec, 'running');
    const done = await makeRun(runsDir, 'run-done', spec, 'completed');
    const cut = await makeRun(runsDir, 'run-cut', spec, 'completed');
    await realWriteFile(join(runsDir, 'run-training', 'run.json'), JSON.stringify(training));
    const doneJson = JSON.stringify(done);
    await realWriteFile(join(runsDir, 'run-done', 'run.json'), doneJson);
    // Killed while replacing run-done's file: a half-written temporary beside the intact one.
    await realWriteFile(join(runsDir, 'run-done', '.run.json.0badc0de.tmp'), doneJson.slice(0, 40));
    // Killed while a run file was written in place: only its first half exists.
    await realWriteFile(join(runsDir, 'run-cut', 'run.json'), JSON.stringify(cut).slice(0, 200));

    const service = new StudioService({ dataDir, host: 'browser', version: 'test' }, fakeDeps(new ScriptedLauncher()));
    await service.ready();
    const listed = await service.handle('runs.list', undefined);
    if (!listed.ok) throw new Error(listed.error.message);
    const byId = new Map((listed.value as RunSummary[]).map((r) => [r.runId, r.status]));
    expect(byId).toEqual(
      new Map([
        ['run-training', 'interrupted'],
        ['run-done', 'completed'],
      ]),
    );
    const interrupted = await service.handle('runs.get', { runId: 'run-training' });
    expect(interrupted.ok && (interrupted.value as RunResult).error).toMatch(/closed while this run was training/);
    // The interrupted state is on disk too, so the next start does not ask again.
    expect(JSON.parse(await readFile(join(runsDir, 'run-training', 'run.json'), 'utf8')).status).toBe('interrupted');
    expect(await readFile(join(runsDir, 'run-done', 'run.json'), 'utf8')).toBe(doneJson);
    await service.dispose();
  });

  it('opens the previous project after a save was killed, ignoring the partial file beside it', async () => {
    const dataDir = join(work, 'project-app');
    const csv = await writeCsv(work, 'project.csv');
    const path = join(work, 'kept.rsproj');
    const first = new ProjectService({ dataDir });
    await first.setSpec(specFor(csv, { name: 'Kept' }));
    await first.save(path);
    first.dispose();
    const saved = await readFile(path);
    // A later save died after writing half its temporary file.
    await realWriteFile(join(work, '.kept.rsproj.deadbeef.tmp'), saved.subarray(0, saved.length >> 1));

    const restarted = new ProjectService({ dataDir });
    const state = await restarted.open(path);
    expect(state.spec?.name).toBe('Kept');
    expect((await restarted.recent()).map((r) => r.path)).toEqual([path]);
    await restarted.setSpec(specFor(csv, { name: 'Changed' }));
    await restarted.save();
    restarted.dispose();
    const again = new ProjectService({ dataDir: join(work, 'project-app-2') });
    expect((await again.open(path)).spec?.name).toBe('Changed');
    again.dispose();
  });
});

describe('a full disk or a read-only folder', () => {
  it.each(['ENOSPC', 'EROFS'] as const)(
    '%s while saving a project keeps the previous file and says why',
    async (code) => {
      const dataDir = join(work, `save-${code}`);
      await mkdir(dataDir, { recursive: true });
      const csv = await writeCsv(dataDir, 'flow.csv');
      const path = join(dataDir, 'p.rsproj');
      const svc = new ProjectService({ dataDir });
      await svc.setSpec(specFor(csv, { name: 'Before' }));
      await svc.save(path);
      const before = await readFile(path);
      await svc.setSpec(specFor(csv, { name: 'After' }));
      const err = await withFailingWrites(/p\.rsproj/, code, () =>
        svc.save().then(
          () => null,
          (e: unknown) => e,
        ),
      );
      expect(err).not.toBeNull();
      const envelope = failure(err);
      expect(envelope.ok).toBe(false);
      if (!envelope.ok) {
        expect(envelope.error.code).toBe('io');
        expect(envelope.error.message).toMatch(
          code === 'ENOSPC' ? /disk is full, so nothing was written/ : /read-only/,
        );
      }
      expect(await readFile(path)).toEqual(before);
      expect(temporary(await readdir(dataDir))).toEqual([]);
      expect(svc.current().dirty).toBe(true);
      // Space is back: the same save now works.
      await svc.save();
      svc.dispose();
      const check = new ProjectService({ dataDir: join(dataDir, 'check') });
      expect((await check.open(path)).spec?.name).toBe('After');
      check.dispose();
    },
  );

  it('ENOSPC while writing a run file keeps the previous run file', async () => {
    const runsDir = join(work, 'store', 'runs');
    const store = new RunStore(runsDir);
    await store.load();
    const run = await makeRun(runsDir, 'run-a', specFor(join(work, 'x.csv')), 'completed');
    await store.save(run);
    const before = await readFile(join(runsDir, 'run-a', 'run.json'), 'utf8');
    await withFailingWrites(/run\.json/, 'ENOSPC', async () => {
      await expect(store.save({ ...run, name: 'renamed' })).rejects.toMatchObject({ code: 'ENOSPC' });
    });
    expect(await readFile(join(runsDir, 'run-a', 'run.json'), 'utf8')).toBe(before);
    expect(temporary(await readdir(join(runsDir, 'run-a')))).toEqual([]);
  });

  it('ENOSPC during an upload leaves no half file and a clear message; the next upload works', async () => {
    const dataDir = join(work, 'uploads-app');
    const service = new StudioService({ dataDir, host: 'browser', version: 'test' }, fakeDeps(new ScriptedLauncher()));
    const contentBase64 = Buffer.from('year,flow\n2000-01-01,1\n2001-01-01,2\n').toString('base64');
    const failed = await withFailingWrites(/uploads/, 'ENOSPC', () =>
      service.handle('data.upload', { fileName: 'flow.csv', contentBase64 }),
    );
    expect(failed.ok).toBe(false);
    if (!failed.ok) expect(failed.error.message).toMatch(/disk is full/);
    expect(await readdir(join(dataDir, 'uploads'))).toEqual([]);
    const ok = await service.handle('data.upload', { fileName: 'flow.csv', contentBase64 });
    expect(ok.ok).toBe(true);
    await service.dispose();
  });

  describe('exports', () => {
    let modelDir = '';
    beforeAll(async () => {
      const run = await trainRun(
        {
          name: 'Export source',
          data: {
            file: resolve('resources/samples/nile-yearly.csv'),
            timeColumn: 'year',
            targetColumns: ['volume'],
            lookback: 4,
          },
          model: { layers: [{ units: 3 }] },
          training: quickTraining(1),
        },
        join(work, 'export-run'),
      );
      modelDir = run.modelDir ?? '';
    });

    it('ENOSPC during an export (after a killed one) keeps the previous export and leaves no new partial file', async () => {
      const target = join(work, 'exported');
      await exportModel(modelDir, 'tfjs', target);
      const before = new Map<string, Buffer>();
      for (const f of await readdir(target)) before.set(f, await readFile(join(target, f)));
      // An earlier export was killed: its partial file is still there.
      await realWriteFile(join(target, '.weights.bin.0123456789ab.partial'), 'half');
      await withFailingWrites(/exported\/\.preprocessing/, 'ENOSPC', async () => {
        await expect(exportModel(modelDir, 'tfjs', target)).rejects.toMatchObject({ code: 'ENOSPC' });
      });
      const after = await readdir(target);
      expect(temporary(after)).toEqual(['.weights.bin.0123456789ab.partial']);
      for (const [f, bytes] of before) expect(await readFile(join(target, f))).toEqual(bytes);
      // The export works again once there is space.
      expect((await exportModel(modelDir, 'tfjs', target)).files.length).toBe(before.size);
    });
  });
});

describe('cancel during import', () => {
  it('stops a long import midway and the next import of the file works', async () => {
    const folder = join(work, 'import');
    await mkdir(folder, { recursive: true });
    const path = join(folder, 'long.csv');
    const lines = ['time,value,label'];
    for (let i = 0; i < 250_000; i++) lines.push(`${i},${(i * 37) % 101},${i % 3 ? 'a' : 'b'}`);
    await realWriteFile(path, lines.join('\n'));
    const controller = new AbortController();
    let fractionAtCancel = -1;
    const cancelled = await loadTable(path, {
      signal: controller.signal,
      onProgress: (fraction) => {
        if (fractionAtCancel < 0 && fraction < 1) {
          fractionAtCancel = fraction;
          controller.abort();
        }
      },
    }).then(
      () => null,
      (e: unknown) => e,
    );
    expect(fractionAtCancel).toBeGreaterThanOrEqual(0);
    expect(fractionAtCancel).toBeLessThan(1);
    expect((cancelled as Error | null)?.name).toBe('AbortError');
    const { summary } = await loadTable(path);
    expect(summary.rows).toBe(250_000);
    expect(await readdir(folder)).toEqual(['long.csv']);
  });
});
