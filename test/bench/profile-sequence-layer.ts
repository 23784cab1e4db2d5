/**
 * One layer alone, A/B interleaved: the bidirectional LSTM(64) that returns every state (the first
 * layer of the bench's 2-layer BiLSTM), forward and backward on a batch, on our kernels and on
 * TensorFlow's BlockLSTM in turn. `npx tsx test/bench/profile-sequence-layer.ts [rounds]`.
 *
 * Each round times a block of training steps (forward, gradients of every weight) on each engine,
 * alternating which goes first; each pair of blocks gives one ratio (native ÷ TensorFlow speed).
 * Also reports the time inside our addon's calls per step.
 */
import type * as tfTypes from '@tensorflow/tfjs';
import { loadTf } from '../../src-main/tensorflow/load-tf';
import { applyAutomaticThreads } from '../../src-main/tensorflow/threads';
import { createRecurrentLayer } from '../../src-main/engine/model/fused/index';
import { useNativeKernelsEverywhere } from '../../src-main/engine/model/kernels/kernel-policy';
import { nativeKernels, switchNativeKernels } from '../../src-main/engine/model/kernels/native-kernels';
import { summarize } from './repeats';

const BATCH = 64;
const STEPS = 50;
const FEATURES = 4;
const UNITS = 64;
const STEPS_PER_BLOCK = 20;

function median(values: number[]): number {
  return summarize(values).samplesPerSecond;
}

async function main(): Promise<void> {
  applyAutomaticThreads();
  const { tf } = await loadTf();
  await tf.setBackend('tensorflow');
  const kernels = nativeKernels();
  if (!kernels) throw new Error('native kernels not built');
  const rounds = Number(process.argv[2] ?? 12);
  const { addon } = kernels;
  const spent = { forward: 0, backward: 0 };
  // Time spent inside each kind of addon call.
  for (const pass of ['forward', 'backward'] as const) {
    const original = addon[pass].bind(addon) as (...args: unknown[]) => unknown;
    (addon as unknown as Record<string, unknown>)[pass] = (...args: unknown[]) => {
      const start = performance.now();
      try {
        return original(...args);
      } finally {
        spent[pass] += performance.now() - start;
      }
    };
  }

  const model = tf.sequential();
  const choice = createRecurrentLayer(
    tf,
    'LSTM',
    {
      units: UNITS,
      activation: 'tanh',
      recurrentActivation: 'sigmoid',
      returnSequences: true,
      dropout: 0,
      recurrentDropout: 0,
      bidirectional: true,
      merge: 'concat',
      seed: 1,
      inputShape: [STEPS, FEATURES],
    },
    true,
  );
  if (!choice.fused) throw new Error(`fused layer not available: ${choice.note}`);
  model.add(choice.layer);
  const x = tf.randomNormal([BATCH, STEPS, FEATURES], 0, 1, 'float32', 1);
  const r = tf.randomNormal([BATCH, STEPS, 2 * UNITS], 0, 1, 'float32', 2);
  const weights = model.trainableWeights.map((w) => (w as unknown as { val: tfTypes.Variable }).val);

  const block = (native: boolean): number => {
    switchNativeKernels(native);
    useNativeKernelsEverywhere(native);
    try {
      const start = performance.now();
      for (let i = 0; i < STEPS_PER_BLOCK; i++) {
        const { value, grads } = tf.variableGrads(
          () => tf.sum(tf.mul(model.apply(x, { training: true }) as tfTypes.Tensor, r)) as tfTypes.Scalar,
          weights,
        );
        for (const g of Object.values(grads)) g.dataSync();
        value.dataSync();
        tf.dispose([value, ...Object.values(grads)]);
      }
      return (performance.now() - start) / STEPS_PER_BLOCK;
    } finally {
      switchNativeKernels(true);
      useNativeKernelsEverywhere(false);
    }
  };

  block(true);
  block(false);
  const ms = { native: [] as number[], tensorflow: [] as number[] };
  const ratios: number[] = [];
  const inside = { forward: [] as number[], backward: [] as number[] };
  for (let round = 0; round < rounds; round++) {
    const order = round % 2 === 0 ? [true, false] : [false, true];
    const pair = new Map<boolean, number>();
    for (const native of order) {
      Object.assign(spent, { forward: 0, backward: 0 });
      pair.set(native, block(native));
      if (native) {
        inside.forward.push(spent.forward / STEPS_PER_BLOCK);
        inside.backward.push(spent.backward / STEPS_PER_BLOCK);
      }
    }
    ms.native.push(pair.get(true) ?? 0);
    ms.tensorflow.push(pair.get(false) ?? 0);
    ratios.push((pair.get(false) ?? 0) / (pair.get(true) ?? 1));
  }
  const range = (v: number[]) => `${Math.min(...v).toFixed(2)}–${Math.max(...v).toFixed(2)}`;
  console.log(
    `BiLSTM(${UNITS}) T=${STEPS} F=${FEATURES} B=${BATCH}, returning every state, ${rounds} pairs of ${STEPS_PER_BLOCK} steps:`,
  );
  console.log(`  native     ${median(ms.native).toFixed(2)} ms/step (${range(ms.native)})`);
  console.log(
    `    inside the addon: forward ${median(inside.forward).toFixed(2)} ms, backward ${median(inside.backward).toFixed(2)} ms (both directions)`,
  );
  console.log(`  TensorFlow ${median(ms.tensorflow).toFixed(2)} ms/step (${range(ms.tensorflow)})`);
  console.log(`  native ÷ TF speed per pair: ${median(ratios).toFixed(2)}× (${range(ratios)})`);
  tf.dispose([x, r]);
  model.dispose();
}

void main();
