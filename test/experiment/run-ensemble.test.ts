import { access, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type * as tfTypes from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTf } from '../../src-main/tensorflow/load-tf';
import { runExperiment, type RunContext } from '../../src-main/experiment/run-experiment';
import { ensembleEta } from '../../src-main/engine/training/ensemble-training';
import { TrainControl } from '../../src-main/engine/training/train-control';
import { memberCount, splitMembers } from '../../src-main/engine/training/ensemble-weights';
import { CHECKPOINT_DIR } from '../../src-main/engine/training/checkpoint-layout';
import { parseSpec } from '../../src-main/shared/spec';
import { EMPLOYMENT_DATA } from './employment-data';
import type { EpochRecord, TrainProgress } from '../../src-main/shared/types';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'run-ensemble-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function spec(ensemble: number, epochs = 2) {
  const r = parseSpec({
    data: { ...EMPLOYMENT_DATA, targetTransform: 'difference' },
    model: { cell: 'GRU', layers: [{ units: 4 }] },
    training: { epochs, batchSize: 32, ensemble, earlyStopping: { enabled: false } },
  });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.spec;
}

function context(runId: string, extra: Partial<RunContext> = {}) {
  const progress: TrainProgress[] = [];
  const lines: string[] = [];
  const ctx: RunContext = {
    runId,
    outDir: path.join(dir, runId),
    control: new TrainControl(),
    onProgress: (p) => progress.push(p),
    onEpoch: () => undefined,
    log: (line) => lines.push(line),
    checkpointIntervalMs: 0,
    ...extra,
  };
  return { ctx, progress, lines };
}

const exists = (p: string) =>
  access(p).then(
    () => true,
    () => false,
  );

describe('an ensemble run', () => {
  it('trains each network from its own seed, says which one trains, and saves one median model', async () => {
    const heard: EpochRecord[] = [];
    const { ctx, progress, lines } = context('three', { onEpoch: (e) => heard.push(e) });
    const result = await runExperiment(spec(3), ctx);
    expect(result.error).toBeNull();
    expect(result.status).toBe('completed');
    const messages = progress.filter((p) => p.phase === 'training').map((p) => p.message ?? '');
    for (const k of [1, 2, 3]) expect(messages.some((m) => m.startsWith(`network ${k} of 3`))).toBe(true);
    const networks = progress.filter((p) => p.phase === 'training').map((p) => p.network);
    expect(networks.every((n) => n?.count === 3)).toBe(true);
    expect(new Set(networks.map((n) => n?.index))).toEqual(new Set([1, 2, 3]));
    for (const seed of [42, 43, 44]) expect(lines.some((l) => l.includes(`(seed ${seed})`))).toBe(true);
    // Only the first network's epochs are the run's history; the others' are kept and heard apart.
    expect(result.history).toHaveLength(2);
    expect(result.history.every((r) => r.network === undefined)).toBe(true);
    expect(result.ensembleHistory?.map((r) => [r.network, r.epoch])).toEqual([
      [2, 1],
      [2, 2],
      [3, 1],
      [3, 2],
    ]);
    expect(heard.map((r) => r.network ?? 1)).toEqual([1, 1, 2, 2, 3, 3]);
    // No checkpoint while an ensemble trains.
    expect(await exists(path.join(ctx.outDir, CHECKPOINT_DIR))).toBe(false);

    const { tf } = await loadTf();
    const model = await tf.loadLayersModel(`file://${path.join(result.modelDir ?? '', 'model.json')}`);
    expect(memberCount(model)).toBe(3);
    const members = splitMembers(tf, model);
    const x = tf.randomNormal([2, ...model.inputs[0].shape.slice(1).map(Number)], 0, 1, 'float32', 1);
    const outputs = members.map((m) => Array.from((m.predict(x) as tfTypes.Tensor).dataSync()));
    // Different seeds, different networks.
    expect(new Set(outputs.map((o) => o.map((v) => v.toFixed(6)).join()))).toHaveProperty('size', 3);
    x.dispose();
    members.forEach((m) => m.dispose());
    model.dispose();

    // Continuing trains every network again; a different number of networks is refused.
    const again = context('three-more', { initialWeightsDir: result.modelDir ?? '' });
    const continued = await runExperiment(spec(3, 1), again.ctx);
    expect(continued.error).toBeNull();
    expect(again.progress.some((p) => p.message?.startsWith('network 3 of 3'))).toBe(true);
    const refused = await runExperiment(spec(2, 1), context('two', { initialWeightsDir: result.modelDir ?? '' }).ctx);
    expect(refused.status).toBe('failed');
    expect(refused.error).toBe(
      "The saved model is an ensemble of 3 networks, but the spec's ensemble size is 2. Continuing trains each network again, so set the ensemble size to 3, or train from scratch.",
    );
  });
});

describe("an ensemble's time left", () => {
  it('adds the networks still to come at the time the finished ones took', () => {
    expect(ensembleEta(10, 5, [30, 50], 1)).toBe(10 + 40);
    // During the first network: its own elapsed time and estimate stand for each network to come.
    expect(ensembleEta(10, 5, [], 2)).toBe(10 + 2 * 15);
    expect(ensembleEta(7, 100, [60], 0)).toBe(7);
    expect(ensembleEta(null, 5, [30], 2)).toBeNull();
  });
});
