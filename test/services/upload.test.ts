import { describe, expect, it } from 'vitest';
import { sanitizeFileName } from '../../src-main/services/upload';

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
