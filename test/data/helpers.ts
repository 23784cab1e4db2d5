/** Temporary data files for import tests: each test writes exactly the bytes it is about. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import type { TableColumn } from '../../src-main/data/table';

const dir = mkdtempSync(join(tmpdir(), 'recurrent-data-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let n = 0;
/** Writes text (UTF-8) or bytes to a fresh file with the given extension; returns its path. */
export function tempFile(content: string | Uint8Array, ext = '.csv'): string {
  const path = join(dir, `f${n++}${ext}`);
  writeFileSync(path, content);
  return path;
}

export function tempPath(ext: string): string {
  return join(dir, `f${n++}${ext}`);
}

export function numbers(col: TableColumn): number[] {
  if (col.type !== 'numeric' && col.type !== 'datetime') throw new Error(`${col.name} is ${col.type}`);
  return Array.from(col.values);
}

export function strings(col: TableColumn): (string | null)[] {
  if (col.type === 'numeric' || col.type === 'datetime') throw new Error(`${col.name} is ${col.type}`);
  return col.values;
}
