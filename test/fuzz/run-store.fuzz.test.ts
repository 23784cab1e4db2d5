/**
 * Fuzzing the app's runs folder as it is read at start-up: run.json damaged byte by byte or
 * with fields replaced by arbitrary JSON. Every case loads: the run either reads back with a
 * well-formed summary or is listed as damaged with a sentence naming its file, and the good
 * run beside it is always kept.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RunStore } from '../../src-main/services/run-store';
import { startedRun } from '../../src-main/shared/run-summary';
import { specSchema } from '../../src-main/shared/spec';
import { CaseCounter, describeError, fuzzRuns, mutate, mutationArb } from './fuzz-support';
import { setDeep } from './support/set-deep';

const counter = new CaseCounter();
let work = '';
let good: Uint8Array;
let n = 0;

beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'recurrent-fuzz-run-store-'));
  const spec = specSchema.parse({ data: { file: '/data/flow.csv', targetColumns: ['flow'], lookback: 4 } });
  const run = { ...startedRun('run-a', spec, '2026-01-01T00:00:00.000Z', 'cpu'), status: 'completed' };
  good = new TextEncoder().encode(JSON.stringify(run));
});
afterAll(async () => {
  const total = counter.report('runs folder');
  await rm(work, { recursive: true, force: true });
  expect(total).toBeGreaterThan(0);
});

/** A runs folder with the damaged run and an untouched one; loading must keep the second and account for the first. */
async function loadWith(runJson: Uint8Array): Promise<void> {
  const runsDir = join(work, `case-${n++}`);
  await mkdir(join(runsDir, 'run-a'), { recursive: true });
  await writeFile(join(runsDir, 'run-a', 'run.json'), runJson);
  await mkdir(join(runsDir, 'run-b'));
  await writeFile(join(runsDir, 'run-b', 'run.json'), new TextDecoder().decode(good).replaceAll('run-a', 'run-b'));
  try {
    const store = new RunStore(runsDir);
    await store.load().catch((err: unknown) => {
      throw new Error(`loading failed: ${describeError(err)}`);
    });
    expect(store.get('run-b').runId).toBe('run-b');
    const damaged = store.damaged();
    const listed = store.list().map((r) => r.runId);
    if (listed.includes('run-a')) {
      const run = store.get('run-a');
      expect(typeof run.startedAt).toBe('string');
      expect(Object.values(run.headline).every((v) => typeof v === 'number')).toBe(true);
      expect(damaged).toEqual([]);
    } else {
      expect(damaged).toHaveLength(1);
      expect(damaged[0].message).toMatch(/^runs\/run-a\/run\.json is damaged: .{8,}/);
      expect(() => store.get('run-a')).toThrow(/cannot be used: .*Delete the run, or train it again\.$/);
    }
  } finally {
    await rm(runsDir, { recursive: true, force: true });
  }
}

describe('fuzz: the runs folder', () => {
  it('run.json fields replaced by arbitrary values', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.nat(), { maxLength: 5 }), fc.jsonValue({ maxDepth: 2 }), async (picks, value) => {
        counter.add('json fields');
        const doc = setDeep(JSON.parse(new TextDecoder().decode(good)), picks, value);
        await loadWith(new TextEncoder().encode(JSON.stringify(doc) ?? 'null'));
      }),
      { numRuns: fuzzRuns(100) },
    );
  });

  it('run.json damaged byte by byte', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(mutationArb, { minLength: 1, maxLength: 4 }), async (mutations) => {
        counter.add('bytes');
        await loadWith(mutate(good, mutations));
      }),
      { numRuns: fuzzRuns(100) },
    );
  });
});
