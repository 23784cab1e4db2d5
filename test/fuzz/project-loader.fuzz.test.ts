/**
 * Fuzzing the project loader with damaged and crafted `.rsproj` files. Checksums are recomputed
 * after most mutations, so the damage reaches the schema and restore steps instead of stopping at
 * the integrity check. Every case ends in an opened project or a ServiceError with a message;
 * a refused file changes nothing: the open project stays, and no run folder is written.
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256Hex } from '../../src-main/projects/project-archive';
import { ProjectService } from '../../src-main/projects/project-service';
import { ServiceError } from '../../src-main/shared/service-error';
import { cleanup, makeRun, specFor, tempDir, writeCsv } from '../projects/fixtures';
import { CaseCounter, describeError, fuzzRuns, mutate, mutationArb } from './fuzz-support';
import { setDeep } from './support/set-deep';

const counter = new CaseCounter();
let work = '';
let good: Uint8Array;
let entryNames: string[];
let n = 0;

beforeAll(async () => {
  work = await tempDir('recurrent-fuzz-project-');
  const spec = specFor(await writeCsv(work));
  const svc = new ProjectService({ dataDir: join(work, 'origin') });
  await svc.setSpec(spec);
  // Two runs, so a refusal found while restoring the second shows whether the first was left behind.
  for (const id of ['run-1', 'run-2']) {
    svc.addRun(await makeRun(join(work, 'origin', 'runs'), id, spec), join(work, 'origin', 'runs', id));
  }
  await svc.save(join(work, 'good.rsproj'));
  svc.dispose();
  good = new Uint8Array(await readFile(join(work, 'good.rsproj')));
  entryNames = Object.keys(unzipSync(good));
});
afterAll(async () => {
  const total = counter.report('project loader');
  await cleanup(work);
  expect(total).toBeGreaterThan(0);
});

/** Re-zips entries with project.json's checksums updated to match, when project.json still parses. */
function rezip(entries: Record<string, Uint8Array>): Uint8Array {
  const raw = entries['project.json'];
  if (raw) {
    try {
      const json = JSON.parse(strFromU8(raw)) as { files?: unknown };
      if (json && typeof json === 'object' && !Array.isArray(json)) {
        const files: Record<string, string> = {};
        for (const [name, data] of Object.entries(entries)) if (name !== 'project.json') files[name] = sha256Hex(data);
        json.files = files;
        entries['project.json'] = strToU8(JSON.stringify(json));
      }
    } catch {
      // A project.json that no longer parses is itself the case under test.
    }
  }
  return zipSync(entries);
}

/** Opens `bytes` as a project in a fresh installation and checks the outcome. */
async function openOrRefuse(bytes: Uint8Array): Promise<void> {
  const id = n++;
  const path = join(work, `case-${id}.rsproj`);
  await import('node:fs/promises').then((fs) => fs.writeFile(path, bytes));
  const dataDir = join(work, `app-${id}`);
  const svc = new ProjectService({ dataDir, autosaveDelayMs: 60_000 });
  const before = svc.current();
  try {
    await svc.open(path);
  } catch (err) {
    if (!(err instanceof ServiceError) || err.message.trim().length === 0) {
      throw new Error(`Opening a damaged project failed with a non-specific error: ${describeError(err)}`);
    }
    expect(svc.current()).toEqual(before);
    const runs = await readdir(join(dataDir, 'runs')).catch(() => []);
    if (runs.length > 0)
      throw new Error(`A refused project left run folders behind: ${runs.join(', ')} (${err.message})`);
  } finally {
    svc.dispose();
    await cleanup(dataDir, path);
  }
  // Whatever happened, nothing was written beside the case files but its own installation.
  const stray = (await readdir(work)).filter(
    (f) => !/^(good\.rsproj|flow\.csv|origin|case-\d+\.rsproj|app-\d+)$/.test(f),
  );
  expect(stray).toEqual([]);
}

describe('fuzz: project files', () => {
  it('raw byte damage is refused with a ServiceError and changes nothing', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutationArb, { minLength: 1, maxLength: 5 }), async (mutations) => {
        counter.add('raw bytes');
        await openOrRefuse(mutate(good, mutations));
      }),
      { numRuns: fuzzRuns(60) },
    );
  });

  it('damaged entries with matching checksums reach the schema and are refused or opened', async () => {
    await fc.assert(
      fc.asyncProperty(fc.nat(), fc.array(mutationArb, { minLength: 1, maxLength: 4 }), async (which, mutations) => {
        const entries = unzipSync(good);
        const name = entryNames[which % entryNames.length];
        entries[name] = mutate(entries[name], mutations);
        counter.add('entry bytes');
        await openOrRefuse(rezip(entries));
      }),
      { numRuns: fuzzRuns(80) },
    );
  });

  it('JSON fields replaced by arbitrary values are refused or opened', async () => {
    const jsonEntries = () => entryNames.filter((name) => name.endsWith('.json') && !name.includes('/model/'));
    await fc.assert(
      fc.asyncProperty(
        fc.nat(),
        fc.array(fc.nat(), { maxLength: 5 }),
        fc.oneof(
          fc.jsonValue({ maxDepth: 3 }),
          fc.constantFrom(
            '../../../../etc/passwd',
            'C:\\Windows\\evil',
            '\\\\server\\share\\x',
            'https://example.com/x',
            '__proto__',
          ),
        ),
        async (which, picks, value) => {
          const entries = unzipSync(good);
          const names = jsonEntries();
          const name = names[which % names.length];
          const doc = setDeep(JSON.parse(strFromU8(entries[name])), picks, value);
          entries[name] = strToU8(JSON.stringify(doc) ?? 'null');
          counter.add('json fields');
          await openOrRefuse(rezip(entries));
        },
      ),
      { numRuns: fuzzRuns(120) },
    );
  });

  it('extra entries with hostile names are refused', async () => {
    const hostile = fc.oneof(
      fc.constantFrom(
        '../escape.txt',
        'runs/run-1/../../escape.txt',
        '/abs/escape.txt',
        'C:\\escape.txt',
        'C:/escape.txt',
        '\\\\server\\share\\escape.txt',
        'runs/run-1/model/evil.js',
        'runs/..evil/run.json',
        'runs/run-1/model/../../../x.json',
        'runs/run-1\u0000/run.json',
      ),
      fc.string({ minLength: 1, maxLength: 40 }).map((s) => `runs/${s}/run.json`),
    );
    await fc.assert(
      fc.asyncProperty(hostile, async (name) => {
        const entries = unzipSync(good);
        entries[name] = strToU8('{"runId":"x"}');
        counter.add('hostile names');
        await openOrRefuse(rezip(entries));
      }),
      { numRuns: fuzzRuns(40) },
    );
  });
});
