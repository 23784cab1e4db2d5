/**
 * Project opens followed and stopped by id: progress goes out as 'data.progress' under the
 * renderer's id, 'data.cancelImport' stops an open under way (the current project stays), and
 * a second open under an id already running is refused.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Envelope, EventPayloads } from '../../src-main/shared/contract';
import type { ProjectState } from '../../src-main/shared/types-project';
import { ProjectOpenings } from '../../src-main/services/project-openings';
import { StudioService } from '../../src-main/services/studio-service';
import { ScriptedLauncher, fakeDeps, value, yearlyCsv } from './fixtures';

let dataDir: string;
let service: StudioService;
let progress: EventPayloads['data.progress'][];

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'studio-openings-'));
  service = new StudioService({ dataDir, host: 'browser', version: '1.0.0' }, fakeDeps(new ScriptedLauncher()));
  progress = [];
  service.subscribe((e) => {
    if (e.event === 'data.progress') progress.push(e.payload);
  });
});

afterEach(async () => {
  await service.dispose();
  await rm(dataDir, { recursive: true, force: true });
});

async function savedProject(): Promise<string> {
  const contentBase64 = Buffer.from(yearlyCsv(60)).toString('base64');
  const file = value<{ path: string }>(
    await service.handle('data.upload', { fileName: 'nile.csv', contentBase64 }),
  ).path;
  const spec = { name: 'Nile flow', data: { file, timeColumn: 'year', targetColumns: ['flow'], lookback: 4 } };
  value(await service.handle('project.setSpec', { spec }));
  const path = join(dataDir, 'nile.rsproj');
  value(await service.handle('project.save', { path }));
  value(await service.handle('project.new', undefined));
  return path;
}

describe('project opens through the service', () => {
  it('reports unpacking as data.progress under the renderer id', async () => {
    const path = await savedProject();
    const opened = value<ProjectState>(await service.handle('project.open', { path, importId: 'open-1' }));
    expect(opened.path).toBe(path);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.every((p) => p.importId === 'open-1' && p.bytesRead > 0 && p.fraction <= 1)).toBe(true);
  });

  it('stops an open when data.cancelImport names it, keeping the current project', async () => {
    const path = await savedProject();
    const before = value<ProjectState>(await service.handle('project.current', undefined));
    // Cancelled as soon as the open reports, the way a user's click arrives while it runs.
    let cancel: Promise<Envelope<unknown>> | null = null;
    service.subscribe((e) => {
      if (e.event === 'data.progress' && e.payload.importId === 'open-2')
        cancel ??= service.handle('data.cancelImport', { importId: 'open-2' });
    });
    const answer = await service.handle('project.open', { path, importId: 'open-2' });
    if (!cancel) throw new Error('the open never reported progress, so it was never cancelled');
    value(await cancel);
    expect(answer).toMatchObject({ ok: false, error: { code: 'cancelled' } });
    expect(value<ProjectState>(await service.handle('project.current', undefined))).toEqual(before);
  });
});

describe('ProjectOpenings', () => {
  it('refuses a second open under an id that is running, and forgets the id when it ends', async () => {
    const openings = new ProjectOpenings();
    let finish: () => void = () => undefined;
    const first = openings.run('same', undefined, () => new Promise<void>((resolve) => (finish = resolve)));
    await expect(openings.run('same', undefined, async () => 1)).rejects.toThrow(/already running/);
    finish();
    await first;
    expect(openings.cancel('same')).toBe(false);
    await expect(openings.run('same', undefined, async () => 2)).resolves.toBe(2);
  });

  it('aborts the signal of the open it cancels, and only that one', async () => {
    const openings = new ProjectOpenings();
    const signals: AbortSignal[] = [];
    const hold = (controls: { signal: AbortSignal }) => {
      signals.push(controls.signal);
      return new Promise<void>((resolve) => controls.signal.addEventListener('abort', () => resolve()));
    };
    const a = openings.run('a', undefined, hold);
    const b = openings.run('b', undefined, hold);
    expect(openings.cancel('a')).toBe(true);
    await a;
    expect(signals.map((s) => s.aborted)).toEqual([true, false]);
    openings.cancel('b');
    await b;
  });
});
