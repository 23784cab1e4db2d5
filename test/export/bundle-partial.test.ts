/**
 * A model one format cannot express (a masked embedding has no ONNX translation yet) still gets
 * a bundle: the other formats, no predict.py (it needs model.onnx), and a README saying why.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strFromU8 } from 'fflate';
import { afterAll, describe, expect, it } from 'vitest';
import { loadTf } from '../../src-main/tensorflow/load-tf';
import { unpackedBundle } from './bundle-helpers';

const cleanup: string[] = [];
afterAll(async () => Promise.all(cleanup.map((d) => rm(d, { recursive: true, force: true }))));

describe('bundle of a model ONNX cannot express', () => {
  it('leaves out model.onnx and says why', async () => {
    const { tf } = await loadTf();
    const model = tf.sequential({
      layers: [
        tf.layers.embedding({ inputDim: 6, outputDim: 3, maskZero: true, inputShape: [4], name: 'masked' }),
        tf.layers.lstm({ units: 2, recurrentActivation: 'sigmoid' }),
        tf.layers.dense({ units: 1 }),
      ],
    });
    const dir = await mkdtemp(join(tmpdir(), 'rs-bundle-partial-'));
    cleanup.push(dir);
    await model.save(`file://${dir}`);
    model.dispose();
    const bundle = await unpackedBundle(dir);
    cleanup.push(bundle.dir);
    const names = Object.keys(bundle.zip);
    expect(names).toContain('model/tfjs/model.json');
    expect(names).not.toContain('model/model.onnx');
    expect(names).not.toContain('predict.py');
    const readme = strFromU8(bundle.zip['README.md']);
    expect(readme).toMatch(/No ONNX file: .*masked/);
    expect(readme).not.toContain('model/model.onnx');
  });
});
