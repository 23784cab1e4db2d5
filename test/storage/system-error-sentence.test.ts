/** System errors in words when the action is not known: the issue saw a raw "ENOENT … .rsproj.….tmp" when a project was saved into a missing folder. */
import { mkdtempSync, rmSync } from 'node:fs';
import { open } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { failure } from '../../src-main/services/envelope';
import { systemErrorSentence, userPathOf as userPath } from '../../src-main/storage/fs-error-sentence';

const dir = mkdtempSync(join(tmpdir(), 'rs-errors-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function realError(path: string, flags: string): Promise<unknown> {
  return open(path, flags).then(
    async (h) => {
      await h.close();
      return null;
    },
    (e: unknown) => e,
  );
}

describe('system errors in words', () => {
  it('a save into a missing folder names the folder and the file the user chose, not the temporary one', async () => {
    const err = await realError(join(dir, 'no-such-folder', '.budget.rsproj.3f9a2c.tmp'), 'w');
    const message = systemErrorSentence(err);
    expect(message).toBe(
      `The folder "${join(dir, 'no-such-folder')}" does not exist, so "${join(dir, 'no-such-folder', 'budget.rsproj')}" could not be used. Create the folder or choose another one.`,
    );
    const envelope = failure(err);
    expect(envelope.ok ? null : envelope.error).toEqual({ code: 'io', message });
    expect(message).not.toMatch(/ENOENT|\.tmp/);
  });

  it('a missing file in an existing folder is "not found"', async () => {
    const err = await realError(join(dir, 'gone.csv'), 'r');
    expect(systemErrorSentence(err)).toMatch(/^The file ".*gone\.csv" was not found\. It may have been moved/);
  });

  it.each([
    ['EACCES', /Permission denied for "\/data\/locked\/p\.rsproj".*Choose another folder/],
    ['ENOSPC', /^The disk is full, so nothing was written to "\/data\/locked"\. Free some space/],
    ['EROFS', /^"\/data\/locked" is on a read-only disk, so nothing was written there\. Choose another folder\./],
  ])('%s says what happened, where, and what to do', (code, expected) => {
    const err = Object.assign(new Error(`${code}: raw, open '/data/locked/p.rsproj'`), {
      code,
      path: '/data/locked/p.rsproj',
    });
    expect(systemErrorSentence(err)).toMatch(expected);
  });

  it('finds the path in the message when the error lost its path field', () => {
    const err = Object.assign(new Error("ENOSPC: no space left on device, write '/data/out/model.onnx'"), {
      code: 'ENOSPC',
    });
    expect(systemErrorSentence(err)).toContain('"/data/out"');
  });

  it('leaves other errors alone', () => {
    expect(systemErrorSentence(new Error('boom'))).toBeNull();
    expect(systemErrorSentence(Object.assign(new Error('x'), { code: 'ERR_SOMETHING' }))).toBeNull();
  });

  it('maps temporary siblings back to the file the user chose', () => {
    expect(userPath('/a/b/.p.rsproj.1a2b3c.tmp')).toBe('/a/b/p.rsproj');
    expect(userPath('/a/b/model.json.tmp')).toBe('/a/b/model.json');
    expect(userPath('/a/b/data.csv')).toBe('/a/b/data.csv');
  });
});
