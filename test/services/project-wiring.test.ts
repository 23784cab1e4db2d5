/**
 * The project, sample, settings and search channels through service.handle, with the scripted
 * launcher (no TensorFlow): events reach subscribers, runs land in the project and its file,
 * saved projects reopen with their runs, and the thread setting reaches the environment.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Envelope } from '../../src-main/shared/contract';
import type { RunSummary } from '../../src-main/shared/types';
import type { ProjectState, SampleInfo, SearchState, Settings } from '../../src-main/shared/types-project';
import type { StudioEvent } from '../../src-main/services/service-types';
import { StudioService } from '../../src-main/services/studio-service';
import { ScriptedLauncher, completed, epoch, fakeDeps, yearlyCsv } from './fixtures';

let dataDir: string;
let launcher: ScriptedLauncher;
let service: StudioService;
let events: StudioEvent[];

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'studio-projects-'));
  launcher = new ScriptedLauncher();
  service = new StudioService({ dataDir, host: 'browser', version: '1.0.0', autosaveDelayMs: 10 }, fakeDeps(launcher));
  events = [];
  service.subscribe((e) => events.push(e));
});

afterEach(async () => {
  await service.dispose();
  await rm(dataDir, { recursive: true, force: true });
});

function value<T>(envelope: Envelope<unknown>): T {
  if (!envelope.ok) throw new Error(`expected success, got ${envelope.error.code}: ${envelope.error.message}`);
  return envelope.value as T;
}

async function uploadedPath(): Promise<string> {
  // 60 rows: enough training windows with lookback 4 to pass the checks before training.
  const contentBase64 = Buffer.from(yearlyCsv(60)).toString('base64');
  return value<{ path: string }>(await service.handle('data.upload', { fileName: 'nile.csv', contentBase64 })).path;
}

function spec(file: string): unknown {
  return { name: 'Nile flow', data: { file, timeColumn: 'year', targetColumns: ['flow'], lookback: 4 } };
}

describe('projects', () => {
  it('starts empty, records the spec and announces each change', async () => {
    const empty = value<ProjectState>(await service.handle('project.current', undefined));
    expect(empty).toMatchObject({ path: null, runs: [], spec: null });
    const file = await uploadedPath();
    const state = value<ProjectState>(await service.handle('project.setSpec', { spec: spec(file) }));
    expect(state.spec?.data.file).toBe(file);
    expect(state.dataset?.status).toBe('ok');
    const changed = events.filter((e) => e.event === 'project.changed');
    expect(changed.at(-1)?.payload).toEqual(state);
  });

  it('keeps every run in the project and saves it, so the project reopens with its runs', async () => {
    const file = await uploadedPath();
    value(await service.handle('project.setSpec', { spec: spec(file) }));
    const { runId } = value<{ runId: string }>(await service.handle('train.start', { spec: spec(file) }));
    let project = value<ProjectState>(await service.handle('project.current', undefined));
    expect(project.runs.map((r) => [r.runId, r.status])).toEqual([[runId, 'running']]);

    const { request, callbacks } = launcher.last;
    callbacks.onEpoch(epoch(runId, 1, 0.4));
    callbacks.onFinished(completed(request, [epoch(runId, 1, 0.4)]));
    project = value<ProjectState>(await service.handle('project.current', undefined));
    expect(project.runs.map((r) => [r.runId, r.status])).toEqual([[runId, 'completed']]);

    const path = join(dataDir, 'nile.rsproj');
    const saved = value<ProjectState>(await service.handle('project.save', { path }));
    expect(saved).toMatchObject({ path, name: 'nile', dirty: false });
    expect((await readFile(path)).length).toBeGreaterThan(0);
    const recent = value<{ path: string }[]>(await service.handle('project.recent', undefined));
    expect(recent.map((r) => r.path)).toEqual([path]);

    // A fresh app with an empty data folder opens the file and lists its run again.
    const otherDir = await mkdtemp(join(tmpdir(), 'studio-projects-other-'));
    const other = new StudioService({ dataDir: otherDir, host: 'browser', version: '1.0.0' }, fakeDeps(launcher));
    try {
      const opened = value<ProjectState>(await other.handle('project.open', { path }));
      expect(opened.runs.map((r) => r.runId)).toEqual([runId]);
      const runs = value<RunSummary[]>(await other.handle('runs.list', undefined));
      expect(runs.map((r) => [r.runId, r.status])).toEqual([[runId, 'completed']]);
    } finally {
      await other.dispose();
      await rm(otherDir, { recursive: true, force: true });
    }
  });

  it('drops a deleted run from the project', async () => {
    const file = await uploadedPath();
    const { runId } = value<{ runId: string }>(await service.handle('train.start', { spec: spec(file) }));
    launcher.last.callbacks.onFinished(completed(launcher.last.request, []));
    await service.dispose();
    value(await service.handle('runs.delete', { runId }));
    expect(value<ProjectState>(await service.handle('project.current', undefined)).runs).toEqual([]);
  });

  it('lists the samples and opens one as an unsaved project with an absolute data file', async () => {
    const samples = value<SampleInfo[]>(await service.handle('samples.list', undefined));
    expect(samples.length).toBeGreaterThan(0);
    const forecast = samples.find((s) => s.task === 'forecast');
    expect(forecast).toBeDefined();
    const state = value<ProjectState>(await service.handle('samples.open', { id: forecast?.id ?? '' }));
    expect(state.path).toBeNull();
    expect(state.name).toBe(forecast?.title);
    expect(state.spec?.data.file.startsWith(join(process.cwd(), 'resources', 'samples'))).toBe(true);
    const unknown = await service.handle('samples.open', { id: 'no-such-sample' });
    expect(unknown.ok ? null : unknown.error.code).toBe('not-found');
  });

  it('refuses to save an untitled project without a path, or to a relative one', async () => {
    const untitled = await service.handle('project.save', {});
    expect(untitled.ok ? '' : untitled.error.message).toContain('Save as');
    const relative = await service.handle('project.save', { path: 'here.rsproj' });
    expect(relative.ok ? null : relative.error.code).toBe('invalid-request');
  });
});

describe('settings', () => {
  it('saves settings and puts the thread count where TensorFlow reads it', async () => {
    const before = process.env.TF_NUM_INTRAOP_THREADS;
    const defaults = value<Settings>(await service.handle('settings.get', undefined));
    expect(defaults.trainingThreads).toBeNull();
    const next = value<Settings>(await service.handle('settings.set', { trainingThreads: 1, theme: 'dark' }));
    expect(next).toMatchObject({ trainingThreads: 1, theme: 'dark' });
    expect(process.env.TF_NUM_INTRAOP_THREADS).toBe('1');
    expect(process.env.TF_NUM_INTEROP_THREADS).toBe('1');
    const onDisk = JSON.parse(await readFile(join(dataDir, 'settings.json'), 'utf8')) as Settings;
    expect(onDisk.theme).toBe('dark');
    value(await service.handle('settings.set', { trainingThreads: null }));
    expect(process.env.TF_NUM_INTRAOP_THREADS).toBe(before);
    const bad = await service.handle('settings.set', { defaultDataFolder: 'relative/folder' });
    expect(bad.ok ? '' : bad.error.message).toContain('absolute');
  });
});

describe('searches', () => {
  const plan = { mode: 'grid', maxRuns: 4, dimensions: [{ path: 'data.lookback', values: [3, 5] }] };

  it('trains the planned runs one after another and reports each step', async () => {
    const file = await uploadedPath();
    const { searchId } = value<{ searchId: string }>(await service.handle('search.start', { spec: spec(file), plan }));
    await waitUntil(() => launcher.launched.length === 1);
    expect(launcher.last.request.spec.data.lookback).toBe(3);
    expect(launcher.last.request.runId).toBe(`${searchId}-001`);
    launcher.last.callbacks.onFinished(completed(launcher.last.request, [epoch(launcher.last.request.runId, 1, 0.5)]));
    await waitUntil(() => launcher.launched.length === 2);
    expect(launcher.last.request.spec.data.lookback).toBe(5);
    launcher.last.callbacks.onFinished(completed(launcher.last.request, [epoch(launcher.last.request.runId, 1, 0.2)]));
    await waitUntil(() => lastSearch()?.status === 'completed');
    const state = lastSearch();
    expect(state?.rows.map((r) => r.score)).toEqual([0.55, expect.closeTo(0.22, 10)]);
    expect(state?.bestRunId).toBe(`${searchId}-002`);
    const project = value<ProjectState>(await service.handle('project.current', undefined));
    expect(project.runs.map((r) => r.runId).sort()).toEqual([`${searchId}-001`, `${searchId}-002`]);
  });

  it('cancels the run in progress and starts no more', async () => {
    const file = await uploadedPath();
    const { searchId } = value<{ searchId: string }>(await service.handle('search.start', { spec: spec(file), plan }));
    await waitUntil(() => launcher.launched.length === 1);
    value(await service.handle('search.cancel', { searchId }));
    expect(launcher.last.controls).toEqual(['cancel']);
    launcher.last.callbacks.onFinished({ ...completed(launcher.last.request, []), status: 'cancelled' });
    await waitUntil(() => lastSearch()?.status === 'cancelled');
    expect(launcher.launched).toHaveLength(1);
    expect(lastSearch()?.rows.map((r) => r.status)).toEqual(['cancelled', 'cancelled']);
  });

  it('does not start while a model trains', async () => {
    const file = await uploadedPath();
    value(await service.handle('train.start', { spec: spec(file) }));
    const refused = await service.handle('search.start', { spec: spec(file), plan });
    expect(refused.ok ? '' : refused.error.message).toContain('A model is training');
  });
});

describe('automatic searches', () => {
  it('scores candidates in the worker, ends in a run of the winner with its verdict, and refuses bad requests', async () => {
    const file = await uploadedPath();
    const jobs: { spec: { model: { cell: string } }; epochs: number }[] = [];
    const automatic = new StudioService(
      { dataDir, host: 'browser', version: '1.0.0', autosaveDelayMs: 10 },
      {
        ...fakeDeps(launcher),
        // GRU candidates score clearly better than the others; every job answers for its stretches.
        runJob: (async (job: {
          name: string;
          args: { spec: { model: { cell: string } }; stretches: number[][]; epochs: number };
        }) => {
          if (job.name !== 'search.score') throw new Error(`unexpected job ${job.name}`);
          jobs.push(job.args);
          const count = job.args.stretches.flat().length;
          const perPoint = job.args.spec.model.cell === 'GRU' ? 1 : 9;
          return { model: perPoint * count, naive: 25 * count, seasonal: null, count };
        }) as never,
      },
    );
    const seen: StudioEvent[] = [];
    automatic.subscribe((e) => seen.push(e));
    try {
      const tooShort = await automatic.handle('search.startAutomatic', { spec: spec(file), budgetSeconds: 3 });
      expect(tooShort.ok).toBe(false);
      const text = await automatic.handle('search.startAutomatic', {
        spec: { task: 'text-classification', data: { file, targetColumns: ['flow'] } },
        budgetSeconds: 60,
      });
      expect(text.ok ? '' : text.error.message).toMatch(/tunes forecasts/);

      const { searchId } = value<{ searchId: string }>(
        await automatic.handle('search.startAutomatic', { spec: spec(file), budgetSeconds: 600 }),
      );
      await waitUntil(() => launcher.launched.some((l) => l.request.runId === `${searchId}-final`));
      const final = launcher.last.request;
      expect(final.spec.model.cell).toBe('GRU');
      expect(final.verdictNote).toMatch(
        /^Automatic search \(budget 10 min, .*It chose GRU, .*against naive 5 \(0\.2×\)/,
      );
      expect(jobs.length).toBeGreaterThan(3);
      launcher.last.callbacks.onFinished(completed(final, [epoch(final.runId, 1, 0.3)]));
      const states = () => seen.filter((e) => e.event === 'search.updated').map((e) => e.payload as SearchState);
      await waitUntil(() => states().at(-1)?.status === 'completed');
      const last = states().at(-1)!;
      expect(last.bestRunId).toBe(`${searchId}-final`);
      expect(last.automatic?.phase).toBe('done');
      // Progress went out while candidates were scored.
      expect(states().some((st) => st.automatic?.phase === 'searching' && st.automatic.best !== null)).toBe(true);
    } finally {
      await automatic.dispose();
    }
  });
});

function lastSearch(): SearchState | undefined {
  return events.filter((e) => e.event === 'search.updated').at(-1)?.payload as SearchState | undefined;
}

/** Waits for a condition the service reaches after a few awaited steps. */
async function waitUntil(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 5));
  expect(condition()).toBe(true);
}
