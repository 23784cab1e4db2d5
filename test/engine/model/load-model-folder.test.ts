import { mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as tfTypes from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { exportModel, importTfjsModel, ModelFolderError } from '../../../src-main/export/index';
import { loadTf } from '../../../src-main/tensorflow/load-tf';
import type { PreprocessingFile } from '../../../src-main/shared/preprocessing';
import { validPreprocessing } from '../../shared/preprocessing-fixture';
import { FIXTURES, saveFixture } from '../../export/fixtures';

const cleanup: string[] = [];
afterAll(async () => Promise.all(cleanup.map((d) => rm(d, { recursive: true, force: true }))));

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'rs-import-'));
  cleanup.push(dir);
  return dir;
}

async function savedModel(): Promise<Awaited<ReturnType<typeof saveFixture>>> {
  const saved = await saveFixture(FIXTURES[0], 0);
  cleanup.push(saved.dir);
  return saved;
}

async function editModelJson(dir: string, edit: (json: { weightsManifest: { paths: string[] }[] }) => void) {
  const path = join(dir, 'model.json');
  const json = JSON.parse(await readFile(path, 'utf8'));
  edit(json);
  await writeFile(path, JSON.stringify(json));
}

describe('TensorFlow.js export and re-import', () => {
  it('re-imports an exported folder with identical predictions and preprocessing', async () => {
    const { tf } = await loadTf();
    const saved = await savedModel();
    const preprocessing = validPreprocessing();
    await writeFile(join(saved.dir, 'preprocessing.json'), JSON.stringify(preprocessing));
    const out = join(await tempDir(), 'copy');
    const { files } = await exportModel(saved.dir, 'tfjs', out);
    expect(files.map((f) => f.slice(out.length + 1)).sort()).toEqual([
      'model.json',
      'preprocessing.json',
      'weights.bin',
    ]);
    const imported = await importTfjsModel(out);
    expect(imported.preprocessing).toEqual(preprocessing);
    const x = tf.tensor(saved.input.data, saved.input.shape);
    const y = imported.model.predict(x) as tfTypes.Tensor;
    expect(Array.from(y.dataSync())).toEqual(Array.from(saved.expected));
    tf.dispose([x, y]);
    imported.model.dispose();
  });

  it('refuses weight paths that leave the folder', async () => {
    const saved = await savedModel();
    const outside = await tempDir();
    await writeFile(join(outside, 'weights.bin'), await readFile(join(saved.dir, 'weights.bin')));
    await editModelJson(
      saved.dir,
      (json) => (json.weightsManifest[0].paths = ['../' + outside.split('/').pop() + '/weights.bin']),
    );
    await expect(importTfjsModel(saved.dir)).rejects.toThrow(/outside the model folder/);
    await editModelJson(saved.dir, (json) => (json.weightsManifest[0].paths = [join(outside, 'weights.bin')]));
    await expect(importTfjsModel(saved.dir)).rejects.toThrow(/outside the model folder/);
  });

  it('refuses a symlink inside the folder that points outside it', async () => {
    const saved = await savedModel();
    const outside = await tempDir();
    await writeFile(join(outside, 'real.bin'), await readFile(join(saved.dir, 'weights.bin')));
    await symlink(join(outside, 'real.bin'), join(saved.dir, 'link.bin'));
    await editModelJson(saved.dir, (json) => (json.weightsManifest[0].paths = ['link.bin']));
    await expect(importTfjsModel(saved.dir)).rejects.toThrow(/outside the model folder/);
  });

  it('explains missing, truncated and foreign files', async () => {
    const saved = await savedModel();
    const bytes = await readFile(join(saved.dir, 'weights.bin'));
    await writeFile(join(saved.dir, 'weights.bin'), bytes.subarray(0, bytes.length - 4));
    await expect(importTfjsModel(saved.dir)).rejects.toThrow(/do not belong together or are incomplete/);
    await rm(join(saved.dir, 'weights.bin'));
    await expect(importTfjsModel(saved.dir)).rejects.toThrow(/missing/);

    const empty = await tempDir();
    await expect(importTfjsModel(empty)).rejects.toThrow(/holds no model.json/);
    await expect(importTfjsModel(join(empty, 'nope'))).rejects.toThrow(/is not a folder/);
    await writeFile(join(empty, 'model.json'), '{"hello": 1}');
    await expect(importTfjsModel(empty)).rejects.toThrow(ModelFolderError);
    await writeFile(join(empty, 'model.json'), '{not json');
    await expect(importTfjsModel(empty)).rejects.toThrow(/not valid JSON/);
  });

  it('refuses a preprocessing.json of another format or version', async () => {
    const saved = await savedModel();
    await writeFile(join(saved.dir, 'preprocessing.json'), JSON.stringify({ format: 'other' }));
    await expect(importTfjsModel(saved.dir)).rejects.toThrow(/not a Recurrent Studio preprocessing file/);
    await writeFile(
      join(saved.dir, 'preprocessing.json'),
      JSON.stringify({ format: 'recurrent-studio.preprocessing', version: 9 }),
    );
    await expect(importTfjsModel(saved.dir)).rejects.toThrow(/version 9/);
  });

  it('refuses a seasonal profile that does not fit its period', async () => {
    const saved = await savedModel();
    const target = {
      name: 'y',
      transform: 'seasonal-profile',
      period: 12,
      scaler: { kind: 'standard', center: 0, scale: 1 },
      profile: { unit: 'month', values: [1, 2, 3], drift: 0, window: 12 },
    };
    const file = validPreprocessing({ target: target as PreprocessingFile['target'] });
    await writeFile(join(saved.dir, 'preprocessing.json'), JSON.stringify(file));
    await expect(importTfjsModel(saved.dir)).rejects.toThrow(/damaged: the seasonal profile needs 12 finite values/);
    const values = Array.from({ length: 12 }, () => 0.5);
    await writeFile(
      join(saved.dir, 'preprocessing.json'),
      JSON.stringify({ ...file, target: { ...target, profile: { ...target.profile, values, window: -1 } } }),
    );
    await expect(importTfjsModel(saved.dir)).rejects.toThrow(/window must be a whole number/);
  });

  it('refuses an exponential smoothing model that is missing or out of range', async () => {
    const saved = await savedModel();
    const smoothing = {
      trend: 'damped',
      season: 'multiplicative',
      period: 12,
      alpha: 0.3,
      beta: 0.1,
      gamma: 0.2,
      phi: 0.9,
    };
    const target = {
      name: 'y',
      transform: 'exponential-smoothing',
      period: 12,
      scaler: { kind: 'standard', center: 0, scale: 1 },
    };
    const write = (t: object) =>
      writeFile(
        join(saved.dir, 'preprocessing.json'),
        JSON.stringify(validPreprocessing({ target: t as PreprocessingFile['target'] })),
      );
    await write(target);
    await expect(importTfjsModel(saved.dir)).rejects.toThrow(
      /damaged: target.smoothing is needed by the exponential-smoothing transform/,
    );
    await write({ ...target, smoothing: { ...smoothing, gamma: 2 } });
    await expect(importTfjsModel(saved.dir)).rejects.toThrow(
      /damaged: the smoothing weight gamma must be a number from 0 to 1/,
    );
    await write({ ...target, smoothing: { ...smoothing, period: 4 } });
    await expect(importTfjsModel(saved.dir)).rejects.toThrow(
      /damaged: a seasonal smoothing model needs the target's period/,
    );
    await write({ ...target, smoothing });
    const loaded = await importTfjsModel(saved.dir);
    expect(loaded.preprocessing?.target?.smoothing).toEqual(smoothing);
    loaded.model.dispose();
  });

  it('refuses an ARIMA model that is missing or malformed, and reads a sound one', async () => {
    const saved = await savedModel();
    const arima = { d: 1, seasonalD: 1, period: 12, ar: [0.3], ma: [-0.4], seasonalMa: [-0.6], mean: 0 };
    const target = { name: 'y', transform: 'arima', period: 12, scaler: { kind: 'standard', center: 0, scale: 1 } };
    const write = (t: object) =>
      writeFile(
        join(saved.dir, 'preprocessing.json'),
        JSON.stringify(validPreprocessing({ target: t as PreprocessingFile['target'] })),
      );
    await write(target);
    await expect(importTfjsModel(saved.dir)).rejects.toThrow(/damaged: target.arima is needed by the arima transform/);
    await write({ ...target, arima: { ...arima, d: 2 } });
    await expect(importTfjsModel(saved.dir)).rejects.toThrow(/damaged: the ARIMA differences \(d\) must be 0 or 1/);
    await write({ ...target, arima: { ...arima, ar: [0.1, 0.2, 0.3] } });
    await expect(importTfjsModel(saved.dir)).rejects.toThrow(/damaged: the ARIMA autoregressive coefficients/);
    await write({ ...target, arima: { ...arima, period: 4 } });
    await expect(importTfjsModel(saved.dir)).rejects.toThrow(/damaged: a seasonal ARIMA model needs its period/);
    await write({ ...target, arima });
    const loaded = await importTfjsModel(saved.dir);
    expect(loaded.preprocessing?.target?.arima).toEqual(arima);
    loaded.model.dispose();
    // A model over many series: every series' own target is checked, and the message names the series.
    const sound = validPreprocessing({ target: { ...target, arima } as PreprocessingFile['target'] });
    const series = [
      { id: 'north', inputs: sound.inputs, target: sound.target! },
      { id: 'south', inputs: sound.inputs, target: { ...sound.target!, arima: { ...arima, seasonalMa: [0.1, 0.2] } } },
    ];
    await writeFile(join(saved.dir, 'preprocessing.json'), JSON.stringify({ ...sound, series }));
    await expect(importTfjsModel(saved.dir)).rejects.toThrow(
      /damaged \(series "south"\): the ARIMA seasonal moving-average coefficients/,
    );
  });
});
