/**
 * The app's own training loop (fused layers, flat Adam, per-layer gradient norms, clipping by
 * global norm, progress and pause checks between batches) on a benchmark workload.
 */
import type { Tf } from '../../src-main/tensorflow/load-tf';
import { TrainControl } from '../../src-main/engine/training/train-control';
import type { BatchSource } from '../../src-main/engine/training/batch-source';
import { trainModel } from '../../src-main/engine/training/train-loop';
import { parseSpec } from '../../src-main/shared/spec';
import { summarize } from './repeats';
import { buildModel, makeData, type EngineResult } from './tfjs-engines';
import type { Workload } from './workloads';

/** Rows of `data` (each `width` long) picked by `origins`, as one flat array. */
function gather(data: Float32Array, width: number, origins: ArrayLike<number>): Float32Array {
  const out = new Float32Array(origins.length * width);
  for (let i = 0; i < origins.length; i++)
    out.set(data.subarray(origins[i] * width, (origins[i] + 1) * width), i * width);
  return out;
}

/**
 * Trains `w` with the app's loop for `epochs` epochs after a one-epoch warm-up and returns the
 * median and range of the epochs' training speeds (the loop's own samples/s; no validation).
 */
export async function runStudioLoop(tf: Tf, w: Workload, epochs: number): Promise<EngineResult> {
  await tf.setBackend('tensorflow');
  const { x, y } = makeData(tf, w, w.samples);
  const xData = x.dataSync() as Float32Array;
  const yData = y.dataSync() as Float32Array;
  tf.dispose([x, y]);
  const xShape = w.text ? [w.steps] : [w.steps, w.features];
  const xWidth = xShape.reduce((a, b) => a * b, 1);
  const source: BatchSource = {
    xShape,
    yShape: [1],
    train: Int32Array.from({ length: w.samples }, (_, i) => i),
    validation: null,
    nextBatch: (origins) => ({
      x: gather(xData, xWidth, origins),
      y: gather(yData, 1, origins),
      size: origins.length,
    }),
  };
  const parsed = parseSpec({
    data: { file: '/bench.csv', targetColumns: ['y'], lookback: w.steps },
    training: {
      epochs: epochs + 1,
      batchSize: w.batchSize,
      optimizer: { name: 'adam', learningRate: 1e-3 },
      clip: { mode: 'norm', value: 1 },
      earlyStopping: { enabled: false },
      reduceLrOnPlateau: { enabled: false },
    },
  });
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join('; '));
  const model = buildModel(tf, 'fused', w);
  const speeds: number[] = [];
  const noop = () => undefined;
  try {
    const outcome = await trainModel(tf, model, source, parsed.spec, w.text ? 'sparseCategoricalCrossentropy' : 'mse', {
      runId: 'bench',
      control: new TrainControl(),
      onProgress: noop,
      onEpoch: (e) => speeds.push(e.samplesPerSecond),
      log: noop,
    });
    if (outcome.status !== 'completed') throw new Error(outcome.stopReason);
  } finally {
    model.dispose();
  }
  // The first epoch pays the first-call costs.
  return { ...summarize(speeds.slice(1)), batches: Math.ceil(w.samples / w.batchSize), extrapolated: false };
}
