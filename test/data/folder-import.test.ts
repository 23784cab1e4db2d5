/**
 * A folder of labeled texts (`folder/<label>/*.txt`, the layout of review datasets) and a
 * folder of plain .txt files import as tables; unusable folders fail with specific messages.
 */
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_FOLDER_LIMITS } from '../../src-main/data/import/list-data-folder';
import { loadTable } from '../../src-main/data/import/load-table';
import { readTextFolder } from '../../src-main/data/import/read-text-folder';
import { column } from '../../src-main/data/table';
import { latin1, makeFolder, refusal } from './folder-helpers';
import { strings } from './helpers';

/** Three labels, UTF-8 and Latin-1 files, a hidden file and a file that is not .txt. */
function reviewsFolder(): string {
  return makeFolder({
    'pos/1.txt': 'Wonderful film, I loved it.\n',
    'pos/2.txt': 'Un très beau film.\r\nÀ voir.',
    'pos/10.txt': 'Great acting and a great story.',
    'pos/notes.md': '# not a review',
    'neg/1.txt': latin1('Très mauvais, ennuyeux.'),
    'neg/2.txt': 'Boring and far too long.',
    'neutral/1.txt': 'It was fine.',
    '.hidden.txt': 'not data',
    'pos/.DS_Store': new Uint8Array([0, 0, 0, 1, 66, 117, 100, 49]),
  });
}

describe('importing a folder of labeled texts', () => {
  it('reads one row per .txt file with the subfolder as label', async () => {
    const folder = reviewsFolder();
    const { table, summary } = await loadTable(folder);
    expect(summary.format).toBe('folder');
    expect(summary.layout).toBe('labeled-text');
    expect(summary.fileName).toBe('reviews');
    expect(summary.rows).toBe(6);
    expect(table.columns.map((c) => [c.name, c.type])).toEqual([
      ['file', 'categorical'],
      ['text', 'text'],
      ['label', 'categorical'],
    ]);
    // Label folders and files in the order people sort names: '2.txt' before '10.txt'.
    expect(strings(column(table, 'file'))).toEqual([
      'neg/1.txt',
      'neg/2.txt',
      'neutral/1.txt',
      'pos/1.txt',
      'pos/2.txt',
      'pos/10.txt',
    ]);
    expect(strings(column(table, 'label'))).toEqual(['neg', 'neg', 'neutral', 'pos', 'pos', 'pos']);
    const texts = strings(column(table, 'text'));
    expect(texts[0]).toBe('Très mauvais, ennuyeux.');
    // Line ends are unified and the trailing newline is not part of the text.
    expect(texts[3]).toBe('Wonderful film, I loved it.');
    expect(texts[4]).toBe('Un très beau film.\nÀ voir.');
    expect(summary.encoding).toBe('UTF-8 (5 files), Latin-1 (Windows-1252) (1 file)');
    const label = summary.columns.find((c) => c.name === 'label');
    expect(label?.distinct).toBe(3);
  });

  it('reports the skipped files and the label counts, and not the hidden ones', async () => {
    const { summary } = await loadTable(reviewsFolder());
    const messages = summary.problems.map((p) => `${p.severity}: ${p.message}`);
    expect(messages).toContain("info: 1 file is not .txt and was skipped ('pos/notes.md').");
    expect(messages).toContain('info: 6 texts, one per file, labeled by their folder: neg 2, neutral 1, pos 3.');
    expect(messages.join('\n')).not.toMatch(/hidden|DS_Store/);
  });

  it('sums the sizes of the files it read', async () => {
    const folder = makeFolder({ 'a/1.txt': 'abc', 'b/1.txt': 'defgh', 'b/skip.csv': 'x,y\n1,2\n' });
    const { summary } = await loadTable(folder);
    expect(summary.sizeBytes).toBe(8);
  });

  it('leaves out empty files and loose .txt files beside the label folders, with warnings', async () => {
    const folder = makeFolder({
      'pos/1.txt': 'good',
      'pos/2.txt': '  \n',
      'neg/1.txt': 'bad',
      'readme.txt': 'About this dataset',
      'empty-label/.keep': '',
    });
    const { table, summary } = await loadTable(folder);
    expect(strings(column(table, 'file'))).toEqual(['neg/1.txt', 'pos/1.txt']);
    const messages = summary.problems.map((p) => p.message).join('\n');
    expect(messages).toMatch(/1 file holds no text and was left out \('pos\/2.txt'\)/);
    expect(messages).toMatch(/1 \.txt file lies directly in 'reviews', outside the label folders.*'readme.txt'/);
    expect(messages).toMatch(/'empty-label' holds no \.txt files and is not a label/);
  });

  it('reads a folder of .txt files without subfolders as a corpus, one text per file', async () => {
    const folder = makeFolder({ 'b.txt': 'Second story.', 'a.txt': 'First story.\n\nWith two paragraphs.' }, 'stories');
    const { table, summary } = await loadTable(folder);
    expect(summary.format).toBe('folder');
    expect(summary.layout).toBe('text');
    expect(table.columns.map((c) => c.name)).toEqual(['file', 'text']);
    expect(strings(column(table, 'text'))).toEqual(['First story.\n\nWith two paragraphs.', 'Second story.']);
  });

  it('follows links inside the folder but not links that leave it', async () => {
    const outside = makeFolder({ 'secret.txt': 'outside text' }, 'elsewhere');
    const folder = makeFolder({ 'pos/1.txt': 'good', 'neg/1.txt': 'bad' });
    symlinkSync(join(outside, 'secret.txt'), join(folder, 'pos', 'leak.txt'));
    symlinkSync(outside, join(folder, 'stolen'));
    symlinkSync(join(folder, 'neg', '1.txt'), join(folder, 'pos', 'alias.txt'));
    const { table, summary } = await loadTable(folder);
    expect(strings(column(table, 'file'))).toEqual(['neg/1.txt', 'pos/1.txt', 'pos/alias.txt']);
    expect(strings(column(table, 'text'))).not.toContain('outside text');
    expect(summary.problems.map((p) => p.message)).toContain(
      "Links that point outside the folder are not followed ('stolen', 'pos/leak.txt').",
    );
  });

  it('applies a text ↔ categorical type override and keeps the folder columns otherwise', async () => {
    const folder = makeFolder({ 'pos/1.txt': 'good', 'neg/1.txt': 'bad' });
    const { summary } = await loadTable(folder, { typeOverrides: { file: 'text', label: 'numeric' } });
    const file = summary.columns.find((c) => c.name === 'file');
    expect([file?.type, file?.detectedType]).toEqual(['text', 'categorical']);
    expect(summary.columns.find((c) => c.name === 'label')?.type).toBe('categorical');
    expect(summary.problems.map((p) => p.message)).toContain(
      "Column 'label' of a text folder cannot become numeric; it stays categorical.",
    );
  });
});

describe('folders that cannot be imported', () => {
  it('refuses an empty folder', async () => {
    const folder = makeFolder({ '.DS_Store': 'x' });
    const e = await refusal(loadTable(folder));
    expect(e.message).toMatch(/^The folder 'reviews' is empty\./);
  });

  it('refuses a folder with only one label folder', async () => {
    const folder = makeFolder({ 'pos/1.txt': 'good', 'pos/2.txt': 'fine' });
    const e = await refusal(loadTable(folder));
    expect(e.message).toMatch(/^Only one label folder \('pos'\) holds \.txt files: a classifier needs at least two\./);
  });

  it('refuses a folder without .txt files', async () => {
    const folder = makeFolder({ 'data.json': '{}', 'pos/x.md': 'y' });
    const e = await refusal(loadTable(folder));
    expect(e.message).toMatch(/^The folder 'reviews' holds no \.txt files/);
  });

  it('names a file that is binary', async () => {
    const folder = makeFolder({
      'pos/1.txt': 'good',
      'neg/1.txt': 'bad',
      'neg/photo.txt': new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]),
      'neg/raw.txt': new Uint8Array([1, 2, 3, 0, 0, 4, 5, 6, 7, 8, 0, 1]),
    });
    const e = await refusal(loadTable(folder));
    expect(e.message).toBe(
      "The file 'neg/photo.txt' cannot be read as text: it is a PNG image. Remove it from the folder or save it as plain text.",
    );
    writeFileSync(join(folder, 'neg', 'photo.txt'), 'a real text now');
    const e2 = await refusal(loadTable(folder));
    expect(e2.message).toMatch(/^The file 'neg\/raw\.txt' cannot be read as text: it holds binary data/);
  });

  it('refuses a file over the size limit, naming it', async () => {
    const folder = makeFolder({ 'pos/1.txt': 'good', 'neg/big.txt': 'x'.repeat(2048) });
    const limits = { ...DEFAULT_FOLDER_LIMITS, maxFileBytes: 1024 };
    const e = await refusal(readTextFolder(folder, {}, limits));
    expect(e.message).toMatch(/^The file 'neg\/big\.txt' is .* a text file in a folder may be at most/);
  });

  it('refuses more files than the limit before reading any', async () => {
    const files: Record<string, string> = {};
    for (let i = 0; i < 6; i++) files[`${i % 2 ? 'pos' : 'neg'}/${i}.txt`] = `text ${i}`;
    const folder = makeFolder(files);
    let progressed = false;
    const e = await refusal(
      readTextFolder(folder, { onProgress: () => (progressed = true) }, { ...DEFAULT_FOLDER_LIMITS, maxFiles: 5 }),
    );
    expect(e.message).toMatch(/^The folder 'reviews' holds more than 5 text files/);
    expect(progressed).toBe(false);
    // At the limit, the same folder imports.
    const ok = await readTextFolder(folder, {}, { ...DEFAULT_FOLDER_LIMITS, maxFiles: 6 });
    expect(ok.table.rowCount).toBe(6);
  });

  it('refuses texts that add up to more than the total limit', async () => {
    const folder = makeFolder({ 'pos/1.txt': 'x'.repeat(600), 'neg/1.txt': 'y'.repeat(600) });
    const e = await refusal(readTextFolder(folder, {}, { ...DEFAULT_FOLDER_LIMITS, maxTotalBytes: 1000 }));
    expect(e.message).toMatch(/^The texts in 'reviews' add up to/);
  });

  it('still says so when a path does not exist', async () => {
    const folder = makeFolder({ 'pos/1.txt': 'good' });
    const e = await refusal(loadTable(join(dirname(folder), 'missing')));
    expect(e.message).toMatch(/does not exist/);
  });
});

describe('progress and cancel', () => {
  function bigFolder(): string {
    const files: Record<string, string> = {};
    for (let i = 0; i < 40; i++) files[`${i % 2 ? 'pos' : 'neg'}/${i}.txt`] = `review number ${i} `.repeat(50);
    return makeFolder(files);
  }

  it('reports progress up to the whole folder', async () => {
    const fractions: number[] = [];
    await loadTable(bigFolder(), { onProgress: (f) => fractions.push(f) });
    expect(fractions.length).toBeGreaterThanOrEqual(2);
    expect(fractions[0]).toBeLessThan(1);
    expect(fractions.at(-1)).toBe(1);
    for (let i = 1; i < fractions.length; i++) expect(fractions[i]).toBeGreaterThanOrEqual(fractions[i - 1]);
  });

  it('stops mid-folder when the signal aborts', async () => {
    const controller = new AbortController();
    const seen: number[] = [];
    const result = loadTable(bigFolder(), {
      signal: controller.signal,
      onProgress: (f) => {
        seen.push(f);
        controller.abort();
      },
    });
    await expect(result).rejects.toThrow(/abort/i);
    // Aborted after the first file: the rest of the folder was never read.
    expect(seen).toHaveLength(1);
    expect(seen[0]).toBeLessThan(0.1);
  });

  it('stops before reading when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(loadTable(bigFolder(), { signal: controller.signal })).rejects.toThrow(/abort/i);
  });
});

describe('a folder of links only', () => {
  it('does not follow links out of the chosen folder, and says so', async () => {
    const folder = makeFolder({ 'data/pos/1.txt': 'good', 'data/neg/1.txt': 'bad' });
    const labels = join(folder, 'labels');
    mkdirSync(labels);
    symlinkSync(join(folder, 'data', 'pos'), join(labels, 'positive'));
    symlinkSync(join(folder, 'data', 'neg'), join(labels, 'negative'));
    const e = await refusal(loadTable(labels));
    expect(e.message).toBe(
      "The folder 'labels' holds only links to places outside it ('negative', 'positive'), and those are not followed. Choose the folder they point to.",
    );
  });
});
