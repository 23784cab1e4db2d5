/**
 * One formatter for every number the UI shows: significant digits through
 * src-renderer/utils/format.ts, so no view prints 13–16 decimals or rounds its own way. This
 * scan keeps new renderer code on it.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const RENDERER = join(__dirname, '..', '..', 'src-renderer');
const FORMATTER = join('utils', 'format.ts');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sources(path);
    return /\.(ts|vue)$/.test(entry.name) ? [path] : [];
  });
}

describe('the one number formatter', () => {
  it('is the only renderer file that rounds numbers to text itself', () => {
    const scanned = sources(RENDERER);
    expect(scanned.length).toBeGreaterThan(50);
    const offenders = scanned
      .filter((path) => relative(RENDERER, path) !== FORMATTER)
      .filter((path) => /\.(toFixed|toPrecision)\(/.test(readFileSync(path, 'utf8')))
      .map((path) => relative(RENDERER, path));
    expect(offenders).toEqual([]);
  });
});
