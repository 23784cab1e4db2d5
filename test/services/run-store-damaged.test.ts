/**
 * The app's runs folder read back through the run.json schema: a damaged file is named with
 * the field that is wrong, never taken for a run and never hiding the other runs; a metric
 * written as null (a NaN R²) is not damage.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { RunStore } from '../../src-main/services/run-store';
import { startedRun } from '../../src-main/shared/run-summary';
import { specSchema } from '../../src-main/shared/spec';

let runsDir = '';
const spec = specSchema.parse({ data: { file: '/data/flow.csv', targetColumns: ['flow'] } });
const finished = (id: string) => ({
  ...startedRun(id, spec, '2026-01-01T00:00:00Z', 'cpu'),
  status: 'completed',
  durationSeconds: 3,
  headline: { rmse: 1.5, r2: null },
});

async function writeRun(id: string, content: string): Promise<void> {
  await mkdir(join(runsDir, id), { recursive: true });
  await writeFile(join(runsDir, id, 'run.json'), content);
}

beforeEach(async () => {
  runsDir = await mkdtemp(join(tmpdir(), 'run-store-damaged-'));
});
afterEach(() => rm(runsDir, { recursive: true, force: true }));

describe('damaged run files in the runs folder', () => {
  it('keeps the good runs and names what is wrong with each damaged one', async () => {
    await writeRun('good', JSON.stringify(finished('good')));
    await writeRun('cut', JSON.stringify(finished('cut')).slice(0, 80));
    await writeRun('bad-status', JSON.stringify({ ...finished('bad-status'), status: 'exploded' }));
    await writeRun('bad-history', JSON.stringify({ ...finished('bad-history'), history: [{ epoch: 'one' }] }));
    await writeRun('moved', JSON.stringify(finished('elsewhere')));
    await mkdir(join(runsDir, 'no-file'));
    const store = new RunStore(runsDir);
    await store.load();

    expect(store.list().map((r) => r.runId)).toEqual(['good']);
    expect(store.get('good').headline).toEqual({ rmse: 1.5 });
    const damaged = Object.fromEntries(store.damaged().map((d) => [d.runId, d.message]));
    expect(Object.keys(damaged).sort()).toEqual(['bad-history', 'bad-status', 'cut', 'moved']);
    expect(damaged.cut).toBe('runs/cut/run.json is damaged: it is not valid JSON');
    expect(damaged['bad-status']).toMatch(/^runs\/bad-status\/run.json is damaged: it is not valid at status: /);
    expect(damaged['bad-history']).toMatch(/at history\.0\.epoch: /);
    expect(damaged.moved).toBe('runs/moved/run.json is damaged: it belongs to the run "elsewhere"');
  });

  it('answers a request for a damaged run with the damage and the remedy, and can delete it', async () => {
    await writeRun('cut', '{"runId": "cut", ');
    const store = new RunStore(runsDir);
    await store.load();
    expect(() => store.get('cut')).toThrow(
      'The run "cut" cannot be used: runs/cut/run.json is damaged: it is not valid JSON. Delete the run, or train it again.',
    );
    expect(() => store.get('cut')).toThrow(expect.objectContaining({ code: 'bad-data' }));
    await store.delete('cut');
    expect(store.damaged()).toEqual([]);
    expect(() => store.get('cut')).toThrow(expect.objectContaining({ code: 'not-found' }));
  });
});
