/**
 * A model trained on fused layers must save as a plain tfjs-layers model that loads anywhere
 * and predicts the same, and repeated fused training steps must not leak tensors.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as tfTypes from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { createRecurrentLayer, isFusedLayer, toStandardModel } from '../../../../src-main/engine/model/fused/index';
import type { Cell } from '../../../../src-main/shared/spec';
import { loadNativeTf } from './native-tf';

const tf = loadNativeTf();
const [SAMPLES, STEPS, FEATURES] = [32, 6, 2];
const workDir = mkdtempSync(join(tmpdir(), 'fused-save-'));

afterAll(() => {
  rmSync(workDir, { recursive: true, force: true });
  tf.disposeVariables();
});

const base = {
  activation: 'tanh',
  recurrentActivation: 'sigmoid',
  dropout: 0,
  recurrentDropout: 0,
  merge: 'concat' as const,
  seed: 11,
};

/** Bidirectional fused layer, then a unidirectional one (stacked), then a dense head. */
function fusedModel(cell: Cell): tfTypes.Sequential {
  const first = createRecurrentLayer(
    tf,
    cell,
    { ...base, units: 6, returnSequences: true, bidirectional: true, dropout: 0.1, inputShape: [STEPS, FEATURES] },
    true,
  );
  const second = createRecurrentLayer(
    tf,
    cell,
    { ...base, units: 4, returnSequences: false, bidirectional: false },
    true,
  );
  expect([first.fused, second.fused]).toEqual([true, true]);
  const model = tf.sequential({ layers: [first.layer, second.layer, tf.layers.dense({ units: 1 })] });
  model.compile({ optimizer: tf.train.adam(0.01), loss: 'meanSquaredError' });
  return model;
}

function data() {
  const x = tf.randomNormal([SAMPLES, STEPS, FEATURES], 0, 1, 'float32', 5);
  const y = tf.sum(x, [1, 2]).reshape([SAMPLES, 1]);
  return { x, y };
}

describe.each(['LSTM', 'GRU', 'SimpleRNN'] as const)('%s', (cell) => {
  it('trains fused, saves as standard layers, loads and predicts the same', async () => {
    const model = fusedModel(cell);
    const { x, y } = data();
    const before = model.getWeights().map((w) => w.dataSync().slice());
    await model.fit(x, y, { epochs: 2, batchSize: 8, verbose: 0 });
    // Training really moved the recurrent weights.
    const changed = model.getWeights().some((w, i) => w.dataSync().some((v, j) => Math.abs(v - before[i][j]) > 1e-6));
    expect(changed).toBe(true);

    const standard = toStandardModel(tf, model);
    expect(standard.layers.some(isFusedLayer)).toBe(false);
    const dir = join(workDir, cell);
    await standard.save(`file://${dir}`);
    const topology = readFileSync(join(dir, 'model.json'), 'utf8');
    expect(topology).not.toContain('"class_name":"Fused');
    expect(topology).toContain(`"class_name":"${cell}"`);
    expect(topology).toContain('"class_name":"Bidirectional"');

    const loaded = await tf.loadLayersModel(`file://${dir}/model.json`);
    const expected = model.predict(x) as tfTypes.Tensor;
    const actual = loaded.predict(x) as tfTypes.Tensor;
    const diff = tf.max(tf.abs(tf.sub(actual, expected))).dataSync()[0];
    expect(diff).toBeLessThanOrEqual(1e-5);
    expect(model.countParams()).toBe(loaded.countParams());
    tf.dispose([x, y, expected, actual]);
    loaded.dispose();
    standard.dispose();
  });

  it('does not grow the tensor count across training steps', async () => {
    const model = fusedModel(cell);
    const { x, y } = data();
    // The first step creates the optimizer's slots; count from the second.
    await model.trainOnBatch(x, y);
    await model.trainOnBatch(x, y);
    const after2 = tf.memory().numTensors;
    for (let i = 0; i < 4; i++) await model.trainOnBatch(x, y);
    tf.dispose(model.predict(x) as tfTypes.Tensor);
    expect(tf.memory().numTensors).toBe(after2);
    tf.dispose([x, y]);
    model.dispose();
  });
});

describe('fallbacks', () => {
  const opts = { ...base, units: 4, returnSequences: false, bidirectional: false };
  it('uses the standard layer with a note when recurrent dropout is on', () => {
    const choice = createRecurrentLayer(tf, 'LSTM', { ...opts, recurrentDropout: 0.2 }, true);
    expect(choice.fused).toBe(false);
    expect(choice.layer.getClassName()).toBe('LSTM');
    expect(choice.note).toMatch(/recurrent dropout/);
  });
  it.each([
    ['LSTM', { recurrentActivation: 'hardSigmoid' }, /recurrent activation/],
    ['GRU', { activation: 'relu' }, /activation 'relu'/],
  ] as const)('%s with %o is standard', (cell, overrides, note) => {
    const choice = createRecurrentLayer(tf, cell, { ...opts, ...overrides }, true);
    expect(choice.fused).toBe(false);
    expect(choice.note).toMatch(note);
  });
  it('uses the standard layer on the cpu backend', async () => {
    await tf.setBackend('cpu');
    try {
      const choice = createRecurrentLayer(tf, 'GRU', opts, true);
      expect(choice.fused).toBe(false);
      expect(choice.note).toMatch(/native TensorFlow backend/);
    } finally {
      await tf.setBackend('tensorflow');
    }
  });
  it('is standard without a note when fused is off', () => {
    const choice = createRecurrentLayer(tf, 'SimpleRNN', opts, false);
    expect(choice).toMatchObject({ fused: false, note: null });
  });
});

describe('functional models', () => {
  it('converts a functional model (embedding, fused layers, per-step head) and keeps the original usable', async () => {
    const input = tf.input({ shape: [STEPS], name: 'tokens' });
    const embedded = tf.layers.embedding({ inputDim: 12, outputDim: 4, name: 'embedding' }).apply(input);
    const layer = (name: string, bidirectional: boolean) =>
      createRecurrentLayer(tf, 'GRU', { ...base, units: 6, returnSequences: true, bidirectional, name }, true);
    const first = layer('recurrent_1', true);
    const second = layer('recurrent_2', false);
    expect([first.fused, second.fused]).toEqual([true, true]);
    const hidden = second.layer.apply(first.layer.apply(embedded));
    const head = tf.layers.timeDistributed({ layer: tf.layers.dense({ units: 3 }), name: 'output' });
    const model = tf.model({ inputs: input, outputs: head.apply(hidden) as tfTypes.SymbolicTensor });
    const x = tf.floor(tf.randomUniform([5, STEPS], 0, 12, 'float32', 9));
    const expected = model.predict(x) as tfTypes.Tensor;

    const standard = toStandardModel(tf, model);
    expect(standard).not.toBe(model);
    expect(standard.layers.map((l) => l.getClassName())).toEqual([
      'InputLayer',
      'Embedding',
      'Bidirectional',
      'GRU',
      'TimeDistributed',
    ]);
    const dir = join(workDir, 'functional');
    await standard.save(`file://${dir}`);
    standard.dispose();
    const loaded = await tf.loadLayersModel(`file://${dir}/model.json`);
    const actual = loaded.predict(x) as tfTypes.Tensor;
    const again = model.predict(x) as tfTypes.Tensor;
    expect(tf.max(tf.abs(tf.sub(actual, expected))).dataSync()[0]).toBeLessThanOrEqual(1e-5);
    expect(tf.max(tf.abs(tf.sub(again, expected))).dataSync()[0]).toBe(0);
    tf.dispose([x, expected, actual, again]);
    loaded.dispose();
    model.dispose();
  });
});
