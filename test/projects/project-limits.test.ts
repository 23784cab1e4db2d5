/**
 * The limits a project file is opened within: paths that are not regular files, honest and
 * dishonest zip bombs, entry counts, progress and cancel. Memory is measured around the
 * bombs: a refusal before unpacking must not allocate what the bomb declares.
 */
import { execFileSync } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readProjectFile } from '../../src-main/projects/project-io';
import { unpackProject } from '../../src-main/projects/project-archive';
import { PROJECT_UNZIP_LIMITS } from '../../src-main/projects/project-unzip';
import { ProjectService } from '../../src-main/projects/project-service';
import { cleanup, makeRun, specFor, tempDir, writeCsv } from './fixtures';
import { zipBomb } from './zip-bomb';

let work = '';
let good = '';

beforeAll(async () => {
  work = await tempDir('rs-project-limits-');
  const spec = specFor(await writeCsv(work));
  const svc = new ProjectService({ dataDir: join(work, 'app') });
  await svc.setSpec(spec);
  for (const id of ['run-1', 'run-2', 'run-3']) {
    svc.addRun(await makeRun(join(work, 'app', 'runs'), id, spec), join(work, 'app', 'runs', id));
  }
  good = join(work, 'good.rsproj');
  await svc.save(good);
  svc.dispose();
});
afterAll(() => cleanup(work));

function freshService(): ProjectService {
  return new ProjectService({ dataDir: join(work, `other-${Math.random().toString(36).slice(2)}`) });
}

describe('paths that are not project files', () => {
  it('refuses a device without reading it (/dev/zero never ends)', async () => {
    await expect(freshService().open('/dev/zero')).rejects.toThrow('"/dev/zero" is a device, not a project file.');
  });

  it('refuses a pipe without blocking on it', async () => {
    const fifo = join(work, 'pipe.rsproj');
    execFileSync('mkfifo', [fifo]);
    await expect(freshService().open(fifo)).rejects.toThrow(/is a pipe \(FIFO\), not a project file/);
  });

  it('refuses a folder', async () => {
    await expect(freshService().open(work)).rejects.toMatchObject({ code: 'invalid-request' });
    await expect(freshService().open(work)).rejects.toThrow(/is a folder, not a project file/);
  });
});

describe('zip bombs', () => {
  it('refuses an honest 1 GiB bomb from its directory, before inflating a byte', async () => {
    const bomb = await zipBomb('runs/run-1/model/weights.bin', 1024 ** 3);
    const path = join(work, 'bomb.rsproj');
    await writeFile(path, bomb);
    const before = process.memoryUsage().arrayBuffers;
    await expect(freshService().open(path)).rejects.toThrow(/would unpack \d+ times its packed size \(a zip bomb\)/);
    const grown = process.memoryUsage().arrayBuffers - before;
    console.log(
      `[limits] 1 GiB honest bomb (${(bomb.length / 1e6).toFixed(1)} MB file): +${(grown / 1e6).toFixed(1)} MB while refused`,
    );
    expect(grown).toBeLessThan(64 * 1024 * 1024);
  });

  it('stops a bomb that declares less than it inflates to at the declared size', async () => {
    const bomb = await zipBomb('runs/run-1/model/weights.bin', 32 * 1024 * 1024, 2 * 1024 * 1024);
    // The declared ratio (2 MiB from ~32 KB) passes the directory check; the inflater must stop it.
    await expect(unpackProject(bomb, { limits: { ...PROJECT_UNZIP_LIMITS, maxRatio: 1000 } })).rejects.toThrow(
      /unpacks to more than it declares/,
    );
  });

  it('refuses more entries than the limit before inflating', async () => {
    const bytes = new Uint8Array(await readFile(good));
    await expect(unpackProject(bytes, { limits: { ...PROJECT_UNZIP_LIMITS, maxEntries: 3 } })).rejects.toThrow(
      /more than 3 entries/,
    );
  });

  it('refuses more unpacked data than the limit', async () => {
    const bytes = new Uint8Array(await readFile(good));
    await expect(unpackProject(bytes, { limits: { ...PROJECT_UNZIP_LIMITS, maxUnpackedBytes: 1000 } })).rejects.toThrow(
      /more data than a project may hold/,
    );
  });
});

describe('opening in steps', () => {
  it('reports progress up to the whole file', async () => {
    const fractions: number[] = [];
    const unpacked = await readProjectFile(good, { onProgress: (p) => fractions.push(p.fraction) });
    expect(unpacked.json.runs).toHaveLength(3);
    expect(fractions.length).toBeGreaterThan(0);
    expect(fractions.at(-1)).toBe(1);
    expect([...fractions].sort((a, b) => a - b)).toEqual(fractions);
  });

  it('stops when cancelled and says nothing changed', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(readProjectFile(good, { signal: controller.signal })).rejects.toMatchObject({
      code: 'cancelled',
      message: expect.stringMatching(/cancelled; nothing changed/),
    });
  });
});
