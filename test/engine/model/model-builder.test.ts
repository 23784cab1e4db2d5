import { describe, expect, it } from 'vitest';
import { loadTf } from '../../../src-main/tensorflow/load-tf';
import { buildModel, summarizeModel } from '../../../src-main/engine/model/model-builder';
import type * as tfTypes from '@tensorflow/tfjs';
import { buildSeq2seqModel } from '../../../src-main/engine/tasks/seq2seq/seq2seq-model';
import { testSpec } from '../synthetic';

const dims = { timesteps: 10, features: 3, outputs: 1, horizon: 4 };

describe('model builder', () => {
  it('summarizes a stacked LSTM forecast model with Keras parameter counts', async () => {
    const { tf } = await loadTf();
    const spec = testSpec({ model: { cell: 'LSTM', layers: [{ units: 8 }, { units: 5 }], denseLayers: [6] } });
    const before = tf.memory().numTensors;
    const summary = summarizeModel(tf, spec, dims);
    expect(tf.memory().numTensors).toBe(before);
    const lstm = (units: number, inputs: number) => 4 * (units * (inputs + units) + units);
    expect(summary.inputShape).toEqual([null, 10, 3]);
    expect(summary.layers.map((l) => [l.name, l.outputShape, l.params])).toEqual([
      ['input', [null, 10, 3], 0],
      ['recurrent_1', [null, 10, 8], lstm(8, 3)],
      ['recurrent_2', [null, 5], lstm(5, 8)],
      ['dense_1', [null, 6], 5 * 6 + 6],
      ['output', [null, 4], 6 * 4 + 4],
    ]);
    expect(summary.totalParams).toBe(lstm(8, 3) + lstm(5, 8) + 36 + 28);
    expect(summary.trainableParams).toBe(summary.totalParams);
  });

  it('starts a forecast head at zero so the untrained network outputs exactly zero (the baseline)', async () => {
    const { tf } = await loadTf();
    const spec = testSpec({ model: { cell: 'GRU', layers: [{ units: 4, bidirectional: true }] } });
    const { model } = buildModel(tf, spec, dims, { fused: true });
    const out = tf.tidy(() =>
      (model.predict(tf.randomNormal([2, 10, 3], 0, 1, 'float32', 1)) as tfTypes.Tensor).dataSync(),
    );
    model.dispose();
    expect(Array.from(out)).toEqual([0, 0, 0, 0, 0, 0, 0, 0]);
  });

  it('builds the same initial weights for the same seed, different ones for another seed', async () => {
    const { tf } = await loadTf();
    const weights = (seed: number) => {
      const { model } = buildModel(tf, testSpec({}, { seed }), dims, { fused: false });
      const w = model.getWeights()[0].dataSync().slice();
      model.dispose();
      return Array.from(w);
    };
    expect(weights(5)).toEqual(weights(5));
    expect(weights(5)).not.toEqual(weights(6));
  });

  it('sizes heads for classification, labeling and text tasks', async () => {
    const { tf } = await loadTf();
    const shapeOf = (task: Parameters<typeof testSpec>[0], d: Parameters<typeof summarizeModel>[2]) => {
      const s = summarizeModel(tf, testSpec(task), d);
      return { out: s.layers[s.layers.length - 1].outputShape, names: s.layers.map((l) => l.className) };
    };
    const numeric = { timesteps: 6, features: 2, outputs: 1, horizon: 1 };
    expect(shapeOf({ task: 'sequence-classification' }, { ...numeric, classCount: 2 }).out).toEqual([null, 1]);
    expect(shapeOf({ task: 'sequence-classification' }, { ...numeric, classCount: 5 }).out).toEqual([null, 5]);
    expect(shapeOf({ task: 'sequence-labeling' }, { ...numeric, classCount: 3 }).out).toEqual([null, 6, 3]);
    const text = { timesteps: 20, features: 1, outputs: 1, horizon: 1, vocabSize: 30, classCount: 4 };
    const embedded = shapeOf({ task: 'text-classification' }, text);
    expect(embedded.out).toEqual([null, 4]);
    expect(embedded.names).toContain('Embedding');
    // The form's "Automatic" output and loss follow the class count the summary reports.
    expect(summarizeModel(tf, testSpec({ task: 'text-classification' }), text).classCount).toBe(4);
    expect(summarizeModel(tf, testSpec({}), numeric).classCount).toBeUndefined();
    const onehot = summarizeModel(tf, testSpec({ task: 'text-generation', model: { input: 'onehot' } }), text);
    expect(onehot.layers[1].outputShape).toEqual([null, 20, 30]);
    expect(onehot.trainableParams).toBe(onehot.totalParams - 30 * 30);
    expect(onehot.layers[onehot.layers.length - 1].outputShape).toEqual([null, 30]);
  });

  it('summarizes the network a task builds itself (the encoder-decoder of sequence to sequence)', async () => {
    const { tf } = await loadTf();
    const spec = testSpec({
      task: 'sequence-to-sequence',
      model: { cell: 'GRU', layers: [{ units: 6, bidirectional: true }] },
      seq2seq: { targetMaxLength: 9, attention: 'dot' },
    });
    const before = tf.memory().numTensors;
    const dims = { timesteps: 20, features: 1, outputs: 1, horizon: 1, vocabSize: 30 };
    const pair = { sourceLength: 20, targetLength: 10, sourceVocab: 30, targetVocab: 30 };
    const summary = summarizeModel(tf, spec, dims, () => buildSeq2seqModel(tf, spec, pair));
    expect(tf.memory().numTensors).toBe(before);
    // One input holds the source (20 tokens) and the decoder input (start + 9 tokens).
    expect(summary.inputShape).toEqual([null, 30]);
    const names = summary.layers.map((l) => l.name);
    expect(names).toEqual(expect.arrayContaining(['encoder_1', 'decoder', 'attention_weights', 'output']));
    expect(summary.layers.find((l) => l.name === 'output')?.outputShape).toEqual([null, 10, 30]);
  });
});
