/**
 * Fuzzing the run folders the CLI and the app read back: run.json damaged byte by byte or with
 * fields replaced by arbitrary JSON, beside a checkpoint. Every case ends in a RunResult or a
 * RunFolderError with a message; a 'running' run with no process behind it reads as interrupted.
 */
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readRunResult, RunFolderError } from '../../src-main/model-use/run-folder';
import { startedRun } from '../../src-main/shared/run-summary';
import { specSchema } from '../../src-main/shared/spec';
import { cleanup, tempDir } from '../projects/fixtures';
import { CaseCounter, describeError, fuzzRuns, mutate, mutationArb } from './fuzz-support';
import { setDeep } from './support/set-deep';

const counter = new CaseCounter();
let work = '';
let good: Uint8Array;
let n = 0;

beforeAll(async () => {
  work = await tempDir('recurrent-fuzz-run-');
  const spec = specSchema.parse({ data: { file: '/data/flow.csv', targetColumns: ['flow'], lookback: 4 } });
  const run = { ...startedRun('run-a', spec, '2026-01-01T00:00:00.000Z', 'cpu'), status: 'running', pid: 2 ** 22 + 9 };
  good = new TextEncoder().encode(JSON.stringify(run));
});
afterAll(async () => {
  const total = counter.report('run folders');
  await cleanup(work);
  expect(total).toBeGreaterThan(0);
});

/** Writes a run folder with `runJson` and a checkpoint, reads it, and checks the outcome is one of the two allowed. */
async function readOrRefuse(runJson: Uint8Array): Promise<void> {
  const dir = join(work, `run-${n++}`);
  await mkdir(join(dir, 'checkpoint'), { recursive: true });
  await writeFile(join(dir, 'checkpoint', 'model.json'), '{}');
  await writeFile(join(dir, 'run.json'), runJson);
  try {
    const run = await readRunResult(dir);
    expect(typeof run.runId).toBe('string');
    expect(run.status).not.toBe('running');
    if (run.status === 'interrupted') expect(run.error).toContain('--continue-from');
  } catch (err) {
    if (!(err instanceof RunFolderError)) throw new Error(`unexpected failure: ${describeError(err)}`);
    expect(err.message.length).toBeGreaterThan(20);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

describe('fuzz: run folders', () => {
  it('the untouched run, killed while training, reads as interrupted', async () => {
    counter.add('untouched');
    await readOrRefuse(good);
  });

  it('run.json fields replaced by arbitrary values', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(), { maxLength: 5 }), fc.jsonValue({ maxDepth: 2 }), async (picks, value) => {
        counter.add('json fields');
        const doc = setDeep(JSON.parse(new TextDecoder().decode(good)), picks, value);
        await readOrRefuse(new TextEncoder().encode(JSON.stringify(doc) ?? 'null'));
      }),
      { numRuns: fuzzRuns(100) },
    );
  });

  it('run.json damaged byte by byte', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutationArb, { minLength: 1, maxLength: 4 }), async (mutations) => {
        counter.add('damaged bytes');
        await readOrRefuse(mutate(good, mutations));
      }),
      { numRuns: fuzzRuns(100) },
    );
  });
});
