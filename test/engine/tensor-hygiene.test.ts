import { describe, expect, it } from 'vitest';
import { loadTf } from '../../src-main/tensorflow/load-tf';
import { buildModel } from '../../src-main/engine/model/model-builder';
import { predictOrigins } from '../../src-main/engine/model/predict';
import { TrainControl } from '../../src-main/engine/training/train-control';
import { trainModel } from '../../src-main/engine/training/train-loop';
import { noisySine, sineSource, testSpec } from './synthetic';

describe('tensor hygiene', () => {
  it('does not leak tensors across repeated training and prediction', async () => {
    const { tf } = await loadTf();
    const series = noisySine(200);
    const source = sineSource(series, 8);
    // Weight decay, clipping, plateau and early stopping (with best-weight copies) all allocate.
    const spec = testSpec(
      {
        data: { file: '/s.csv', targetColumns: ['y'], lookback: 8 },
        model: { cell: 'GRU', layers: [{ units: 4 }, { units: 4 }] },
      },
      {
        epochs: 3,
        weightDecay: 0.01,
        clip: { mode: 'norm', value: 1 },
        earlyStopping: { enabled: true, patience: 1, restoreBest: true },
        reduceLrOnPlateau: { enabled: true, patience: 1, factor: 0.5 },
      },
    );
    const cycle = async () => {
      const { model } = buildModel(
        tf,
        spec,
        { timesteps: 8, features: 1, outputs: 1, horizon: 1 },
        { fused: spec.training.fused },
      );
      const noop = () => undefined;
      await trainModel(tf, model, source, spec, 'mse', {
        runId: 'leak',
        control: new TrainControl(),
        onEpoch: noop,
        onProgress: noop,
        log: noop,
      });
      predictOrigins(tf, model, (o) => source.nextBatch(o).x, source.xShape, source.test);
      model.dispose();
    };
    await cycle(); // warm-up: backends may cache a few tensors on first use
    const before = tf.memory().numTensors;
    await cycle();
    await cycle();
    expect(tf.memory().numTensors).toBe(before);
  });
});
