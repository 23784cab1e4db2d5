/**
 * Fuzzing the model-folder importer (re-imported exports, bundles' tfjs folders, run folders):
 * crafted model.json, preprocessing.json and weight files load as a model or are refused with a
 * ModelFolderError, never a generic error.
 */
import { cp, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importTfjsModel, ModelFolderError } from '../../src-main/export/index';
import { FIXTURES, saveFixture } from '../export/fixtures';
import { cleanup, tempDir } from '../projects/fixtures';
import { validPreprocessing } from '../shared/preprocessing-fixture';
import { CaseCounter, describeError, fuzzRuns, mutate, mutationArb } from './fuzz-support';
import { setDeep } from './support/set-deep';

const counter = new CaseCounter();
let work = '';
let source = '';
const files: Record<string, Uint8Array> = {};
let n = 0;

beforeAll(async () => {
  work = await tempDir('recurrent-fuzz-model-');
  source = (await saveFixture(FIXTURES[0], 0)).dir;
  const preprocessing = validPreprocessing();
  await writeFile(join(source, 'preprocessing.json'), JSON.stringify(preprocessing));
  for (const f of ['model.json', 'weights.bin', 'preprocessing.json']) {
    files[f] = new Uint8Array(await readFile(join(source, f)));
  }
  // The untouched folder loads, so refusals below are about the damage.
  (await importTfjsModel(source)).model.dispose();
});
afterAll(async () => {
  const total = counter.report('model folder');
  await cleanup(work, source);
  expect(total).toBeGreaterThan(0);
});

async function loadOrRefuse(changed: Record<string, Uint8Array>): Promise<void> {
  const dir = join(work, `case-${n++}`);
  await cp(source, dir, { recursive: true });
  for (const [name, bytes] of Object.entries(changed)) await writeFile(join(dir, name), bytes);
  try {
    (await importTfjsModel(dir)).model.dispose();
  } catch (err) {
    if (!(err instanceof ModelFolderError) || !err.message.trim()) {
      throw new Error(`A damaged model folder failed with a non-specific error: ${describeError(err)}`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('fuzz: model folders', () => {
  it('JSON fields of model.json and preprocessing.json replaced by arbitrary values', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('model.json', 'preprocessing.json'),
        fc.array(fc.nat(), { maxLength: 7 }),
        fc.jsonValue({ maxDepth: 2 }),
        async (name, picks, value) => {
          const doc = setDeep(JSON.parse(new TextDecoder().decode(files[name])), picks, value);
          counter.add('json fields');
          await loadOrRefuse({ [name]: new TextEncoder().encode(JSON.stringify(doc) ?? 'null') });
        },
      ),
      { numRuns: fuzzRuns(80) },
    );
  });

  it('damaged bytes in any of the files', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom('model.json', 'weights.bin', 'preprocessing.json'),
        fc.array(mutationArb, { minLength: 1, maxLength: 4 }),
        async (name, mutations) => {
          counter.add('damaged bytes');
          await loadOrRefuse({ [name]: mutate(files[name], mutations) });
        },
      ),
      { numRuns: fuzzRuns(60) },
    );
  });
});
