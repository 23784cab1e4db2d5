import { chmod, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ProjectService } from '../../src-main/projects/project-service';
import { cleanup, makeRun, modelBytes, specFor, tempDir, writeCsv } from './fixtures';

/** Root ignores folder permissions, so the read-only folder test only means something for other users. */
const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;

describe('project files that must be refused', () => {
  let work: string;
  let good: string;
  let goodBytes: Uint8Array;

  beforeEach(async () => {
    work = await tempDir();
    const csv = await writeCsv(work);
    const spec = specFor(csv);
    const svc = new ProjectService({ dataDir: join(work, 'app') });
    await svc.setSpec(spec);
    svc.addRun(await makeRun(join(work, 'app', 'runs'), 'run-1', spec), join(work, 'app', 'runs', 'run-1'));
    good = join(work, 'good.rsproj');
    await svc.save(good);
    goodBytes = new Uint8Array(await readFile(good));
  });
  afterEach(() => cleanup(work));

  /** Writes `bytes` as a project file, tries to open it and to save over it, and checks it is untouched. */
  async function expectRefused(name: string, bytes: Uint8Array, message: RegExp): Promise<void> {
    const path = join(work, name);
    await writeFile(path, bytes);
    const svc = new ProjectService({ dataDir: join(work, 'other'), autosaveDelayMs: 10 });
    const before = svc.current();
    await expect(svc.open(path)).rejects.toThrow(message);
    expect(svc.current()).toEqual(before);
    await svc.setSpec(specFor(join(work, 'flow.csv')));
    await expect(svc.save(path)).rejects.toThrow(/Not saving over/);
    expect(new Uint8Array(await readFile(path))).toEqual(bytes);
    expect(await readdir(join(work, 'other', 'runs')).catch(() => [])).toEqual([]);
    svc.dispose();
  }

  it('refuses a file that is not a zip', async () => {
    await expectRefused('notes.rsproj', strToU8('year,flow\n1900,1\n'), /not a zip archive/);
  });

  it('refuses a truncated file', async () => {
    await expectRefused('cut.rsproj', goodBytes.slice(0, Math.floor(goodBytes.length / 2)), /damaged or incomplete/);
  });

  it('refuses a file whose weights were damaged inside the zip', async () => {
    const bytes = goodBytes.slice();
    // Weights are stored uncompressed: find their first bytes in the file and flip one after them.
    const marker = modelBytes('run-1')['weights.bin'].slice(0, 16);
    let at = -1;
    for (let i = 0; i < bytes.length - 16 && at < 0; i++) if (marker.every((m, k) => bytes[i + k] === m)) at = i;
    expect(at).toBeGreaterThan(0);
    bytes[at + 100] ^= 0xff;
    await expectRefused('flipped.rsproj', bytes, /damaged/);
  });

  it('refuses a project from a newer version and says to update', async () => {
    const json = { format: 'recurrent-studio.project', version: 2, name: 'Future', files: {} };
    await expectRefused(
      'future.rsproj',
      zipSync({ 'project.json': strToU8(JSON.stringify(json)) }),
      /newer version.*Update/,
    );
  });

  it('refuses a zip that is not a project', async () => {
    await expectRefused('other.rsproj', zipSync({ 'readme.txt': strToU8('hello') }), /does not belong/);
  });

  it.each([
    ['../evil.txt'],
    ['runs/../../evil.txt'],
    ['/etc/evil.txt'],
    ['runs/run-1/model/loader.js'],
    ['runs/run-1/model/../../../evil.json'],
    ['C:/evil.txt'],
  ])('refuses the entry name %s (path traversal, unexpected files)', async (entry) => {
    const json = { format: 'recurrent-studio.project', version: 1, name: 'Trap', files: {} };
    const bytes = zipSync({ 'project.json': strToU8(JSON.stringify(json)), [entry]: strToU8('x') });
    await expectRefused('traversal.rsproj', bytes, /does not belong/);
  });

  it('keeps the previous file when a save fails before the rename', async () => {
    const svc = new ProjectService({
      dataDir: join(work, 'app2'),
      writeHooks: {
        beforeRename: () => {
          throw new Error('disk full');
        },
      },
    });
    await svc.open(good);
    await svc.setSpec(specFor(join(work, 'flow.csv'), { training: { epochs: 3 } }));
    await expect(svc.save()).rejects.toThrow('disk full');
    expect(new Uint8Array(await readFile(good))).toEqual(goodBytes);
    expect((await readdir(work)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    expect(svc.current().dirty).toBe(true);
    svc.dispose();
  });

  it.skipIf(isRoot)('keeps the previous file when its folder is read-only', async () => {
    const svc = new ProjectService({ dataDir: join(work, 'app3') });
    await svc.open(good);
    await svc.setSpec(specFor(join(work, 'flow.csv'), { training: { epochs: 3 } }));
    await chmod(work, 0o555);
    try {
      await expect(svc.save()).rejects.toThrow();
    } finally {
      await chmod(work, 0o755);
    }
    expect(new Uint8Array(await readFile(good))).toEqual(goodBytes);
    svc.dispose();
  });
});
