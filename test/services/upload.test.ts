import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sanitizeFileName, storeUpload } from '../../src-main/services/upload';

describe('sanitizeFileName', () => {
  it.each([
    ['../../etc/passwd', 'passwd'],
    ['..\\..\\windows\\system.ini', 'system.ini'],
    ['/abs/path/data.csv', 'data.csv'],
    ['..', 'upload'],
    ['.hidden.csv', 'hidden.csv'],
    ['a\u0000b.csv', 'a_b.csv'],
    ['what?<>|.csv', 'what____.csv'],
    ['CON.csv', '_CON.csv'],
    ['  sales   2024 .csv  ', 'sales 2024 .csv'],
    ['', 'upload'],
  ])('%j becomes %j', (input, expected) => {
    expect(sanitizeFileName(input)).toBe(expected);
  });

  it('caps long names and keeps the extension', () => {
    const name = sanitizeFileName(`${'x'.repeat(300)}.xlsx`);
    expect(name).toHaveLength(120);
    expect(name.endsWith('.xlsx')).toBe(true);
  });

  it('never yields a name with a separator or a leading dot', () => {
    for (const input of ['a/../b', '.../x', 'x/..', '\\\\server\\share\\f.csv', '. . .csv']) {
      const out = sanitizeFileName(input);
      expect(out).not.toMatch(/[\\/]/);
      expect(out.startsWith('.')).toBe(false);
    }
  });
});

describe('storeUpload', () => {
  it('refuses an upload over the limit before decoding it, naming the limit and the remedy', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'upload-limit-'));
    try {
      const over = Buffer.alloc(3000).toString('base64');
      await expect(storeUpload(dir, 'big.csv', over, 2000)).rejects.toThrow(/limited to 100 MB.*desktop app/);
      // Nothing was written for the refused upload.
      expect(await readdir(dir)).toEqual([]);
      const path = await storeUpload(dir, 'small.csv', Buffer.from('a,b\n1,2\n').toString('base64'), 2000);
      expect(await readFile(path, 'utf8')).toBe('a,b\n1,2\n');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
