/**
 * The variants test/engine/train-loop.test.ts leaves out: bidirectional layers (each merge
 * mode), stacks, the standard (non-fused) layers and SGD without Nesterov or momentum. Each
 * must lower the training loss on a noisy sine within a few epochs.
 */
import { describe, expect, it } from 'vitest';
import { loadTf } from '../../../src-main/tensorflow/load-tf';
import { buildModel } from '../../../src-main/engine/model/model-builder';
import { TrainControl } from '../../../src-main/engine/training/train-control';
import { trainModel } from '../../../src-main/engine/training/train-loop';
import type { ExperimentSpecInput } from '../../../src-main/shared/spec';
import type { EpochRecord } from '../../../src-main/shared/types';
import { noisySine, sineSource, testSpec } from '../synthetic';

const series = noisySine(300);

async function losses(model: ExperimentSpecInput['model'], training: Record<string, unknown>) {
  const { tf } = await loadTf();
  const spec = testSpec({ model }, { epochs: 4, ...training });
  const built = buildModel(
    tf,
    spec,
    { timesteps: 12, features: 1, outputs: 1, horizon: 1 },
    { fused: spec.training.fused },
  );
  const epochs: EpochRecord[] = [];
  const noop = () => undefined;
  try {
    const outcome = await trainModel(tf, built.model, sineSource(series, 12), spec, 'mse', {
      runId: 'toolbox',
      control: new TrainControl(),
      onEpoch: (e) => epochs.push(e),
      onProgress: noop,
      log: noop,
    });
    expect(outcome.status).toBe('completed');
  } finally {
    built.model.dispose();
  }
  return { first: epochs[0].loss, last: epochs[epochs.length - 1].loss, layers: built.model.layers.map((l) => l.name) };
}

describe('the RNN toolbox lowers the loss', () => {
  it('with bidirectional layers in every merge mode', async () => {
    const cases = [
      { cell: 'LSTM', merge: 'concat' },
      { cell: 'GRU', merge: 'sum' },
      { cell: 'SimpleRNN', merge: 'ave' },
      { cell: 'GRU', merge: 'mul' },
    ] as const;
    for (const { cell, merge } of cases) {
      const r = await losses(
        { cell, layers: [{ units: 6, bidirectional: true, merge }] },
        { optimizer: { learningRate: 0.01 } },
      );
      expect(r.last, `${cell} ${merge}`).toBeLessThan(r.first * 0.8);
    }
  });

  it('with stacked layers, fused and standard', async () => {
    const cases: { model: NonNullable<ExperimentSpecInput['model']>; training: Record<string, unknown> }[] = [
      { model: { cell: 'LSTM', layers: [{ units: 8 }, { units: 6 }] }, training: {} },
      { model: { cell: 'GRU', layers: [{ units: 6 }, { units: 6 }, { units: 4 }] }, training: {} },
      {
        model: { cell: 'LSTM', layers: [{ units: 6, bidirectional: true }, { units: 6 }], denseLayers: [8] },
        training: { fused: false },
      },
    ];
    for (const c of cases) {
      const r = await losses(c.model, { ...c.training, optimizer: { learningRate: 0.01 } });
      const count = c.model.layers?.length ?? 0;
      const label = `${c.model.cell} × ${count}`;
      expect(
        r.layers.filter((n) => n.startsWith('recurrent_')),
        label,
      ).toHaveLength(count);
      expect(r.last, label).toBeLessThan(r.first * 0.8);
    }
  });

  it('with SGD: plain, with momentum, with Nesterov momentum', async () => {
    for (const optimizer of [
      { name: 'sgd', learningRate: 0.1, momentum: 0 },
      { name: 'sgd', learningRate: 0.05, momentum: 0.9, nesterov: false },
      { name: 'sgd', learningRate: 0.05, momentum: 0.9, nesterov: true },
    ]) {
      const r = await losses({ cell: 'GRU', layers: [{ units: 8 }] }, { optimizer });
      expect(r.last, JSON.stringify(optimizer)).toBeLessThan(r.first);
    }
  });
});
