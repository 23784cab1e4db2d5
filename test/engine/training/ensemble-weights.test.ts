import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type * as tfTypes from '@tensorflow/tfjs';
import { loadTf, type Tf } from '../../../src-main/tensorflow/load-tf';
import { buildModel } from '../../../src-main/engine/model/model-builder';
import {
  joinMembers,
  memberCount,
  outputLayers,
  splitMembers,
} from '../../../src-main/engine/training/ensemble-weights';
import { saveLayersModel } from '../../../src-main/engine/model/save-model';
import { testSpec } from '../synthetic';

const dims = { timesteps: 6, features: 2, outputs: 1, horizon: 3 };

/** Member k: the spec's network with seed k and a random (not zero) output layer, so members differ. */
function member(tf: Tf, k: number, cell: 'LSTM' | 'GRU' = 'GRU'): tfTypes.LayersModel {
  const spec = testSpec({ model: { cell, layers: [{ units: 4 }] } }, { seed: k });
  const { model } = buildModel(tf, spec, dims, { fused: false });
  const output = model.getLayer('output');
  const random = output.getWeights().map((w, i) => tf.randomNormal(w.shape, 0, 1, 'float32', 100 * k + i));
  output.setWeights(random);
  tf.dispose(random);
  return model;
}

/** The model's forecasts for `x` as numbers (the tensor is disposed). */
function forecast(model: tfTypes.LayersModel, x: tfTypes.Tensor): Float32Array {
  const y = model.predict(x) as tfTypes.Tensor;
  const values = y.dataSync() as Float32Array;
  y.dispose();
  return values;
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

describe('an ensemble joined into one model', () => {
  for (const n of [1, 2, 3, 4]) {
    it(`forecasts the per-output median of its ${n} member(s)`, async () => {
      const { tf } = await loadTf();
      const before = tf.memory().numTensors;
      const members = Array.from({ length: n }, (_, i) => member(tf, i + 1));
      const joined = joinMembers(tf, members);
      const x = tf.randomNormal([5, dims.timesteps, dims.features], 0, 1, 'float32', 7);
      const each = members.map((m) => forecast(m, x));
      const got = forecast(joined, x);
      expect(got).toHaveLength(5 * 3);
      for (let i = 0; i < got.length; i++) expect(got[i]).toBeCloseTo(median(each.map((e) => e[i])), 5);
      if (n >= 2) expect(new Set(each.map((e) => e[0].toFixed(6))).size).toBe(n);
      expect(memberCount(joined)).toBe(n);
      expect(joined.layers.every((l) => l.name === 'input' || /^(member_\d+_|median)/.test(l.name))).toBe(true);
      expect(outputLayers(joined).map((l) => l.name)).toEqual(members.map((_, i) => `member_${i + 1}_output`));
      x.dispose();
      joined.dispose();
      members.forEach((m) => m.dispose());
      // Joining copies weights into the joined model's own variables and leaves nothing else behind.
      expect(tf.memory().numTensors).toBe(before);
    });
  }

  it('saves and loads as a plain tfjs-layers model, and splits back into its members', async () => {
    const { tf } = await loadTf();
    const members = [1, 2, 3].map((k) => member(tf, k, 'LSTM'));
    const joined = joinMembers(tf, members);
    const dir = await mkdtemp(path.join(tmpdir(), 'ensemble-'));
    try {
      await saveLayersModel(tf, joined, dir);
      const loaded = await tf.loadLayersModel(`file://${path.join(dir, 'model.json')}`);
      const x = tf.randomNormal([4, dims.timesteps, dims.features], 0, 1, 'float32', 3);
      const want = (joined.predict(x) as tfTypes.Tensor).dataSync();
      const got = (loaded.predict(x) as tfTypes.Tensor).dataSync();
      for (let i = 0; i < want.length; i++) expect(got[i]).toBeCloseTo(want[i], 6);

      const split = splitMembers(tf, loaded);
      expect(split).toHaveLength(3);
      split.forEach((m, i) => {
        expect(m.layers.map((l) => l.name)).toEqual(members[i].layers.map((l) => l.name));
        const a = (m.predict(x) as tfTypes.Tensor).dataSync();
        const b = (members[i].predict(x) as tfTypes.Tensor).dataSync();
        for (let j = 0; j < a.length; j++) expect(a[j]).toBeCloseTo(b[j], 6);
        m.dispose();
      });
      x.dispose();
      loaded.dispose();
    } finally {
      await rm(dir, { recursive: true, force: true });
      joined.dispose();
      members.forEach((m) => m.dispose());
    }
  });
});
