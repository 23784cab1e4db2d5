import { describe, expect, it } from 'vitest';
import { loadTf } from '../../../src-main/tensorflow/load-tf';
import { buildModel } from '../../../src-main/engine/model/model-builder';
import { TrainControl } from '../../../src-main/engine/training/train-control';
import { evaluateLoss } from '../../../src-main/engine/training/evaluate-loss';
import { trainModel } from '../../../src-main/engine/training/train-loop';
import type { BatchSource } from '../../../src-main/engine/training/batch-source';
import type { TrainCallbacks } from '../../../src-main/engine/training/train-callbacks';
import type { ExperimentSpec, Loss } from '../../../src-main/shared/spec';
import { effectiveLoss } from '../../../src-main/shared/spec';
import type { EpochRecord, TrainProgress } from '../../../src-main/shared/types';
import { classSource, noisySine, sineSource, testSpec } from '../synthetic';

const series = noisySine(400);

function callbacks(control = new TrainControl()) {
  const epochs: EpochRecord[] = [];
  const progress: TrainProgress[] = [];
  const logs: string[] = [];
  const cb: TrainCallbacks = {
    runId: 'test',
    control,
    onEpoch: (e) => epochs.push(e),
    onProgress: (p) => progress.push(p),
    log: (l) => logs.push(l),
  };
  return { cb, epochs, progress, logs };
}

async function train(
  spec: ExperimentSpec,
  opts: {
    control?: TrainControl;
    source?: BatchSource;
    classCount?: number;
    loss?: Loss;
    after?: (m: import('@tensorflow/tfjs').LayersModel, s: BatchSource) => void;
  } = {},
) {
  const { tf } = await loadTf();
  const source = opts.source ?? sineSource(series, spec.data.lookback);
  const { model } = buildModel(
    tf,
    spec,
    { timesteps: spec.data.lookback, features: 1, outputs: 1, horizon: 1, classCount: opts.classCount },
    { fused: spec.training.fused },
  );
  const c = callbacks(opts.control);
  const loss = opts.loss ?? effectiveLoss(spec, opts.classCount);
  const outcome = await trainModel(tf, model, source, spec, loss, c.cb);
  opts.after?.(model, source);
  model.dispose();
  return { outcome, ...c };
}

describe('train loop', () => {
  it('reduces the loss with each cell type', async () => {
    for (const cell of ['LSTM', 'GRU', 'SimpleRNN'] as const) {
      const spec = testSpec(
        { model: { cell, layers: [{ units: 8 }] } },
        { epochs: 4, optimizer: { learningRate: 0.01 } },
      );
      const { outcome, epochs } = await train(spec);
      expect(outcome.status, cell).toBe('completed');
      expect(epochs).toHaveLength(4);
      expect(epochs[3].loss, cell).toBeLessThan(epochs[0].loss * 0.8);
    }
  });

  it('reduces the loss with each optimizer', async () => {
    const rates = { adam: 0.01, sgd: 0.05, rmsprop: 0.005, adagrad: 0.05, adamax: 0.01 } as const;
    for (const [name, learningRate] of Object.entries(rates)) {
      const spec = testSpec(
        { model: { cell: 'GRU', layers: [{ units: 8 }] } },
        { epochs: 4, optimizer: { name, learningRate, nesterov: name === 'sgd' } },
      );
      const { outcome, epochs } = await train(spec);
      expect(outcome.status, name).toBe('completed');
      expect(epochs[3].loss, name).toBeLessThan(epochs[0].loss);
      expect(epochs[0].learningRate, name).toBe(learningRate);
    }
  });

  it('reduces the loss with each regression loss', async () => {
    for (const loss of ['mse', 'mae', 'huber'] as const) {
      const spec = testSpec(
        { model: { cell: 'GRU', layers: [{ units: 8 }] } },
        { epochs: 4, loss, optimizer: { learningRate: 0.01 } },
      );
      const { epochs } = await train(spec);
      expect(epochs[3].loss, loss).toBeLessThan(epochs[0].loss);
      expect(epochs[3].metrics.mae, loss).toBeGreaterThan(0);
    }
  });

  it('reduces the loss with each classification loss and learns the classes', async () => {
    const cases = [
      { loss: 'binaryCrossentropy', classes: 2, labels: 'index' },
      { loss: 'categoricalCrossentropy', classes: 3, labels: 'onehot' },
      { loss: 'sparseCategoricalCrossentropy', classes: 3, labels: 'index' },
    ] as const;
    for (const c of cases) {
      const spec = testSpec(
        { task: 'sequence-classification', data: { file: '/synthetic.csv', targetColumns: ['label'], lookback: 8 } },
        { epochs: 5, loss: c.loss, optimizer: { learningRate: 0.02 } },
      );
      const source = classSource(300, 8, c.classes, c.labels);
      const { epochs } = await train(spec, { source, classCount: c.classes });
      expect(epochs[4].loss, c.loss).toBeLessThan(epochs[0].loss);
      // Chance is 1/classes; the class levels are far apart, so the net must do much better.
      expect(epochs[4].valMetrics.accuracy, c.loss).toBeGreaterThan(1 / c.classes + 0.2);
    }
  });

  it('stops on cancel between batches', async () => {
    const control = new TrainControl();
    const spec = testSpec({}, { epochs: 50, batchSize: 16 });
    const c = callbacks(control);
    const { tf } = await loadTf();
    const { model } = buildModel(tf, spec, { timesteps: 12, features: 1, outputs: 1, horizon: 1 }, { fused: false });
    c.cb.onEpoch = (e) => {
      c.epochs.push(e);
      if (e.epoch === 2) control.cancel();
    };
    const outcome = await trainModel(tf, model, sineSource(series, 12), spec, 'mse', c.cb);
    model.dispose();
    expect(outcome.status).toBe('cancelled');
    expect(c.epochs).toHaveLength(2);
    expect(outcome.stopReason).toMatch(/Cancelled at epoch 3, batch 1/);
  });

  it('pauses and resumes without losing epochs', async () => {
    const control = new TrainControl();
    const spec = testSpec({}, { epochs: 3, batchSize: 64 });
    let pausedSeen = false;
    const c = callbacks(control);
    c.cb.onProgress = (p) => {
      c.progress.push(p);
      if (p.phase === 'paused') {
        pausedSeen = true;
        // Resume from outside the loop, as a user's click would.
        setTimeout(() => control.resume(), 20);
      }
    };
    c.cb.onEpoch = (e) => {
      c.epochs.push(e);
      if (e.epoch === 1) control.pause();
    };
    const { tf } = await loadTf();
    const { model } = buildModel(tf, spec, { timesteps: 12, features: 1, outputs: 1, horizon: 1 }, { fused: false });
    const outcome = await trainModel(tf, model, sineSource(series, 12), spec, 'mse', c.cb);
    model.dispose();
    expect(pausedSeen).toBe(true);
    expect(c.logs.some((l) => l.startsWith('Paused at epoch 2'))).toBe(true);
    expect(c.logs).toContain('Resumed.');
    expect(outcome.status).toBe('completed');
    expect(c.epochs.map((e) => e.epoch)).toEqual([1, 2, 3]);
  });

  it('stops with a diagnosis when the loss diverges', async () => {
    const huge = series.map((v) => v * 1e4);
    const spec = testSpec(
      { data: { file: '/synthetic.csv', targetColumns: ['y'], lookback: 12, scaling: 'none' } },
      { epochs: 5, optimizer: { name: 'sgd', learningRate: 10, momentum: 0.99 }, clip: { mode: 'none', value: 1 } },
    );
    const { outcome } = await train(spec, { source: sineSource(huge, 12) });
    expect(outcome.status).toBe('failed');
    expect(outcome.error).toMatch(/became (NaN|infinite)/);
    expect(outcome.error).toMatch(/lower the learning rate \(now 10; try 1\)/);
    expect(outcome.error).toMatch(/gradient clipping/);
    expect(outcome.error).toMatch(/scale the inputs/);
  });

  it('restores the weights of the best epoch when stopping early', async () => {
    const spec = testSpec(
      {},
      {
        epochs: 12,
        optimizer: { learningRate: 0.05 },
        earlyStopping: { enabled: true, patience: 2, restoreBest: true },
      },
    );
    let finalValLoss = NaN;
    const { tf } = await loadTf();
    const { epochs, outcome } = await train(spec, {
      after: (model, source) => (finalValLoss = evaluateLoss(tf, model, source, source.validation ?? [], 'mse').loss),
    });
    const best = Math.min(...epochs.map((e) => e.valLoss ?? Infinity));
    expect(outcome.bestEpoch).toBe(epochs.findIndex((e) => e.valLoss === best) + 1);
    // The best epoch is not the last here, so the model really had to go back to it.
    expect(outcome.bestEpoch).toBeLessThan(epochs.length);
    expect(finalValLoss).toBeCloseTo(best, 5);
  });

  it('never stops early before the minimum number of epochs', async () => {
    const settings = (minEpochs: number) =>
      testSpec({}, { epochs: 10, optimizer: { learningRate: 0.2 }, earlyStopping: { patience: 1, minEpochs } });
    // With patience 1 a flat or noisy epoch ends the run at once...
    const eager = await train(settings(0));
    expect(eager.epochs.length).toBeLessThan(10);
    // ...unless the minimum says it may not stop yet.
    const patient = await train(settings(10));
    expect(patient.epochs).toHaveLength(10);
    expect(patient.outcome.stopReason).not.toMatch(/Stopped early/);
  });

  it('keeps the starting weights when no epoch beats them on validation (startIsCandidate)', async () => {
    const { tf } = await loadTf();
    const spec = testSpec(
      {},
      {
        epochs: 3,
        optimizer: { learningRate: 0.05 },
        earlyStopping: { enabled: true, patience: 5, restoreBest: true },
      },
    );
    // The zero-initialised head predicts 0 and every validation target is 0: nothing beats the start.
    const base = sineSource(series, spec.data.lookback);
    const validation = new Set(Array.from(base.validation ?? []));
    const source: BatchSource = {
      ...base,
      startIsCandidate: true,
      nextBatch: (origins) => {
        const batch = base.nextBatch(origins);
        const onlyValidation = Array.from(origins).every((o) => validation.has(o));
        return onlyValidation ? { ...batch, y: new Float32Array(batch.y.length) } : batch;
      },
    };
    const dims = { timesteps: spec.data.lookback, features: 1, outputs: 1, horizon: 1 };
    const { model } = buildModel(tf, spec, dims, { fused: spec.training.fused });
    const startLoss = evaluateLoss(tf, model, source, source.validation ?? [], 'mse').loss;
    const before = model.getWeights().flatMap((w) => Array.from(w.dataSync()));
    const c = callbacks();
    const outcome = await trainModel(tf, model, source, spec, 'mse', c.cb);
    const after = model.getWeights().flatMap((w) => Array.from(w.dataSync()));
    model.dispose();
    expect(startLoss).toBe(0);
    expect(c.epochs.every((e) => (e.valLoss ?? 0) > 0)).toBe(true);
    expect(outcome.bestEpoch).toBe(0);
    expect(after).toEqual(before);
    expect(c.logs.join('\n')).toMatch(/keeps them/);
  });

  it('ends with the averaged weights when weight averaging is on', async () => {
    const { tf } = await loadTf();
    const settings = { epochs: 2, optimizer: { learningRate: 0.05 }, earlyStopping: { enabled: false } };
    const weightsAfter = async (averaging: { enabled: boolean; decay: number }) => {
      let initial: number[] = [];
      let final: number[] = [];
      const spec = testSpec({}, { ...settings, weightAveraging: averaging });
      const source = sineSource(series, spec.data.lookback);
      const { model } = buildModel(
        tf,
        spec,
        { timesteps: spec.data.lookback, features: 1, outputs: 1, horizon: 1 },
        {
          fused: spec.training.fused,
        },
      );
      initial = model.getWeights().flatMap((w) => Array.from(w.dataSync()));
      const c = callbacks();
      await trainModel(tf, model, source, spec, 'mse', c.cb);
      final = model.getWeights().flatMap((w) => Array.from(w.dataSync()));
      model.dispose();
      const distance = Math.sqrt(final.reduce((sum, v, i) => sum + (v - initial[i]) ** 2, 0));
      return { distance, logs: c.logs };
    };
    const plain = await weightsAfter({ enabled: false, decay: 0.9 });
    const slow = await weightsAfter({ enabled: true, decay: 0.9999 });
    const usual = await weightsAfter({ enabled: true, decay: 0.9 });
    // The average starts at the initial weights: with decay 0.9999 it has hardly left them.
    expect(plain.distance).toBeGreaterThan(0.1);
    expect(slow.distance).toBeLessThan(plain.distance * 0.05);
    expect(usual.distance).toBeGreaterThan(slow.distance);
    expect(usual.logs.join('\n')).toMatch(/averaged over the recent batches \(decay 0.9\)/);
    expect(plain.logs.join('\n')).not.toMatch(/averaged/);
  });

  it('reports per-layer gradient norms and throttled progress', async () => {
    const spec = testSpec(
      { model: { layers: [{ units: 8 }, { units: 4 }], denseLayers: [4] } },
      { epochs: 2, batchSize: 8 },
    );
    const { epochs, progress } = await train(spec);
    expect(Object.keys(epochs[1].gradNorms).sort()).toEqual(['dense_1', 'output', 'recurrent_1', 'recurrent_2']);
    for (const n of Object.values(epochs[1].gradNorms)) expect(n).toBeGreaterThan(0);
    const batches = epochs.length * Math.ceil(sineSource(series, 12).train.length / 8);
    expect(progress.length).toBeGreaterThan(0);
    expect(progress.length).toBeLessThan(batches);
  });
});
