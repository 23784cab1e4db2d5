import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ExportCancelledError, throwIfCancelled } from '../../src-main/export/export-cancel';
import { writeFilesAtomically } from '../../src-main/storage/atomic-write';
import { exportModel } from '../../src-main/export/index';
import { FIXTURES, saveFixture } from '../export/fixtures';

const cleanup: string[] = [];
afterAll(async () => Promise.all(cleanup.map((d) => rm(d, { recursive: true, force: true }))));

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'rs-atomic-'));
  cleanup.push(dir);
  return dir;
}

const bytes = (s: string) => new TextEncoder().encode(s);

describe('atomic export writes', () => {
  it('replaces existing files only when every file is complete', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'a.txt'), 'old a');
    const files = await writeFilesAtomically([
      { path: join(dir, 'a.txt'), data: bytes('new a') },
      { path: join(dir, 'sub', 'b.txt'), data: bytes('new b') },
    ]);
    expect(files).toEqual([join(dir, 'a.txt'), join(dir, 'sub', 'b.txt')]);
    expect(await readFile(join(dir, 'a.txt'), 'utf8')).toBe('new a');
    expect(await readFile(join(dir, 'sub', 'b.txt'), 'utf8')).toBe('new b');
    expect((await readdir(dir)).sort()).toEqual(['a.txt', 'sub']);
  });

  it('leaves the previous file intact and no partial file when a later file fails', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'a.txt'), 'old a');
    // A regular file where a folder is needed makes the second write fail after the first is staged.
    await writeFile(join(dir, 'blocker'), 'x');
    await expect(
      writeFilesAtomically([
        { path: join(dir, 'a.txt'), data: bytes('new a') },
        { path: join(dir, 'blocker', 'b.txt'), data: bytes('new b') },
      ]),
    ).rejects.toThrow();
    expect(await readFile(join(dir, 'a.txt'), 'utf8')).toBe('old a');
    expect((await readdir(dir)).sort()).toEqual(['a.txt', 'blocker']);
  });

  it('stops on cancel between files without touching anything', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'a.txt'), 'old a');
    const controller = new AbortController();
    let checks = 0;
    const signal = {
      get aborted() {
        // Fires after the first file has been staged.
        if (++checks === 2) controller.abort();
        return controller.signal.aborted;
      },
    } as AbortSignal;
    await expect(
      writeFilesAtomically(
        [
          { path: join(dir, 'a.txt'), data: bytes('new a') },
          { path: join(dir, 'b.txt'), data: bytes('new b') },
        ],
        { shouldStop: () => throwIfCancelled(signal) },
      ),
    ).rejects.toThrow(ExportCancelledError);
    expect(await readFile(join(dir, 'a.txt'), 'utf8')).toBe('old a');
    expect(await readdir(dir)).toEqual(['a.txt']);
  });

  it('a cancelled model export writes nothing and keeps an earlier export', async () => {
    const saved = await saveFixture(FIXTURES[0], 0);
    cleanup.push(saved.dir);
    const dir = await tempDir();
    await writeFile(join(dir, 'model.onnx'), 'earlier export');
    const controller = new AbortController();
    controller.abort();
    await expect(
      exportModel(saved.dir, 'onnx', join(dir, 'model.onnx'), { signal: controller.signal }),
    ).rejects.toThrow(ExportCancelledError);
    expect(await readFile(join(dir, 'model.onnx'), 'utf8')).toBe('earlier export');
    expect(await readdir(dir)).toEqual(['model.onnx']);
  });
});
