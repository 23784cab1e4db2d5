import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';
import { afterAll, describe, expect, it } from 'vitest';
import { exportModel, UnsupportedModelError } from '../../src-main/export/index';
import { describeModel } from '../../src-main/export/model-chain';
import { buildOnnxModel } from '../../src-main/export/onnx-export';
import { FIXTURES, maxAbsDiff, saveFixture } from './fixtures';

const cleanup: string[] = [];
afterAll(async () => Promise.all(cleanup.map((d) => rm(d, { recursive: true, force: true }))));

describe('ONNX export', () => {
  FIXTURES.forEach((fixture, index) => {
    it(`predicts like TensorFlow.js in onnxruntime: ${fixture.name}`, async () => {
      const saved = await saveFixture(fixture, index);
      const out = await mkdtemp(join(tmpdir(), 'rs-onnx-'));
      cleanup.push(saved.dir, out);
      const { files } = await exportModel(saved.dir, 'onnx', join(out, 'model'));
      expect(files).toEqual([join(out, 'model.onnx')]);
      const session = await ort.InferenceSession.create(await readFile(files[0]));
      expect(session.inputNames).toEqual(['input']);
      expect(session.outputNames).toEqual(['output']);
      const input = fixture.ids
        ? new ort.Tensor('int64', BigInt64Array.from(saved.input.data.map((v) => BigInt(v))), saved.input.shape)
        : new ort.Tensor('float32', Float32Array.from(saved.input.data), saved.input.shape);
      const result = await session.run({ input });
      const output = result.output;
      expect(output.dims).toEqual(saved.outputShape);
      expect(maxAbsDiff(output.data as Float32Array, saved.expected)).toBeLessThan(1e-4);
    });
  });

  it('refuses a masked embedding with a message naming the layer', () => {
    const topology = {
      class_name: 'Sequential',
      config: {
        layers: [
          {
            class_name: 'Embedding',
            config: { name: 'emb', input_dim: 5, output_dim: 2, mask_zero: true, batch_input_shape: [null, 4] },
          },
        ],
      },
    };
    const chain = describeModel(topology, () => [{ shape: [5, 2], values: new Float32Array(10) }]);
    expect(() => buildOnnxModel(chain)).toThrow(UnsupportedModelError);
    expect(() => buildOnnxModel(chain)).toThrow(/emb/);
  });

  it('refuses layer types it cannot translate', () => {
    const topology = {
      class_name: 'Sequential',
      config: { layers: [{ class_name: 'Conv1D', config: { name: 'conv', batch_input_shape: [null, 4, 2] } }] },
    };
    expect(() => describeModel(topology, () => [])).toThrow(/Conv1D/);
  });
});
