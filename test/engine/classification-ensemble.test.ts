/**
 * An ensemble for a classification: N networks from seeds one apart, saved as one model that
 * answers with the mean of their class probabilities, exported to ONNX with the same answers, and
 * refused by the Keras formats in words that say so.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as ort from 'onnxruntime-node';
import type * as tfTypes from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../src-main/engine/training/seeded-random';
import { memberCount, splitMembers } from '../../src-main/engine/training/ensemble-weights';
import { exportModel } from '../../src-main/export/index';
import { loadTf } from '../../src-main/tensorflow/load-tf';
import type { ClassificationEvaluation } from '../../src-main/shared/types';
import { runSpec } from './tasks/run-helper';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'classification-ensemble-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Rising, falling and flat sequences of six noisy steps, one per row (three classes: a softmax output). */
async function sequencesFile(): Promise<string> {
  const random = seededRandom(5);
  const rows = ['s1,s2,s3,s4,s5,s6,kind'];
  const kinds = ['rising', 'falling', 'flat'];
  for (let i = 0; i < 180; i++) {
    const kind = i % 3;
    const level = (j: number) => (kind === 0 ? j : kind === 1 ? 5 - j : 2.5);
    const steps = Array.from({ length: 6 }, (_, j) => level(j) + random() * 2);
    rows.push(`${steps.map((v) => v.toFixed(3)).join(',')},${kinds[kind]}`);
  }
  const file = path.join(dir, 'sequences.csv');
  await writeFile(file, rows.join('\n'));
  return file;
}

describe('a classification ensemble', () => {
  it('trains three networks into one model that answers with the mean of their probabilities, in the app and in ONNX', async () => {
    const file = await sequencesFile();
    const logs: string[] = [];
    const result = await runSpec(
      dir,
      'three',
      {
        task: 'sequence-classification',
        data: { file, targetColumns: ['kind'] },
        model: { cell: 'GRU', layers: [{ units: 8 }] },
        training: { epochs: 12, batchSize: 16, optimizer: { learningRate: 0.02 }, ensemble: 3 },
      },
      (line) => logs.push(line),
    );
    expect(result.error).toBeNull();
    expect((result.evaluation as ClassificationEvaluation).accuracy).toBeGreaterThan(0.8);
    expect(logs).toContain("The model answers with the mean of the 3 networks' probabilities.");
    expect(result.ensembleHistory?.length).toBeGreaterThan(0);

    const { tf } = await loadTf();
    const modelDir = result.modelDir ?? '';
    const model = await tf.loadLayersModel(`file://${path.join(modelDir, 'model.json')}`);
    expect(memberCount(model)).toBe(3);
    expect(model.layers.some((l) => l.getClassName() === 'Average')).toBe(true);
    const shape = [5, 6, 1];
    const x = tf.randomNormal(shape, 2, 2, 'float32', 3);
    const joined = (model.predict(x) as tfTypes.Tensor).arraySync() as number[][];
    expect(joined[0]).toHaveLength(3);
    const members = splitMembers(tf, model);
    const each = members.map((m) => (m.predict(x) as tfTypes.Tensor).arraySync() as number[][]);
    // The members differ, and the model's answer is their mean: probabilities that still sum to 1.
    expect(Math.abs(each[0][0][0] - each[1][0][0])).toBeGreaterThan(1e-4);
    joined.forEach((row, i) => {
      row.forEach((p, c) => expect(p).toBeCloseTo((each[0][i][c] + each[1][i][c] + each[2][i][c]) / 3, 5));
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    });

    const out = path.join(dir, 'export');
    const { files } = await exportModel(modelDir, 'onnx', path.join(out, 'model'));
    const session = await ort.InferenceSession.create(await readFile(files[0]));
    const input = Float32Array.from(x.dataSync());
    const onnx = await session.run({ input: new ort.Tensor('float32', input, shape) });
    const flat = joined.flat();
    const got = onnx.output.data as Float32Array;
    expect(got).toHaveLength(flat.length);
    for (let i = 0; i < flat.length; i++) expect(Math.abs(got[i] - flat[i])).toBeLessThan(1e-4);

    await expect(exportModel(modelDir, 'keras', path.join(out, 'model.keras'))).rejects.toThrow(
      /^This model is an ensemble of 3 networks whose answer is the mean of their class probabilities\. .*\(both answer with the mean\)/,
    );
    tf.dispose(x);
    members.forEach((m) => m.dispose());
    model.dispose();
  });
});
