import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseSpec } from '../../src-main/shared/spec';
import type { ExperimentSpec } from '../../src-main/shared/spec';
import type { EpochRecord } from '../../src-main/shared/types';
import { TrainingWorkerClient } from '../../src-main/worker/training-client';
import { typescriptEntry } from '../../src-main/worker/worker-entry';

const nile = path.resolve('resources/samples/nile-yearly.csv');

function nileSpec(epochs: number): ExperimentSpec {
  const r = parseSpec({
    name: 'Nile',
    data: { file: nile, timeColumn: 'year', targetColumns: ['volume'], lookback: 8 },
    model: { layers: [{ units: 8 }] },
    training: { epochs, batchSize: 16 },
  });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.spec;
}

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'worker-client-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const fixture = (name: string) => typescriptEntry(new URL(`./fixtures/${name}`, import.meta.url));

describe('training worker client', () => {
  it('completes a run in a worker, streaming epochs and saving the model', async () => {
    const client = new TrainingWorkerClient();
    const epochs: EpochRecord[] = [];
    const finished: string[] = [];
    client.on('epoch', (e) => epochs.push(e));
    client.on('finished', (r) => finished.push(r.runId));
    const outDir = path.join(dir, 'run-ok');
    const result = await client.start('run-ok', nileSpec(3), outDir);
    expect(result.error).toBeNull();
    expect(result.status).toBe('completed');
    expect(epochs.map((e) => e.epoch)).toEqual([1, 2, 3]);
    expect(finished).toEqual(['run-ok']);
    expect(result.evaluation?.kind).toBe('forecast');
    const saved = JSON.parse(await readFile(path.join(outDir, 'run.json'), 'utf8')) as { status: string };
    expect(saved.status).toBe('completed');
    const modelJson = JSON.parse(await readFile(path.join(outDir, 'model', 'model.json'), 'utf8')) as {
      format: string;
    };
    expect(modelJson.format).toBe('layers-model');
    expect(client.activeRuns).toEqual([]);
  });

  it('cancels a run through control messages', async () => {
    const client = new TrainingWorkerClient();
    let cancelled = false;
    client.on('epoch', (e) => {
      if (!cancelled) cancelled = client.control(e.runId, 'cancel');
    });
    const result = await client.start('run-cancel', nileSpec(200), path.join(dir, 'run-cancel'));
    expect(cancelled).toBe(true);
    expect(result.status).toBe('cancelled');
    expect(result.history.length).toBeLessThan(200);
    expect(client.control('run-cancel', 'pause')).toBe(false);
  });

  it('turns a worker that throws, exits or talks nonsense into a failed run, then runs the next one', async () => {
    const cases = [
      { entry: fixture('throwing-worker.ts'), reason: /internal error: boom while loading/ },
      { entry: fixture('exiting-worker.ts'), reason: /ended unexpectedly \(exit code 3\)/ },
      { entry: fixture('rogue-worker.ts'), reason: /does not understand.*surprise/ },
    ];
    for (const c of cases) {
      const broken = new TrainingWorkerClient({ entry: c.entry });
      const result = await broken.start('run-bad', nileSpec(1), path.join(dir, 'run-bad'));
      expect(result.status).toBe('failed');
      expect(result.error).toMatch(c.reason);
      expect(result.modelDir).toBeNull();
    }
    // The app's own client still runs the next run normally.
    const client = new TrainingWorkerClient();
    const next = await client.start('run-next', nileSpec(1), path.join(dir, 'run-next'));
    expect(next.status).toBe('completed');
  });
});
