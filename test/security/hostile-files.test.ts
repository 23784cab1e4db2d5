/**
 * Project files, model folders and exported bundles are data only. A crafted file cannot make
 * the app fetch remote content (URLs in specs and weight manifests are refused), read or write
 * outside the folders the user chose (traversal through `../`, absolute paths, drive letters,
 * UNC paths), and every CSV the app writes neutralizes cells a spreadsheet would evaluate.
 */
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import fc from 'fast-check';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadTf as loadEngineTf } from '../../src-main/tensorflow/load-tf';
import { importTfjsModel, ModelFolderError } from '../../src-main/export/index';
import { csvCell, toCsv } from '../../src-main/model-use/csv-safe';
import { loadRun } from '../../src-main/model-use/load-run';
import { predictWithRun } from '../../src-main/model-use/predict-file';
import { sha256Hex } from '../../src-main/projects/project-archive';
import { ProjectService } from '../../src-main/projects/project-service';
import { ServiceError } from '../../src-main/shared/service-error';
import { parseSpec } from '../../src-main/shared/spec';
import { FIXTURES, saveFixture } from '../export/fixtures';
import { quickTraining, trainRun } from '../model-use/train-run';
import { cleanup, specFor, tempDir, writeCsv } from '../projects/fixtures';

let work = '';
beforeAll(async () => {
  work = await tempDir('recurrent-hostile-');
});
afterAll(() => cleanup(work));
afterEach(() => vi.unstubAllGlobals());

const URLS = [
  'https://example.com/data.csv',
  'http://127.0.0.1:8080/data.csv',
  'file:///etc/passwd',
  'ftp://example.com/data.csv',
  'smb://server/share/data.csv',
];

describe('URLs in specs', () => {
  it.each(URLS)('refuses the data file %s with a message', (file) => {
    const parsed = parseSpec({ name: 'x', data: { file, targetColumns: ['y'] } });
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      expect(parsed.problems).toContainEqual(
        expect.objectContaining({
          path: 'data.file',
          message: expect.stringMatching(/web addresses \(URLs\) are not read/),
        }),
      );
    }
  });

  it('still accepts local paths, Windows drive letters included', () => {
    for (const file of ['/home/me/data.csv', 'C:\\Users\\me\\data.csv', 'D:/data.csv', '\\\\server\\share\\data.csv']) {
      expect(parseSpec({ name: 'x', data: { file, targetColumns: ['y'] } }).ok, file).toBe(true);
    }
  });

  it('refuses a project whose spec points at a URL, without fetching it', async () => {
    const fetchSpy = vi.fn(() => Promise.reject(new Error('network used')));
    vi.stubGlobal('fetch', fetchSpy);
    const svc = new ProjectService({ dataDir: join(work, 'url-app') });
    await svc.setSpec(specFor(await writeCsv(work, 'url.csv')));
    const path = join(work, 'url.rsproj');
    await svc.save(path);
    svc.dispose();
    const entries = unzipSync(new Uint8Array(await readFile(path)));
    const json = JSON.parse(strFromU8(entries['project.json'])) as { spec: { data: { file: string } } };
    json.spec.data.file = 'https://example.com/data.csv';
    entries['project.json'] = strToU8(JSON.stringify(json));
    await writeFile(path, zipSync(entries));
    const other = new ProjectService({ dataDir: join(work, 'url-app-2') });
    const err = await other.open(path).then(
      () => null,
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(ServiceError);
    expect((err as Error).message).toMatch(/spec\.data\.file.*URLs\) are not read/);
    expect(fetchSpy).not.toHaveBeenCalled();
    other.dispose();
  });
});

describe('weight manifests', () => {
  let dir = '';
  let manifest: { weightsManifest: { paths: string[] }[] };
  beforeAll(async () => {
    dir = (await saveFixture(FIXTURES[0], 0)).dir;
    manifest = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it.each([
    ...URLS.map((u) => [u]),
    ['/etc/passwd'],
    ['../weights.bin'],
    ['sub/../../weights.bin'],
    ['C:\\Windows\\win.ini'],
    ['C:/Windows/win.ini'],
    ['\\\\server\\share\\weights.bin'],
    ['%2e%2e/weights.bin'],
  ])('refuses the weight path %s and reads nothing outside the folder', async (path) => {
    const fetchSpy = vi.fn(() => Promise.reject(new Error('network used')));
    vi.stubGlobal('fetch', fetchSpy);
    const copy = join(work, `manifest-${sha256Hex(strToU8(path)).slice(0, 8)}`);
    await rm(copy, { recursive: true, force: true });
    await import('node:fs/promises').then((fs) => fs.cp(dir, copy, { recursive: true }));
    const edited = structuredClone(manifest);
    edited.weightsManifest[0].paths = [path];
    await writeFile(join(copy, 'model.json'), JSON.stringify(edited));
    await expect(importTfjsModel(copy)).rejects.toBeInstanceOf(ModelFolderError);
    expect(fetchSpy).not.toHaveBeenCalled();
  });
});

/** True when a spreadsheet would evaluate the cell as it is written in the CSV text. */
function evaluated(cell: string): boolean {
  const text = cell.startsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell;
  if (!/^[=+\-@\t\r]/.test(text)) return false;
  return !/^-?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(text);
}

/** Splits CSV text into cells (quotes respected). */
function cells(csv: string): string[] {
  const out: string[] = [];
  let cur = '';
  let quoted = false;
  for (let i = 0; i < csv.length; i++) {
    const ch = csv[i];
    if (quoted) {
      if (ch === '"' && csv[i + 1] === '"') {
        cur += '""';
        i++;
      } else if (ch === '"') {
        quoted = false;
        cur += ch;
      } else cur += ch;
    } else if (ch === '"') {
      quoted = true;
      cur += ch;
    } else if (ch === ',' || ch === '\n') {
      out.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (cur) out.push(cur);
  return out;
}

describe('CSV the app writes', () => {
  it('never leaves a cell a spreadsheet would evaluate, for any text', () => {
    const formulaish = fc
      .tuple(fc.constantFrom('=', '+', '-', '@', '\t', '\r', ''), fc.string())
      .map(([a, b]) => a + b);
    let count = 0;
    fc.assert(
      fc.property(
        fc.array(fc.array(fc.oneof(formulaish, fc.double(), fc.constant(null)), { maxLength: 6 })),
        (rows) => {
          count++;
          const csv = toCsv(['=HYPERLINK("http://x")', '@cmd'], rows);
          for (const cell of cells(csv)) expect(evaluated(cell), cell).toBe(false);
        },
      ),
      { numRuns: 300 },
    );
    console.log(`[fuzz] csv cells: ${count} cases`);
    // Negative numbers stay numbers.
    expect(csvCell(-1.5)).toBe('-1.5');
    expect(csvCell('-2e3')).toBe('-2e3');
  });

  it('batch predictions neutralize hostile series ids and column names from the data file', async () => {
    const ids = ['=1+2', '@SUM(A1)', '+cmd', '-cmd|calc'];
    const lines = ['date,@site,flow'];
    for (const id of ids) {
      for (let m = 0; m < 30; m++) {
        const date = `${2000 + Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}-01`;
        lines.push(`${date},${id},${100 + ((m * 7 + id.length) % 13)}`);
      }
    }
    const file = join(work, 'sites.csv');
    await writeFile(file, `${lines.join('\n')}\n`);
    const outDir = join(work, 'sites-run');
    await trainRun(
      {
        name: 'Sites',
        data: { file, timeColumn: 'date', idColumn: '@site', targetColumns: ['flow'], lookback: 4 },
        model: { layers: [{ units: 3 }] },
        training: quickTraining(1),
      },
      outDir,
    );
    const { tf } = await loadEngineTf();
    const run = await loadRun(tf, outDir);
    const output = join(work, 'sites-predictions.csv');
    try {
      await predictWithRun(tf, run, file, output);
    } finally {
      run.dispose();
    }
    const csv = await readFile(output, 'utf8');
    const all = cells(csv);
    expect(all.length).toBeGreaterThan(ids.length * 4);
    // The hostile values are really there (neutralized), so the check below is not vacuous.
    for (const id of ids) expect(csv).toContain(`'${id}`);
    expect(csv.split('\n')[0]).toContain("'@site");
    for (const cell of all) expect(evaluated(cell), cell).toBe(false);
  });

  it('every module that writes CSV goes through csv-safe', async () => {
    const roots = ['src-main', 'src-renderer'];
    const offenders: string[] = [];
    let writers = 0;
    for (const root of roots) {
      for (const entry of await readdir(resolve(root), { recursive: true, withFileTypes: true })) {
        if (!entry.isFile() || !/\.(ts|vue|mts)$/.test(entry.name)) continue;
        const path = join(entry.parentPath, entry.name);
        if (path.endsWith(join('model-use', 'csv-safe.ts'))) continue;
        const text = await readFile(path, 'utf8');
        // Builds CSV text: calls toCsv, or joins cells with separators into lines in a file about CSV.
        // (The renderer only hands CSV text made in main to a download, so a mime type alone is no writer.)
        const writesCsv =
          /toCsv\(/.test(text) || (/csv/i.test(text) && /\.join\((['"`])[,;\t]\1\)[^\n]*\\n/.test(text));
        if (!writesCsv) continue;
        writers++;
        if (!/from '(\.\.?\/)+(insight\/)?csv-safe'|from '(\.\.?\/)+insight'/.test(text)) offenders.push(path);
      }
    }
    expect(writers).toBeGreaterThan(0);
    expect(offenders).toEqual([]);
  });
});
