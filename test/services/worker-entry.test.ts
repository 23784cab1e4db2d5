/**
 * The worker entry is found in both bundle layouts: code in an entry bundle next to
 * training-worker.js, and code the bundler moved into chunks/ one folder below it.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveWorkerEntry } from '../../src-main/worker/worker-entry';

let out: string;

beforeEach(async () => {
  out = await mkdtemp(join(tmpdir(), 'worker-entry-'));
  await mkdir(join(out, 'main', 'chunks'), { recursive: true });
});

afterEach(async () => {
  await rm(out, { recursive: true, force: true });
});

describe('resolveWorkerEntry', () => {
  it('finds the worker beside an entry bundle and from a chunk below it', async () => {
    const worker = join(out, 'main', 'training-worker.js');
    await writeFile(worker, '');
    const expected = pathToFileURL(worker).href;
    const fromEntry = resolveWorkerEntry(pathToFileURL(join(out, 'main', 'index.js')).href);
    const fromChunk = resolveWorkerEntry(pathToFileURL(join(out, 'main', 'chunks', 'job-client-abc.js')).href);
    expect(fromEntry.eval).toBe(false);
    expect(String(fromEntry.source)).toBe(expected);
    expect(String(fromChunk.source)).toBe(expected);
  });

  it('says where it looked when the worker is missing', () => {
    expect(() => resolveWorkerEntry(pathToFileURL(join(out, 'main', 'chunks', 'x.js')).href)).toThrow(
      /training worker is missing.*chunks/,
    );
  });

  it('starts TypeScript sources through a tsx bootstrap', () => {
    const entry = resolveWorkerEntry(pathToFileURL(join(out, 'src', 'worker-entry.ts')).href);
    expect(entry.eval).toBe(true);
    expect(String(entry.source)).toContain(pathToFileURL(join(out, 'src', 'training-worker.ts')).href);
  });
});
