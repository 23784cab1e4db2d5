import { appendFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashFile } from '../../src-main/projects/dataset-hash';
import { ProjectService } from '../../src-main/projects/project-service';
import { MAX_RECENT, RecentProjects } from '../../src-main/projects/recent-projects';
import { cleanup, specFor, tempDir, writeCsv } from './fixtures';

describe('the data file of a project', () => {
  let work: string;
  beforeEach(async () => {
    work = await tempDir();
  });
  afterEach(() => cleanup(work));

  async function savedProject(): Promise<{ csv: string; file: string }> {
    const csv = await writeCsv(work);
    const svc = new ProjectService({ dataDir: join(work, 'app') });
    await svc.setSpec(specFor(csv));
    const file = join(work, 'p.rsproj');
    await svc.save(file);
    return { csv, file };
  }

  it('hashes a file in chunks to the sha256 of its bytes', async () => {
    const path = join(work, 'big.bin');
    await writeFile(path, Buffer.alloc(300_000, 7));
    const { createHash } = await import('node:crypto');
    const expected = createHash('sha256').update(Buffer.alloc(300_000, 7)).digest('hex');
    expect(await hashFile(path)).toEqual({ sha256: expected, sizeBytes: 300_000 });
  });

  it('reports an edited file as changed', async () => {
    const { csv, file } = await savedProject();
    await appendFile(csv, '\n1999-01-01,5');
    const state = await new ProjectService({ dataDir: join(work, 'b') }).open(file);
    expect(state.dataset?.status).toBe('changed');
  });

  it('reports a same-size edit as changed (content, not size)', async () => {
    const { csv, file } = await savedProject();
    const { readFile } = await import('node:fs/promises');
    const text = await readFile(csv, 'utf8');
    await writeFile(csv, text.replace('1900-01-01,100', '1900-01-01,999'));
    const state = await new ProjectService({ dataDir: join(work, 'b') }).open(file);
    expect(state.dataset?.status).toBe('changed');
  });

  it('reports a moved file as missing, and relink points spec and dataset at the new place', async () => {
    const { csv, file } = await savedProject();
    const moved = join(work, 'moved.csv');
    await rename(csv, moved);
    const svc = new ProjectService({ dataDir: join(work, 'b'), autosaveDelayMs: 60_000 });
    expect((await svc.open(file)).dataset?.status).toBe('missing');
    const state = await svc.relink(moved);
    expect(state.dataset).toMatchObject({ path: moved, status: 'ok' });
    expect(state.spec?.data.file).toBe(moved);
    expect(state.dirty).toBe(true);
    await expect(svc.relink(join(work, 'nowhere.csv'))).rejects.toThrow(/cannot be read/);
    svc.dispose();
  });

  it('an unchanged file is ok', async () => {
    const { file } = await savedProject();
    expect((await new ProjectService({ dataDir: join(work, 'b') }).open(file)).dataset?.status).toBe('ok');
  });
});

describe('recent projects', () => {
  let work: string;
  beforeEach(async () => {
    work = await tempDir();
  });
  afterEach(() => cleanup(work));

  it('keeps the most recent first, once each, at most ten, with an exists flag', async () => {
    let t = Date.parse('2024-01-01T00:00:00Z');
    const recent = new RecentProjects(join(work, 'recent.json'), () => new Date((t += 1000)));
    for (let i = 0; i < 12; i++) await recent.touch(join(work, `p${i}.rsproj`), `P${i}`);
    await recent.touch(join(work, 'p5.rsproj'), 'P5');
    await writeFile(join(work, 'p5.rsproj'), 'x');
    const list = await recent.list();
    expect(list).toHaveLength(MAX_RECENT);
    expect(list.map((e) => e.name)).toEqual(['P5', 'P11', 'P10', 'P9', 'P8', 'P7', 'P6', 'P4', 'P3', 'P2']);
    expect(list.map((e) => e.exists)).toEqual([true, false, false, false, false, false, false, false, false, false]);
    expect(list[0].openedAt > list[1].openedAt).toBe(true);
  });

  it('treats a damaged list as empty', async () => {
    await writeFile(join(work, 'recent.json'), '{ not json');
    const recent = new RecentProjects(join(work, 'recent.json'));
    expect(await recent.list()).toEqual([]);
    await recent.touch(join(work, 'a.rsproj'), 'A');
    expect((await recent.list()).map((e) => e.name)).toEqual(['A']);
  });

  it('opening and saving a project put it at the top', async () => {
    const csv = await writeCsv(work);
    const svc = new ProjectService({ dataDir: join(work, 'app') });
    await svc.setSpec(specFor(csv));
    await svc.save(join(work, 'one.rsproj'));
    await svc.save(join(work, 'two.rsproj'));
    await new ProjectService({ dataDir: join(work, 'app') }).open(join(work, 'one.rsproj'));
    expect((await svc.recent()).map((e) => [e.name, e.exists])).toEqual([
      ['one', true],
      ['two', true],
    ]);
  });
});
