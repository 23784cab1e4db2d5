import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkUserFile, formatBytes, readUserFile, UserFileError } from '../../src-main/storage/user-file';

let dir = '';
const rule = { what: 'data file', maxBytes: 1000 };

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'user-file-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function problemOf(path: string, allowFolder = false): Promise<UserFileError> {
  try {
    await readUserFile(path, rule);
  } catch (err) {
    if (allowFolder) throw err;
    expect(err).toBeInstanceOf(UserFileError);
    return err as UserFileError;
  }
  throw new Error(`${path} was read`);
}

describe('reading a user-chosen path', () => {
  it('reads a regular file within the limit', async () => {
    const path = join(dir, 'a.csv');
    await writeFile(path, 'x,y\n1,2\n');
    expect((await readUserFile(path, rule)).toString()).toBe('x,y\n1,2\n');
  });

  it.each([
    ['/dev/zero', 'device', '"/dev/zero" is a device, not a data file. Choose a regular data file.'],
    ['/dev/null', 'device', '"/dev/null" is a device, not a data file. Choose a regular data file.'],
  ])('refuses %s as a %s', async (path, problem, message) => {
    const err = await problemOf(path);
    expect(err.problem).toBe(problem);
    expect(err.message).toBe(message);
  });

  it('refuses a FIFO without blocking', async () => {
    const fifo = join(dir, 'pipe');
    execFileSync('mkfifo', [fifo]);
    expect((await problemOf(fifo)).problem).toBe('fifo');
  });

  it('refuses a folder unless the rule allows one', async () => {
    expect((await problemOf(dir)).message).toBe(`"${dir}" is a folder, not a data file.`);
    expect((await checkUserFile(dir, { ...rule, allowFolder: true })).isDirectory()).toBe(true);
  });

  it('refuses a file over the limit before reading it, naming both sizes', async () => {
    const path = join(dir, 'big.csv');
    await writeFile(path, Buffer.alloc(5000));
    expect((await problemOf(path)).message).toBe(
      `"${path}" is 4.9 KB; a data file may be at most 1000 bytes, so it was not read.`,
    );
  });

  it('says a missing path does not exist', async () => {
    expect((await problemOf(join(dir, 'gone.csv'))).problem).toBe('missing');
  });

  it('formats sizes as users read them', () => {
    expect(formatBytes(512)).toBe('512 bytes');
    expect(formatBytes(1536)).toBe('1.5 KB');
    expect(formatBytes(2 * 1024 ** 3)).toBe('2.0 GB');
    expect(formatBytes(300 * 1024 ** 2)).toBe('300 MB');
  });
});
