/** A forecast ensemble (members joined under a median) exports to ONNX and TensorFlow.js with the app's forecasts, and Keras formats refuse it in words (its bundle: bundle-ensemble.test.ts). */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import type * as tfTypes from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { loadTf, type Tf } from '../../src-main/tensorflow/load-tf';
import { exportModel, UnsupportedModelError } from '../../src-main/export/index';
import { buildModel } from '../../src-main/engine/model/model-builder';
import { joinMembers } from '../../src-main/engine/training/ensemble-weights';
import { saveLayersModel } from '../../src-main/engine/model/save-model';
import { testSpec } from '../engine/synthetic';
import { maxAbsDiff, randomizeWeights } from './fixtures';

const cleanup: string[] = [];
afterAll(async () => Promise.all(cleanup.map((d) => rm(d, { recursive: true, force: true }))));

const dims = { timesteps: 8, features: 3, outputs: 1, horizon: 2 };

/** `n` networks of the spec (seeds one apart, random weights) saved as one ensemble, with the app's forecasts. */
async function savedEnsemble(tf: Tf, n: number, cell: 'LSTM' | 'GRU') {
  const spec = testSpec({ model: { cell, layers: [{ units: 5 }], denseLayers: [4] } });
  const members = Array.from({ length: n }, (_, i) => {
    const { model } = buildModel(tf, { ...spec, training: { ...spec.training, seed: i + 1 } }, dims, { fused: false });
    randomizeWeights(tf, model, 50 + i);
    return model;
  });
  const joined = joinMembers(tf, members);
  members.forEach((m) => m.dispose());
  const dir = await mkdtemp(join(tmpdir(), 'rs-ensemble-'));
  cleanup.push(dir);
  await saveLayersModel(tf, joined, dir);
  const shape = [4, dims.timesteps, dims.features];
  const x = tf.randomNormal(shape, 0, 1, 'float32', 9);
  const input = Float32Array.from(x.dataSync());
  const expected = Float32Array.from((joined.predict(x) as tfTypes.Tensor).dataSync());
  x.dispose();
  joined.dispose();
  return { dir, input, shape, expected };
}

describe('exporting an ensemble', () => {
  for (const [n, cell] of [
    [3, 'LSTM'],
    [4, 'GRU'],
  ] as const) {
    it(`gives the median of ${n} ${cell} networks in onnxruntime and in TensorFlow.js`, async () => {
      const { tf } = await loadTf();
      const saved = await savedEnsemble(tf, n, cell);
      const out = await mkdtemp(join(tmpdir(), 'rs-ensemble-out-'));
      cleanup.push(out);

      const { files } = await exportModel(saved.dir, 'onnx', join(out, 'model'));
      const session = await ort.InferenceSession.create(await readFile(files[0]));
      const result = await session.run({ input: new ort.Tensor('float32', saved.input, saved.shape) });
      expect(result.output.dims).toEqual([4, dims.horizon]);
      expect(maxAbsDiff(result.output.data as Float32Array, saved.expected)).toBeLessThan(1e-4);

      await exportModel(saved.dir, 'tfjs', join(out, 'tfjs'));
      const loaded = await tf.loadLayersModel(`file://${join(out, 'tfjs', 'model.json')}`);
      const x = tf.tensor(saved.input, saved.shape);
      const got = (loaded.predict(x) as tfTypes.Tensor).dataSync();
      x.dispose();
      loaded.dispose();
      expect(maxAbsDiff(got, saved.expected)).toBeLessThan(1e-5);
    });
  }

  it('is refused by the Keras formats with what to export instead', async () => {
    const { tf } = await loadTf();
    const saved = await savedEnsemble(tf, 3, 'GRU');
    const out = await mkdtemp(join(tmpdir(), 'rs-ensemble-keras-'));
    cleanup.push(out);
    for (const format of ['keras', 'keras-project'] as const) {
      const attempt = exportModel(saved.dir, format, join(out, format));
      await expect(attempt).rejects.toThrow(UnsupportedModelError);
      await expect(exportModel(saved.dir, format, join(out, format))).rejects.toThrow(
        /^This model is an ensemble of 3 networks whose forecast is their median\. .* export it as ONNX or TensorFlow\.js/,
      );
    }
  });
});
