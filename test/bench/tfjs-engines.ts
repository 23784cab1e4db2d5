/**
 * Our engines on one workload: fused layers on our native kernels, the same layers on TensorFlow's
 * fused ops, tfjs-layers on native TensorFlow, pure-JS CPU.
 */
import type * as tfTypes from '@tensorflow/tfjs';
import type { Tf } from '../../src-main/tensorflow/load-tf';
import { createFlatAdam } from '../../src-main/engine/model/fused/flat-adam';
import { createRecurrentLayer } from '../../src-main/engine/model/fused/index';
import { switchNativeKernels } from '../../src-main/engine/model/kernels/native-kernels';
import { summarize, type Timing } from './repeats';
import type { Workload } from './workloads';

/** `studio` is the app's training loop on fused layers (see studio-engine.ts); the others use model.fit. */
export type EngineName = 'fused' | 'tf-fused' | 'studio' | 'layers' | 'cpu';

export const ENGINE_TITLES: Record<EngineName, string> = {
  fused: 'fused native',
  'tf-fused': 'fused TF ops',
  studio: 'app loop',
  layers: 'tfjs-layers native',
  cpu: 'pure-JS CPU',
};

export interface EngineResult extends Timing {
  /** Timed batches per repeat. */
  batches: number;
  /** True when fewer batches than the full run were timed and the speed extrapolated from them. */
  extrapolated: boolean;
}

/** The workload's model; fused layers (and the app's Adam) for `fused`, standard tfjs-layers otherwise. */
export function buildModel(tf: Tf, engine: EngineName, w: Workload): tfTypes.LayersModel {
  const model = tf.sequential();
  if (w.text) {
    model.add(tf.layers.embedding({ inputDim: w.text.vocab, outputDim: w.text.embedding, inputLength: w.steps }));
  }
  const fused = engine === 'fused' || engine === 'tf-fused';
  for (let i = 0; i < w.layers; i++) {
    const first = i === 0 && !w.text;
    const choice = createRecurrentLayer(
      tf,
      w.cell,
      {
        units: w.units,
        activation: 'tanh',
        recurrentActivation: 'sigmoid',
        returnSequences: i < w.layers - 1,
        dropout: 0,
        recurrentDropout: 0,
        bidirectional: w.bidirectional,
        merge: 'concat',
        seed: 1 + i,
        ...(first ? { inputShape: [w.steps, w.features] } : {}),
      },
      fused,
    );
    if (fused && !choice.fused) throw new Error(`fused layer not available: ${choice.note}`);
    model.add(choice.layer);
  }
  model.add(w.text ? tf.layers.dense({ units: w.text.vocab, activation: 'softmax' }) : tf.layers.dense({ units: 1 }));
  model.compile({
    // The fused engine is the app's path: fused layers and the flat Adam the app trains with.
    optimizer: fused ? createFlatAdam(tf, 1e-3) : tf.train.adam(1e-3),
    loss: w.text ? 'sparseCategoricalCrossentropy' : 'meanSquaredError',
  });
  return model;
}

/** Random inputs and learnable targets for `samples` samples of `w`. */
export function makeData(tf: Tf, w: Workload, samples: number): { x: tfTypes.Tensor; y: tfTypes.Tensor } {
  return tf.tidy(() => {
    if (w.text) {
      const x = tf.floor(tf.randomUniform([samples, w.steps], 0, w.text.vocab, 'float32', 1));
      const y = tf.floor(tf.randomUniform([samples, 1], 0, w.text.vocab, 'float32', 2));
      return { x, y };
    }
    const x = tf.randomNormal([samples, w.steps, w.features], 0, 1, 'float32', 1);
    return { x, y: tf.mul(tf.sum(x, [1, 2]), 0.1).reshape([samples, 1]) };
  });
}

/**
 * Trains `w` with `engine` and measures samples per second, excluding a short warm-up: the median
 * and range of `repeats` timed runs. With `batches` set, only that many batches are timed per run
 * (for slow engines) and the speed is extrapolated.
 */
export async function runEngine(
  tf: Tf,
  engine: EngineName,
  w: Workload,
  epochs: number,
  batches: number | null,
  repeats: number,
): Promise<EngineResult> {
  if (engine === 'studio') throw new Error('the app loop runs through runStudioLoop');
  await tf.setBackend(engine === 'cpu' ? 'cpu' : 'tensorflow');
  // The fused layers pick their kernels at every call: TensorFlow's ops for the whole of this run.
  switchNativeKernels(engine !== 'tf-fused');
  const fullBatches = Math.ceil(w.samples / w.batchSize) * epochs;
  const timedBatches = batches == null ? fullBatches : Math.min(batches, fullBatches);
  const extrapolated = timedBatches < fullBatches;
  const model = buildModel(tf, engine, w);
  const samples = extrapolated ? timedBatches * w.batchSize : w.samples;
  const { x, y } = makeData(tf, w, samples);
  try {
    // Warm-up: first-call costs (weight creation, kernel setup, optimizer slots) are not timed.
    // One batch is enough on the slow engines, whose per-batch cost dwarfs any first-call cost.
    const warm = Math.min((extrapolated ? 1 : 2) * w.batchSize, samples);
    await model.fit(x.slice(0, warm), y.slice(0, warm), { epochs: 1, batchSize: w.batchSize, verbose: 0 });
    const rates: number[] = [];
    for (let r = 0; r < repeats; r++) {
      const start = performance.now();
      await model.fit(x, y, { epochs: extrapolated ? 1 : epochs, batchSize: w.batchSize, shuffle: true, verbose: 0 });
      const seconds = (performance.now() - start) / 1000;
      rates.push((timedBatches * w.batchSize) / seconds);
    }
    return { ...summarize(rates), batches: timedBatches, extrapolated };
  } finally {
    switchNativeKernels(true);
    tf.dispose([x, y]);
    model.dispose();
  }
}
