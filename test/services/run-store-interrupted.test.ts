/** A run the app was training when it closed comes back interrupted, and says whether it can be continued. */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RunStore } from '../../src-main/services/run-store';
import { startedRun } from '../../src-main/shared/run-summary';
import { specSchema } from '../../src-main/shared/spec';

let runsDir = '';
beforeAll(async () => {
  runsDir = await mkdtemp(join(tmpdir(), 'run-store-'));
  const spec = specSchema.parse({ data: { file: '/data/flow.csv', targetColumns: ['flow'] } });
  for (const id of ['with-checkpoint', 'without']) {
    await mkdir(join(runsDir, id), { recursive: true });
    await writeFile(join(runsDir, id, 'run.json'), JSON.stringify(startedRun(id, spec, '2026-01-01T00:00:00Z', 'cpu')));
  }
  await mkdir(join(runsDir, 'with-checkpoint', 'checkpoint'));
  await writeFile(join(runsDir, 'with-checkpoint', 'checkpoint', 'model.json'), '{}');
});
afterAll(() => rm(runsDir, { recursive: true, force: true }));

describe('runs interrupted by closing the app', () => {
  it('point at Continue when a checkpoint was left, else say to start again', async () => {
    const store = new RunStore(runsDir);
    await store.load();
    expect(store.get('with-checkpoint').status).toBe('interrupted');
    expect(store.get('with-checkpoint').error).toMatch(/checkpoint holds the best weights so far: choose Continue/);
    expect(store.get('without').error).toMatch(/Start it again to get a model/);
  });
});
