/** Builds folders of text files for the folder-import tests: each test lays out exactly the files it is about. */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, expect } from 'vitest';
import { DataError } from '../../src-main/data/data-error';

const root = mkdtempSync(join(tmpdir(), 'recurrent-folder-test-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

let n = 0;
/** Creates a fresh folder named `name` holding `files` (relative path → UTF-8 text or raw bytes); returns its path. */
export function makeFolder(files: Record<string, string | Uint8Array>, name = 'reviews'): string {
  const folder = join(root, `case${n++}`, name);
  mkdirSync(folder, { recursive: true });
  for (const [relative, content] of Object.entries(files)) {
    const path = join(folder, relative);
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, content);
  }
  return folder;
}

/** Latin-1 bytes of a string whose characters are all below U+0100. */
export function latin1(text: string): Uint8Array {
  return Uint8Array.from(text, (ch) => ch.charCodeAt(0));
}

/** The DataError a folder import fails with (the test fails when it succeeds or fails otherwise). */
export async function refusal(promise: Promise<unknown>): Promise<DataError> {
  const e = await promise.then(
    () => null,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(DataError);
  return e as DataError;
}
