/**
 * .keras files back into the app: every fixture the Keras export writes reads back into a
 * TensorFlow.js model that predicts the same numbers, and models the app cannot reproduce
 * exactly (hard_sigmoid gates, Keras' default GRU, other layers, other model classes, windows of
 * another shape) are refused with the reason.
 */
import { readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as tfTypes from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { exportModel } from '../../../src-main/export/index';
import { checkFit } from '../../../src-main/export/keras-import/import-keras-run';
import { KerasImportError } from '../../../src-main/export/keras-import/keras-import-error';
import { kerasToTfjs } from '../../../src-main/export/keras-import/keras-to-tfjs';
import { readKerasFile, type KerasFile } from '../../../src-main/export/keras-import/read-keras-file';
import type { PreprocessingFile } from '../../../src-main/shared/preprocessing';
import { parseSpec } from '../../../src-main/shared/spec';
import { loadTf } from '../../../src-main/tensorflow/load-tf';
import { FIXTURES, maxAbsDiff, saveFixture } from '../fixtures';

const { tf } = await loadTf();
const cleanup: string[] = [];
afterAll(async () => Promise.all(cleanup.map((d) => rm(d, { recursive: true, force: true }))));

/** Why a fixture cannot come back, by fixture name fragment; the others must round-trip. */
const REFUSED: Record<string, RegExp> = {
  hardSigmoid: /activation hard_sigmoid.*cannot reproduce exactly/,
  Reshape: /\(Reshape\) has no counterpart/,
};

async function exported(index: number) {
  const saved = await saveFixture(FIXTURES[index], index);
  cleanup.push(saved.dir);
  const target = join(tmpdir(), `rs-keras-import-${process.pid}-${index}`);
  cleanup.push(`${target}.keras`);
  const { files } = await exportModel(saved.dir, 'keras', target);
  return { saved, file: await readKerasFile(new Uint8Array(await readFile(files[0]))) };
}

function refusal(run: () => unknown): string {
  try {
    run();
  } catch (err) {
    expect(err).toBeInstanceOf(KerasImportError);
    return (err as Error).message;
  }
  throw new Error('expected a refusal');
}

describe('Keras import', () => {
  it.each(FIXTURES.map((f, i) => [f.name, i] as const))('%s', async (name, index) => {
    const { saved, file } = await exported(index);
    const refused = Object.entries(REFUSED).find(([fragment]) => name.includes(fragment));
    if (refused) {
      expect(refusal(() => kerasToTfjs(tf, file))).toMatch(refused[1]);
      return;
    }
    const { model, input } = kerasToTfjs(tf, file);
    const x = tf.tensor(saved.input.data, saved.input.shape, 'float32');
    const y = model.predict(x) as tfTypes.Tensor;
    expect(input.shape).toEqual(saved.input.shape.slice(1));
    expect(y.shape).toEqual(saved.outputShape);
    expect(maxAbsDiff(y.dataSync(), saved.expected)).toBeLessThan(1e-5);
    tf.dispose([x, y]);
    model.dispose();
  });

  /** The first fixture (LSTM + Dense) with its config changed by `edit`. */
  async function edited(edit: (config: { class_name: string; config: { layers: Record<string, unknown>[] } }) => void) {
    const { file } = await exported(0);
    const config = structuredClone(file.config) as Parameters<typeof edit>[0];
    edit(config);
    return { ...file, config } satisfies KerasFile;
  }

  it("refuses Keras' default GRU (reset_after=True), naming the setting to change", async () => {
    const file = await edited((c) => {
      c.config.layers[1] = { class_name: 'GRU', config: { name: 'gru', units: 5, reset_after: true } };
    });
    expect(refusal(() => kerasToTfjs(tf, file))).toMatch(/reset_after=True.*reset_after=False/);
  });

  it('refuses functional models and models without an input shape', async () => {
    const functional = await edited((c) => {
      c.class_name = 'Functional';
    });
    expect(refusal(() => kerasToTfjs(tf, functional))).toBe(
      'Only Keras Sequential models import; this one is Functional.',
    );
    const noInput = await edited((c) => {
      c.config.layers.shift();
    });
    expect(refusal(() => kerasToTfjs(tf, noInput))).toMatch(/does not start with an InputLayer/);
  });

  it('refuses weights whose shapes do not fit the layers, naming both', async () => {
    const file = await edited((c) => {
      (c.config.layers[1].config as { units: number }).units = 6;
    });
    expect(refusal(() => kerasToTfjs(tf, file))).toMatch(/weights in the file have shapes \[3, 20\].*needs \[3, 24\]/);
  });

  it('checks the window and the outputs against the run preparation', () => {
    const parsed = parseSpec({ data: { file: '/data/x.csv', targetColumns: ['y'] } });
    if (!parsed.ok) throw new Error('spec');
    const pre = {
      task: 'forecast',
      lookback: 6,
      horizon: 2,
      inputs: [{}, {}, {}],
      target: { name: 'y' },
      spec: parsed.spec,
    } as unknown as PreprocessingFile;
    expect(() => checkFit(pre, { shape: [6, 3], ids: false }, [null, 2])).not.toThrow();
    // A global run's model reads every series through the same window.
    const global = { ...pre, series: [{ id: 'a' }, { id: 'b' }] } as unknown as PreprocessingFile;
    expect(() => checkFit(global, { shape: [6, 3], ids: false }, [null, 2])).not.toThrow();
    expect(refusal(() => checkFit(global, { shape: [6, 4], ids: false }, [null, 2]))).toMatch(/6 steps × 3 inputs/);
    expect(refusal(() => checkFit(pre, { shape: [8, 3], ids: false }, [null, 2]))).toBe(
      "The model takes inputs of shape [8, 3], but the run's preparation gives windows of 6 steps × 3 inputs [6, 3].",
    );
    expect(refusal(() => checkFit(pre, { shape: [6, 3], ids: false }, [null, 1]))).toMatch(
      /outputs \[1\] per sample; the run needs \[2\]/,
    );
    expect(
      refusal(() => checkFit({ ...pre, task: 'text-generation' }, { shape: [6, 3], ids: false }, [null, 2])),
    ).toMatch(/for a text-generation run/);
  });
});
