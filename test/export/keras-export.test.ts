import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { unzipSync, strFromU8 } from 'fflate';
import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportModel } from '../../src-main/export/index';
import { kerasWeightGroups } from '../../src-main/export/keras-export';
import { describeModel } from '../../src-main/export/model-chain';
import { FIXTURES, maxAbsDiff, saveFixture } from './fixtures';
import { ensureKerasPython } from './python-keras';

const here = dirname(fileURLToPath(import.meta.url));
const cleanup: string[] = [];
afterAll(async () => Promise.all(cleanup.map((d) => rm(d, { recursive: true, force: true }))));

interface Case {
  name: string;
  path: string;
  input: { data: number[]; shape: number[] };
  ids: boolean;
  expected: Float32Array;
  outputShape: number[];
}

describe('Keras export', () => {
  const cases: Case[] = [];

  beforeAll(async () => {
    const out = await mkdtemp(join(tmpdir(), 'rs-keras-'));
    cleanup.push(out);
    for (const [index, fixture] of FIXTURES.entries()) {
      const saved = await saveFixture(fixture, index);
      cleanup.push(saved.dir);
      const { files } = await exportModel(saved.dir, 'keras', join(out, `model-${index}`));
      cases.push({ name: fixture.name, path: files[0], ids: Boolean(fixture.ids), ...saved });
    }
  });

  it('writes the three members Keras reads, with a Sequential config that starts with an InputLayer', async () => {
    const zip = unzipSync(await readFile(cases[0].path));
    expect(Object.keys(zip)).toEqual(['metadata.json', 'config.json', 'model.weights.h5']);
    const config = JSON.parse(strFromU8(zip['config.json']));
    expect(config.module).toBe('keras');
    expect(config.class_name).toBe('Sequential');
    expect(config.config.layers[0]).toMatchObject({ class_name: 'InputLayer', config: { batch_shape: [null, 6, 3] } });
    expect(config.config.layers[1].config).toMatchObject({
      units: 5,
      recurrent_activation: 'sigmoid',
      return_sequences: false,
    });
  });

  it('names weight groups like Keras: snake_case class plus a counter, not layer names', () => {
    const chain = describeModel(
      {
        class_name: 'Sequential',
        config: {
          layers: [
            {
              class_name: 'SimpleRNN',
              config: { name: 'a', units: 1, return_sequences: true, batch_input_shape: [null, 2, 1] },
            },
            { class_name: 'SimpleRNN', config: { name: 'b', units: 1 } },
            { class_name: 'Dense', config: { name: 'c', units: 1 } },
          ],
        },
      },
      (name) =>
        name === 'c'
          ? [
              { shape: [1, 1], values: new Float32Array(1) },
              { shape: [1], values: new Float32Array(1) },
            ]
          : [1, 1, 1].map(() => ({ shape: [1, 1], values: new Float32Array(1) })),
    );
    const groups = [...new Set(kerasWeightGroups(chain).datasets.map((d) => d.group))];
    expect(groups).toEqual(['layers/simple_rnn/cell/vars', 'layers/simple_rnn_1/cell/vars', 'layers/dense/vars']);
  });

  it('loads in Python Keras 3 and predicts like TensorFlow.js', { timeout: 40 * 60_000 }, (ctx) => {
    const python = ensureKerasPython();
    if (!python) {
      ctx.skip();
      return;
    }
    const run = spawnSync(python, [join(here, 'keras-predict.py')], {
      input: JSON.stringify(cases.map((c) => ({ path: c.path, data: c.input.data, shape: c.input.shape, ids: c.ids }))),
      encoding: 'utf8',
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(run.status, run.stderr).toBe(0);
    const results = JSON.parse(run.stdout.trim().split('\n').pop() ?? '[]') as { values: number[]; shape: number[] }[];
    expect(results).toHaveLength(cases.length);
    const failures = cases
      .map((c, i) => ({
        name: c.name,
        shapeOk: results[i].shape.join() === c.outputShape.join(),
        diff: maxAbsDiff(results[i].values, c.expected),
      }))
      .filter((r) => !r.shapeOk || !(r.diff < 1e-4));
    expect(failures).toEqual([]);
  });
});
