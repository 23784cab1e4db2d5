/**
 * Training faults seen through the StudioService, the layer both hosts talk to: a worker that
 * throws mid-run, aborts, exits with an abort's code or runs out of memory ends as a failed run
 * with a reason; runs before it keep their results and model files; the next run trains normally;
 * and after a restart the service lists every run as it ended.
 */
import { mkdtemp, readFile, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ResourceLimits } from 'node:worker_threads';
import type { Envelope } from '../../src-main/shared/contract';
import type { RunResult, RunSummary } from '../../src-main/shared/types';
import type { RunLauncher } from '../../src-main/services/run-launcher';
import type { StudioEvent } from '../../src-main/services/service-types';
import { StudioService } from '../../src-main/services/studio-service';
import { createWorkerLauncher } from '../../src-main/services/worker-launcher';
import { TrainingWorkerClient } from '../../src-main/worker/training-client';
import { typescriptEntry } from '../../src-main/worker/worker-entry';

const nile = resolve('resources/samples/nile-yearly.csv');
const fixture = (name: string) => typescriptEntry(new URL(`./fixtures/${name}`, import.meta.url));

/** Each fault is a worker (and heap limit) behind the production launcher; the name of a run picks it. */
const FAULTS: Record<string, { file: string; limits?: ResourceLimits; reason: RegExp }> = {
  'crash mid-run': { file: 'crash-mid-run-worker.ts', reason: /internal error: tensor shape mismatch in epoch 2/ },
  abort: { file: 'abort-worker.ts', reason: /internal error: process\.abort\(\) is not supported/ },
  'exit 134': { file: 'exit-134-worker.ts', reason: /ended unexpectedly \(exit code 134\)/ },
  'out of memory': {
    file: 'oom-worker.ts',
    limits: { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 16 },
    reason: /ran out of memory\. Use a smaller batch size/,
  },
};

function launcher(): RunLauncher {
  const normal = createWorkerLauncher(new TrainingWorkerClient());
  const faulty = new Map(
    Object.entries(FAULTS).map(([name, f]) => [
      name,
      createWorkerLauncher(new TrainingWorkerClient({ entry: fixture(f.file), resourceLimits: f.limits })),
    ]),
  );
  return (request, callbacks) => (faulty.get(request.spec.name) ?? normal)(request, callbacks);
}

function value<T>(envelope: Envelope<unknown>): T {
  if (!envelope.ok) throw new Error(`expected success, got ${envelope.error.code}: ${envelope.error.message}`);
  return envelope.value as T;
}

let dataDir = '';
let service: StudioService;
const finished = new Map<string, RunResult>();
const waiters = new Map<string, (r: RunResult) => void>();

beforeAll(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'recurrent-faults-'));
  service = new StudioService({ dataDir, host: 'browser', version: 'test' }, { launchRun: launcher() });
  service.subscribe((event: StudioEvent) => {
    if (event.event !== 'train.finished') return;
    finished.set(event.payload.runId, event.payload);
    waiters.get(event.payload.runId)?.(event.payload);
  });
});
afterAll(async () => {
  await service.dispose();
  await rm(dataDir, { recursive: true, force: true });
});

/** Starts a run through the service and resolves with its final result. */
async function train(name: string, epochs = 2): Promise<RunResult> {
  const spec = {
    name,
    data: { file: nile, timeColumn: 'year', targetColumns: ['volume'], lookback: 6 },
    model: { layers: [{ units: 4 }] },
    training: { epochs, batchSize: 16 },
  };
  const { runId } = value<{ runId: string }>(await service.handle('train.start', { spec }));
  const done = finished.get(runId);
  if (done) return done;
  return new Promise((resolvePromise) => waiters.set(runId, resolvePromise));
}

describe('training faults behind the service', () => {
  it('fails each faulty run with its reason, keeps earlier runs, trains the next normally', async () => {
    const first = await train('before the faults');
    expect(first.status).toBe('completed');
    const firstModel = await readdir(join(dataDir, 'runs', first.runId, 'model'));
    expect(firstModel).toEqual(expect.arrayContaining(['model.json', 'weights.bin']));

    let survived = 0;
    for (const [name, fault] of Object.entries(FAULTS)) {
      const result = await train(name);
      expect(result.status, name).toBe('failed');
      expect(result.error, name).toMatch(fault.reason);
      expect(result.modelDir).toBeNull();
      // The service still answers, and the run it lists carries the reason.
      const listed = value<RunResult>(await service.handle('runs.get', { runId: result.runId }));
      expect(listed.error).toMatch(fault.reason);
      survived++;
    }
    console.log(`[faults] ${survived} training faults injected and survived`);

    // Earlier results are untouched by the failures.
    expect(JSON.parse(await readFile(join(dataDir, 'runs', first.runId, 'run.json'), 'utf8'))).toEqual(first);
    expect(await readdir(join(dataDir, 'runs', first.runId, 'model'))).toEqual(firstModel);
    expect(value<RunResult>(await service.handle('runs.get', { runId: first.runId }))).toEqual(first);

    const next = await train('after the faults');
    expect(next.status).toBe('completed');
    expect(next.error).toBeNull();
    expect((await stat(join(next.modelDir ?? '', 'weights.bin'))).size).toBeGreaterThan(0);
  });

  it('cancels a run through the service and trains the next one', async () => {
    let cancelled = '';
    const unsubscribe = service.subscribe((event) => {
      if (event.event === 'train.epoch' && !cancelled) {
        cancelled = event.payload.runId;
        void service.handle('train.control', { runId: cancelled, action: 'cancel' });
      }
    });
    const run = await train('cancelled midway', 300);
    unsubscribe();
    expect(run.runId).toBe(cancelled);
    expect(run.status).toBe('cancelled');
    expect(run.history.length).toBeLessThan(300);
    const next = await train('after the cancel', 1);
    expect(next.status).toBe('completed');
  });

  it('lists every run as it ended after a restart, with no temporary files left', async () => {
    await service.dispose();
    const restarted = new StudioService({ dataDir, host: 'browser', version: 'test' }, { launchRun: launcher() });
    try {
      const runs = value<RunSummary[]>(await restarted.handle('runs.list', undefined));
      const byName = new Map(runs.map((r) => [r.name, r.status]));
      expect(byName.get('before the faults')).toBe('completed');
      for (const name of Object.keys(FAULTS)) expect(byName.get(name)).toBe('failed');
      expect(byName.get('cancelled midway')).toBe('cancelled');
      expect(byName.get('after the faults')).toBe('completed');
      for (const r of runs) {
        const files = await readdir(join(dataDir, 'runs', r.runId));
        expect(files.filter((f) => f.endsWith('.tmp') || f.endsWith('.partial'))).toEqual([]);
      }
    } finally {
      await restarted.dispose();
    }
  });
});
