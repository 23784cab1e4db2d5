/**
 * Small standard tfjs-layers models with random weights (biases included, so bias handling is
 * checked), one per layer arrangement the exporters must translate, saved as model folders.
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as tfTypes from '@tensorflow/tfjs';
import { loadTf, type Tf } from '../../src-main/tensorflow/load-tf';

export interface Fixture {
  /** Why the fixture exists: the translation it checks. */
  name: string;
  build: (tf: Tf) => tfTypes.Sequential;
  /** Token ids (Embedding) instead of float values. */
  ids?: { vocabulary: number };
}

const T = 6;
const F = 3;

export const FIXTURES: Fixture[] = [
  {
    name: 'lstm: gate reorder i,f,c,o -> i,o,f,c, Dense head',
    build: (tf) =>
      tf.sequential({
        layers: [
          tf.layers.lstm({ units: 5, recurrentActivation: 'sigmoid', inputShape: [T, F] }),
          tf.layers.dense({ units: 2 }),
        ],
      }),
  },
  {
    name: 'gru with hardSigmoid gates: reset_after false, HardSigmoid / Keras weight scaling',
    build: (tf) =>
      tf.sequential({
        layers: [
          tf.layers.gru({ units: 4, recurrentActivation: 'hardSigmoid', inputShape: [T, F] }),
          tf.layers.dense({ units: 1, activation: 'tanh' }),
        ],
      }),
  },
  {
    name: 'simple-rnn with relu',
    build: (tf) =>
      tf.sequential({
        layers: [
          tf.layers.simpleRNN({ units: 4, activation: 'relu', inputShape: [T, F] }),
          tf.layers.dense({ units: 1 }),
        ],
      }),
  },
  {
    name: 'bidirectional lstm, concat',
    build: (tf) =>
      tf.sequential({
        layers: [
          tf.layers.bidirectional({
            layer: tf.layers.lstm({ units: 3, recurrentActivation: 'sigmoid' }) as tfTypes.RNN,
            mergeMode: 'concat',
            inputShape: [T, F],
          }),
          tf.layers.dense({ units: 1 }),
        ],
      }),
  },
  {
    name: 'bidirectional gru sequences, ave, then bidirectional simple-rnn sequences, sum, then lstm',
    build: (tf) =>
      tf.sequential({
        layers: [
          tf.layers.bidirectional({
            layer: tf.layers.gru({ units: 3, recurrentActivation: 'sigmoid', returnSequences: true }) as tfTypes.RNN,
            mergeMode: 'ave',
            inputShape: [T, F],
          }),
          tf.layers.bidirectional({
            layer: tf.layers.simpleRNN({ units: 3, returnSequences: true }) as tfTypes.RNN,
            mergeMode: 'sum',
          }),
          tf.layers.lstm({ units: 2, recurrentActivation: 'sigmoid' }),
        ],
      }),
  },
  {
    name: 'bidirectional lstm, mul',
    build: (tf) =>
      tf.sequential({
        layers: [
          tf.layers.bidirectional({
            layer: tf.layers.lstm({ units: 3, recurrentActivation: 'sigmoid' }) as tfTypes.RNN,
            mergeMode: 'mul',
            inputShape: [T, F],
          }),
          tf.layers.dense({ units: 2, activation: 'sigmoid' }),
        ],
      }),
  },
  {
    name: 'stacked lstm + dropout: return_sequences feeding the next layer, Dropout omitted',
    build: (tf) =>
      tf.sequential({
        layers: [
          tf.layers.lstm({ units: 4, recurrentActivation: 'sigmoid', returnSequences: true, inputShape: [T, F] }),
          tf.layers.dropout({ rate: 0.3 }),
          tf.layers.lstm({ units: 3, recurrentActivation: 'sigmoid' }),
          tf.layers.dense({ units: 1 }),
        ],
      }),
  },
  {
    name: 'embedding + lstm: int64 ids, Gather, softmax head',
    ids: { vocabulary: 12 },
    build: (tf) =>
      tf.sequential({
        layers: [
          tf.layers.embedding({ inputDim: 12, outputDim: 4, inputShape: [T] }),
          tf.layers.lstm({ units: 3, recurrentActivation: 'sigmoid' }),
          tf.layers.dense({ units: 3, activation: 'softmax' }),
        ],
      }),
  },
  {
    name: 'multi-step forecast: Dense + Reshape',
    build: (tf) =>
      tf.sequential({
        layers: [
          tf.layers.lstm({ units: 4, recurrentActivation: 'sigmoid', inputShape: [T, F] }),
          tf.layers.dense({ units: 6 }),
          tf.layers.reshape({ targetShape: [3, 2] }),
        ],
      }),
  },
  {
    name: 'linear recurrent activation (ONNX Affine) and selu Dense head',
    build: (tf) =>
      tf.sequential({
        layers: [
          tf.layers.lstm({ units: 3, activation: 'linear', recurrentActivation: 'sigmoid', inputShape: [T, F] }),
          tf.layers.dense({ units: 2, activation: 'selu' }),
        ],
      }),
  },
  {
    name: 'sequence labelling: Dense on every step of a [batch, time, units] tensor',
    build: (tf) =>
      tf.sequential({
        layers: [
          tf.layers.gru({ units: 4, recurrentActivation: 'sigmoid', returnSequences: true, inputShape: [T, F] }),
          tf.layers.dense({ units: 3, activation: 'softmax' }),
        ],
      }),
  },
  {
    name: "per-step labeling as the app builds it: TimeDistributed(Dense) after a bidirectional GRU's sequences",
    build: (tf) =>
      tf.sequential({
        layers: [
          tf.layers.bidirectional({
            layer: tf.layers.gru({ units: 3, recurrentActivation: 'sigmoid', returnSequences: true }) as tfTypes.RNN,
            inputShape: [T, F],
          }),
          tf.layers.timeDistributed({ layer: tf.layers.dense({ units: 4, activation: 'softmax' }) }),
        ],
      }),
  },
];

/** Replaces every weight (biases too) with seeded random values. */
export function randomizeWeights(tf: Tf, model: tfTypes.LayersModel, seed: number): void {
  let s = seed;
  const fresh = model.getWeights().map((w) => tf.randomNormal(w.shape, 0, 0.6, 'float32', s++));
  model.setWeights(fresh);
  fresh.forEach((t) => t.dispose());
}

/** Deterministic test inputs for a fixture: [batch, T, F] values or [batch, T] ids. */
export function fixtureInput(fixture: Fixture, batch: number): { data: number[]; shape: number[] } {
  let state = 12345;
  const next = () => {
    state = (state * 1103515245 + 12345) % 2 ** 31;
    return state / 2 ** 31;
  };
  if (fixture.ids) {
    const shape = [batch, T];
    return { data: Array.from({ length: batch * T }, () => Math.floor(next() * fixture.ids!.vocabulary)), shape };
  }
  return { data: Array.from({ length: batch * T * F }, () => next() * 4 - 2), shape: [batch, T, F] };
}

/** Builds, randomizes and saves a fixture; returns the folder and the tfjs predictions. */
export async function saveFixture(
  fixture: Fixture,
  index: number,
  batch = 4,
): Promise<{ dir: string; input: { data: number[]; shape: number[] }; expected: Float32Array; outputShape: number[] }> {
  const { tf } = await loadTf();
  const model = fixture.build(tf);
  randomizeWeights(tf, model, 1000 + index * 17);
  const dir = await mkdtemp(join(tmpdir(), 'rs-export-'));
  await model.save(`file://${dir}`);
  const input = fixtureInput(fixture, batch);
  const x = tf.tensor(input.data, input.shape, 'float32');
  const y = model.predict(x) as tfTypes.Tensor;
  const expected = Float32Array.from(y.dataSync());
  const outputShape = y.shape.slice();
  tf.dispose([x, y]);
  model.dispose();
  return { dir, input, expected, outputShape };
}

/** Largest absolute difference between two equally long arrays. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i] - b[i]));
  return Number.isNaN(m) ? Infinity : m;
}
