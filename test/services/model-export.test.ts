import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

// Lets a test make the second copy fail, to check that nothing half-written stays behind.
const failures = vi.hoisted(() => ({ copyFailAt: -1, copies: 0 }));
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  return {
    ...real,
    copyFile: async (...args: Parameters<typeof real.copyFile>) => {
      failures.copies++;
      if (failures.copies === failures.copyFailAt) throw Object.assign(new Error('disk full'), { code: 'ENOSPC' });
      return real.copyFile(...args);
    },
  };
});

const { saveModelTo } = await import('../../src-main/services/model-export');

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'model-export-'));
  failures.copies = 0;
  failures.copyFailAt = -1;
  await mkdir(join(root, 'model'));
  await writeFile(join(root, 'model', 'model.json'), '{}');
  await writeFile(join(root, 'model', 'weights.bin'), 'w');
  await writeFile(join(root, 'model', 'preprocessing.json'), '{}');
  await mkdir(join(root, 'out'));
});
afterEach(async () => {
  await rm(root, { recursive: true, force: true });
});

describe('saveModelTo', () => {
  it('leaves the folder untouched when a copy fails midway', async () => {
    failures.copyFailAt = 2;
    await expect(saveModelTo(join(root, 'model'), join(root, 'out'))).rejects.toThrow('disk full');
    expect(await readdir(join(root, 'out'))).toEqual([]);
  });

  it('writes every file when the copies succeed', async () => {
    const saved = await saveModelTo(join(root, 'model'), join(root, 'out'));
    expect((await readdir(join(root, 'out'))).sort()).toEqual(saved.files);
  });

  it('refuses a folder without a model.json source', async () => {
    await rm(join(root, 'model', 'model.json'));
    await expect(saveModelTo(join(root, 'model'), join(root, 'out'))).rejects.toThrow(/missing/);
  });
});
