/**
 * Project files unpack in a worker thread: the same verified entries as unpacking in place,
 * progress to the end, the same refusals (checksum, zip bomb) and a cancel that ends the worker.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unpackProject } from '../../src-main/projects/project-archive';
import { ProjectFormatError } from '../../src-main/projects/project-format';
import { PROJECT_UNZIP_LIMITS } from '../../src-main/projects/project-unzip';
import { ProjectService } from '../../src-main/projects/project-service';
import { unpackInWorker } from '../../src-main/worker/project-unpack-client';
import { cleanup, makeRun, specFor, tempDir, writeCsv } from '../projects/fixtures';
import { zipBomb } from '../projects/zip-bomb';

let work = '';
let bytes: Uint8Array = new Uint8Array();

beforeAll(async () => {
  work = await tempDir('rs-unpack-worker-');
  const spec = specFor(await writeCsv(work));
  const svc = new ProjectService({ dataDir: join(work, 'app') });
  await svc.setSpec(spec);
  const run = await makeRun(join(work, 'app', 'runs'), 'run-1', spec);
  // Random weights stay large inside the zip: enough steps for progress and a cancel mid-way.
  await writeFile(join(work, 'app', 'runs', 'run-1', 'model', 'weights.bin'), randomBytes(4 * 1024 * 1024));
  svc.addRun(run, join(work, 'app', 'runs', 'run-1'));
  await svc.save(join(work, 'one.rsproj'));
  svc.dispose();
  bytes = new Uint8Array(await readFile(join(work, 'one.rsproj')));
}, 60_000);
afterAll(() => cleanup(work));

describe('unpacking a project in a worker', () => {
  it('gives the entries unpacking in place gives, and progress to the whole file', async () => {
    const expected = await unpackProject(bytes);
    const fractions: number[] = [];
    const unpacked = await unpackInWorker(bytes.slice(), { onProgress: (p) => fractions.push(p.fraction) });
    expect(unpacked.json).toEqual(expected.json);
    expect([...unpacked.entries.keys()].sort()).toEqual([...expected.entries.keys()].sort());
    for (const [name, data] of expected.entries) {
      // Buffer.equals: a deep toEqual over megabytes takes minutes.
      expect(Buffer.from(data).equals(Buffer.from(unpacked.entries.get(name)!)), name).toBe(true);
    }
    expect(fractions.length).toBeGreaterThan(10);
    expect(fractions.at(-1)).toBe(1);
  }, 60_000);

  it('refuses a damaged entry with the checksum reason', async () => {
    const expected = await unpackProject(bytes);
    const weights = expected.entries.get('runs/run-1/model/weights.bin')!;
    // Weights are stored, not deflated: flip a byte of them inside the zip.
    const at = Buffer.from(bytes).indexOf(Buffer.from(weights.subarray(0, 64)));
    expect(at).toBeGreaterThan(0);
    const damaged = bytes.slice();
    damaged[at + 1000] ^= 0xff;
    const err = await unpackInWorker(damaged).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProjectFormatError);
    expect((err as Error).message).toMatch(/weights\.bin.*(damaged|checksum|CRC|invalid)/i);
  }, 60_000);

  it('refuses an honest zip bomb within the limits it is given', async () => {
    const bomb = await zipBomb('runs/run-1/model/weights.bin', 64 * 1024 ** 2);
    const err = await unpackInWorker(bomb, { limits: { ...PROJECT_UNZIP_LIMITS } }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ProjectFormatError);
    expect((err as Error).message).toMatch(/zip bomb/);
  }, 60_000);

  it('stops on cancel with the reason given, and reports no progress after it', async () => {
    const controller = new AbortController();
    const fractions: number[] = [];
    const reason = new Error('stopped by the test');
    const unpacking = unpackInWorker(bytes.slice(), {
      signal: controller.signal,
      onProgress: (p) => {
        fractions.push(p.fraction);
        if (p.fraction > 0.2) controller.abort(reason);
      },
    });
    await expect(unpacking).rejects.toBe(reason);
    const seen = fractions.length;
    await new Promise((r) => setTimeout(r, 200));
    expect(fractions.length).toBe(seen);
    expect(fractions.at(-1)).toBeLessThan(1);
  }, 60_000);
});
