/**
 * A folder of labeled texts is a project's dataset too: it must be recognised on reopen,
 * and an edited, added or removed text must show as 'changed', a moved folder as 'missing'.
 */
import { mkdir, mkdtemp, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkDataset, datasetRefFor } from '../../src-main/projects/dataset-hash';

describe('a folder dataset', () => {
  let work: string;
  let folder: string;
  beforeEach(async () => {
    work = await mkdtemp(join(tmpdir(), 'rs-folder-ds-'));
    folder = join(work, 'reviews');
    for (const [label, text] of [
      ['pos', 'I loved it'],
      ['neg', 'Not good at all'],
    ]) {
      await mkdir(join(folder, label), { recursive: true });
      await writeFile(join(folder, label, '001.txt'), text);
    }
  });
  afterEach(() => rm(work, { recursive: true, force: true }));

  it('is ok while unchanged, changed after an edit or a new file, missing once moved', async () => {
    const ref = await datasetRefFor(folder, null);
    expect(ref.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(ref.sizeBytes).toBe('I loved it'.length + 'Not good at all'.length);
    expect(await checkDataset(ref)).toBe('ok');

    await writeFile(join(folder, 'neg', '001.txt'), 'Not bad at all');
    expect(await checkDataset(ref)).toBe('changed');

    await writeFile(join(folder, 'neg', '001.txt'), 'Not good at all');
    expect(await checkDataset(ref)).toBe('ok');
    await writeFile(join(folder, 'pos', '002.txt'), 'Great');
    expect(await checkDataset(ref)).toBe('changed');

    await rm(join(folder, 'pos', '002.txt'));
    await rename(folder, join(work, 'moved'));
    expect(await checkDataset(ref)).toBe('missing');
  });
});
