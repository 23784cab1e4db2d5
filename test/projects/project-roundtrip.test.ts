import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProjectService } from '../../src-main/projects/project-service';
import type { RunResult } from '../../src-main/shared/types';
import type { ProjectState } from '../../src-main/shared/types-project';
import { cleanup, makeRun, modelBytes, specFor, tempDir, writeCsv } from './fixtures';

describe('project save and open', () => {
  let work: string;
  let dataA: string;
  let dataB: string;

  beforeEach(async () => {
    work = await tempDir();
    dataA = join(work, 'app-a');
    dataB = join(work, 'app-b');
  });
  afterEach(() => cleanup(work));

  it('restores the spec, the runs and their model files in another installation', async () => {
    const csv = await writeCsv(work);
    const spec = specFor(csv, { training: { epochs: 7 } });
    const a = new ProjectService({ dataDir: dataA });
    await a.setSpec(spec);
    const done = await makeRun(join(dataA, 'runs'), 'run-done', spec);
    const failed = await makeRun(join(dataA, 'runs'), 'run-failed-x', spec, 'failed');
    a.addRun(done, join(dataA, 'runs', 'run-done'));
    a.addRun(failed, join(dataA, 'runs', 'run-failed-x'));
    const file = join(work, 'Flow study.rsproj');
    const saved = await a.save(file);
    expect(saved.dirty).toBe(false);
    expect(saved.name).toBe('Flow study');

    const restored: RunResult[] = [];
    const b = new ProjectService({ dataDir: dataB, onRunRestored: (r) => void restored.push(r) });
    const state = await b.open(file);
    expect(state.name).toBe('Flow study');
    expect(state.spec).toEqual(spec);
    expect(state.dataset).toMatchObject({ path: csv, status: 'ok' });
    expect(state.runs.map((r) => r.runId).sort()).toEqual(['run-done', 'run-failed-x']);
    expect(restored.map((r) => r.runId).sort()).toEqual(['run-done', 'run-failed-x']);

    const run = b.run('run-done');
    expect(run?.history).toEqual(done.history);
    expect(run?.modelDir).toBe(join(dataB, 'runs', 'run-done', 'model'));
    for (const [name, bytes] of Object.entries(modelBytes('run-done'))) {
      expect(new Uint8Array(await readFile(join(run!.modelDir!, name)))).toEqual(bytes);
    }
    expect(b.run('run-failed-x')?.modelDir).toBeNull();
    const runJson = JSON.parse(await readFile(join(dataB, 'runs', 'run-done', 'run.json'), 'utf8')) as RunResult;
    expect(runJson.modelDir).toBe(run?.modelDir);
  });

  it('shows a run saved while training as interrupted', async () => {
    const csv = await writeCsv(work);
    const spec = specFor(csv);
    const a = new ProjectService({ dataDir: dataA });
    await a.setSpec(spec);
    a.addRun(await makeRun(join(dataA, 'runs'), 'run-live', spec, 'running'), join(dataA, 'runs', 'run-live'));
    const file = join(work, 'live.rsproj');
    await a.save(file);

    const b = new ProjectService({ dataDir: dataB, autosaveDelayMs: 60_000 });
    const state = await b.open(file);
    expect(state.runs[0].status).toBe('interrupted');
    expect(b.run('run-live')?.error).toMatch(/closed while this run was training/);
    b.dispose();
  });

  it('adds the extension, announces changes, and deleteRun removes a run', async () => {
    const csv = await writeCsv(work);
    const spec = specFor(csv);
    const svc = new ProjectService({ dataDir: dataA, autosaveDelayMs: 60_000 });
    const seen: ProjectState[] = [];
    svc.onChange((s) => seen.push(s));
    await svc.setSpec(spec);
    svc.addRun(await makeRun(join(dataA, 'runs'), 'run-1', spec), join(dataA, 'runs', 'run-1'));
    const state = await svc.save(join(work, 'noext'));
    expect(state.path).toBe(join(work, 'noext.rsproj'));
    expect(svc.deleteRun('run-1')).toBe(true);
    expect(svc.deleteRun('run-1')).toBe(false);
    expect(svc.current().runs).toEqual([]);
    expect(seen.length).toBeGreaterThanOrEqual(4);
    expect(seen.at(-1)?.dirty).toBe(true);
    svc.dispose();
  });

  it('refuses to save a project that has no path yet', async () => {
    const svc = new ProjectService({ dataDir: dataA });
    await expect(svc.save()).rejects.toThrow(/Choose where to save/);
  });
});
