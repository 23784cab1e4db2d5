/**
 * The probes of the reliability review, against every reader of a user-chosen path: devices,
 * pipes, folders and files far over the limits are refused before reading, with memory growth
 * measured (and printed) around each refusal. The large files are sparse: they take no disk.
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTable } from '../../src-main/data/import/load-table';
import { readRunResult } from '../../src-main/model-use/run-folder';
import { ProjectService } from '../../src-main/projects/project-service';
import { importTfjsModel } from '../../src-main/export/index';

let dir = '';
let fifo = '';
let huge = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'path-probes-'));
  fifo = join(dir, 'pipe');
  execFileSync('mkfifo', [fifo]);
  // 3 GiB that reads as zeros, without using the disk.
  huge = join(dir, 'huge.rsproj');
  await writeFile(huge, '');
  await truncate(huge, 3 * 1024 ** 3);
  // The model importer loads TensorFlow first: load it before measuring, so only reading counts.
  await importTfjsModel(join(dir, 'no-model')).catch(() => undefined);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

/** Runs `probe`, expects it to be refused with `message`, and returns the memory it grew by (MB). */
async function refusedWithin(probe: () => Promise<unknown>, message: RegExp): Promise<number> {
  const before = process.memoryUsage();
  await expect(probe()).rejects.toThrow(message);
  const after = process.memoryUsage();
  return Math.max(after.rss - before.rss, after.arrayBuffers - before.arrayBuffers) / 1024 ** 2;
}

const readers: [string, (path: string) => Promise<unknown>][] = [
  ['project.open', (p) => new ProjectService({ dataDir: join(dir, 'app') }).open(p)],
  ['data import', (p) => loadTable(p)],
  ['run folder', (p) => readRunResult(p)],
  ['model import', (p) => importTfjsModel(p)],
];

describe('user-chosen paths that are not usable files', () => {
  it.each(readers)('%s refuses /dev/zero, a FIFO and a 3 GiB file without reading them', async (name, read) => {
    const grown: number[] = [];
    grown.push(await refusedWithin(() => read('/dev/zero'), /device|not a folder|holds no/));
    grown.push(await refusedWithin(() => read(fifo), /pipe|not a folder|holds no/));
    if (name === 'project.open')
      grown.push(await refusedWithin(() => read(huge), /is 3\.0 GB; a project file may be at most 2\.0 GB/));
    console.log(`[probe] ${name}: memory grew by at most ${Math.max(...grown).toFixed(1)} MB`);
    expect(Math.max(...grown)).toBeLessThan(64);
  });

  it('a 3 GiB workbook is refused by its size before reading', async () => {
    const xlsx = join(dir, 'huge.xlsx');
    await writeFile(xlsx, '');
    await truncate(xlsx, 3 * 1024 ** 3);
    const grown = await refusedWithin(() => loadTable(xlsx), /is 3\.0 GB; a workbook may be at most 512 MB/);
    console.log(`[probe] workbook import of 3 GiB: memory grew by ${grown.toFixed(1)} MB`);
    expect(grown).toBeLessThan(64);
  });
});
