/**
 * Continue training and the best-model checkpoint, through runExperiment on the monthly US
 * employment sample (a run of 8 epochs takes about a second; at learning rate 0.01 the
 * validation loss falls clearly within them): a continued run starts where its
 * source ended, keeps the source's preprocessing, refuses a different architecture, and an
 * interrupted run's checkpoint can be continued from.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type * as tfTypes from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTf, type Tf } from '../../../src-main/tensorflow/load-tf';
import { CheckpointWriter } from '../../../src-main/engine/training/checkpoint';
import {
  CHECKPOINT_DIR,
  CHECKPOINT_INFO,
  type CheckpointInfo,
} from '../../../src-main/engine/training/checkpoint-layout';
import { findContinueSource } from '../../../src-main/engine/training/continue-source';
import { buildModel } from '../../../src-main/engine/model/model-builder';
import { runExperiment, type RunContext } from '../../../src-main/experiment/run-experiment';
import { seededRandom } from '../../../src-main/engine/training/seeded-random';
import { TrainControl } from '../../../src-main/engine/training/train-control';
import { copyWeights, openWarmStart } from '../../../src-main/engine/training/warm-start';
import { importTfjsModel } from '../../../src-main/engine/model/load-model-folder';
import type { PreprocessingFile } from '../../../src-main/shared/preprocessing';
import { parseSpec, type ExperimentSpec } from '../../../src-main/shared/spec';
import type { ForecastEvaluation, RunResult } from '../../../src-main/shared/types';

const EMPLOYMENT = path.resolve('resources/samples/us-employment-monthly.csv');

let dir = '';
let tf: Tf;
let first: RunResult;
const firstLog: string[] = [];

function employmentSpec(
  model: { cell?: 'LSTM' | 'GRU'; units?: number } = {},
  training: Record<string, unknown> = {},
  data: Record<string, unknown> = {},
): ExperimentSpec {
  const r = parseSpec({
    name: 'Employment',
    // A base the user picked: the validation guard (automatic choices only) keeps the trained
    // network, whose weights these tests follow. Its own case is the last block below.
    data: {
      file: EMPLOYMENT,
      timeColumn: 'month',
      targetColumns: ['nonfarm'],
      lookback: 8,
      horizon: 1,
      targetTransform: 'difference',
      ...data,
    },
    model: { cell: model.cell ?? 'LSTM', layers: [{ units: model.units ?? 8 }] },
    training: {
      epochs: 8,
      batchSize: 16,
      seed: 3,
      optimizer: { name: 'adam', learningRate: 0.01 },
      earlyStopping: { enabled: false },
      ...training,
    },
  });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.spec;
}

function context(runId: string, extra: Partial<RunContext> = {}, log: string[] = []): RunContext {
  return {
    runId,
    outDir: path.join(dir, runId),
    control: new TrainControl(),
    onProgress: () => undefined,
    onEpoch: () => undefined,
    log: (line) => log.push(line),
    ...extra,
  };
}

function from(run: RunResult, extra: Partial<RunContext> = {}): Partial<RunContext> {
  return {
    initialWeightsDir: run.modelDir ?? '',
    continuedFrom: { runId: run.runId, epochsTrained: run.history.length },
    ...extra,
  };
}

const valLosses = (run: RunResult) => run.history.map((e) => e.valLoss ?? NaN);

async function readPre(modelDir: string): Promise<PreprocessingFile> {
  return JSON.parse(await readFile(path.join(modelDir, 'preprocessing.json'), 'utf8')) as PreprocessingFile;
}

function predict(model: tfTypes.LayersModel, x: tfTypes.Tensor): number[] {
  return tf.tidy(() => Array.from((model.predict(x) as tfTypes.Tensor).dataSync()));
}

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'warm-start-'));
  tf = (await loadTf()).tf;
  first = await runExperiment(employmentSpec(), context('first', {}, firstLog));
  if (first.status !== 'completed') throw new Error(`the first run failed: ${first.error}`);
}, 60_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('continuing a run', () => {
  it('starts near the loss where the source ended, not from scratch, and keeps its preprocessing', async () => {
    const log: string[] = [];
    // Another validation share would fit other scalers; the saved ones must win.
    const spec = employmentSpec({}, { epochs: 2 }, { split: { validation: 0.2, test: 0.15 } });
    const fresh = await runExperiment(spec, context('fresh'));
    const continued = await runExperiment(spec, context('continued', from(first), log));
    expect(continued.error).toBeNull();
    expect(continued.status).toBe('completed');
    expect(continued.continuedFrom).toBe('first');
    expect(log).toContain(`Continuing from run first (${first.history.length} epochs already trained).`);

    // Both runs see the same validation windows; the continued one starts from trained weights.
    const freshStart = valLosses(fresh)[0];
    const continuedStart = valLosses(continued)[0];
    expect(continuedStart).toBeLessThan(freshStart);
    const firstRunBest = Math.min(...valLosses(first));
    expect(Math.abs(continuedStart - firstRunBest)).toBeLessThan(Math.abs(continuedStart - freshStart));

    const saved = await readPre(first.modelDir ?? '');
    const reused = await readPre(continued.modelDir ?? '');
    const refitted = await readPre(fresh.modelDir ?? '');
    expect(reused.target).toEqual(saved.target);
    expect(reused.inputs).toEqual(saved.inputs);
    // Proves the comparison above can fail: this split fits a different scaler.
    expect(refitted.target?.scaler).not.toEqual(saved.target?.scaler);
  }, 60_000);

  it('copies the saved weights so the new model predicts exactly like the saved one', async () => {
    const spec = employmentSpec();
    const warm = await openWarmStart(tf, first.modelDir ?? '', spec);
    const built = buildModel(tf, spec, { timesteps: 8, features: 1, outputs: 1, horizon: 1 }, { fused: false });
    const x = tf.randomNormal([5, 8, 1], 0, 1, 'float32', 11);
    try {
      const before = predict(built.model, x);
      copyWeights(built.model, warm.model);
      const expected = predict(warm.model, x);
      expect(predict(built.model, x)).toEqual(expected);
      expect(before).not.toEqual(expected);
    } finally {
      x.dispose();
      built.model.dispose();
      warm.model.dispose();
    }
  });

  it('refuses another architecture with a message naming the first difference', async () => {
    const gru = await runExperiment(employmentSpec({ cell: 'GRU' }, { epochs: 1 }), context('gru', from(first)));
    expect(gru.status).toBe('failed');
    expect(gru.error).toContain('The saved model has LSTM(8) where the spec asks for GRU(8)');
    expect(gru.modelDir).toBeNull();

    const wider = await runExperiment(employmentSpec({ units: 16 }, { epochs: 1 }), context('wider', from(first)));
    expect(wider.status).toBe('failed');
    expect(wider.error).toContain('LSTM(8) where the spec asks for LSTM(16)');
  }, 30_000);

  it('refuses another task and a folder without a model, in plain words', async () => {
    const noModel = await runExperiment(
      employmentSpec({}, { epochs: 1 }),
      context('no-model', { initialWeightsDir: path.join(dir, 'nothing-here') }),
    );
    expect(noModel.status).toBe('failed');
    expect(noModel.error).toMatch(/^The saved model cannot be read/);
  });
});

describe('continuing a text classifier', () => {
  /** Reviews whose words give the class away; `extra` adds words and labels the first data lacked. */
  async function reviews(name: string, seed: number, extra: { word?: string; label?: string } = {}) {
    const random = seededRandom(seed);
    const words = { pos: ['great', 'lovely', 'fine'], neg: ['awful', 'poor', 'sad'] };
    const rows = ['review,label'];
    for (let i = 0; i < 80; i++) {
      const label = random() < 0.5 ? 'pos' : 'neg';
      const pick = words[label][Math.floor(random() * 3)];
      rows.push(`the ${extra.word ?? 'film'} was ${pick},${label}`);
    }
    if (extra.label) rows.push(`the film was odd,${extra.label}`);
    const file = path.join(dir, `${name}.csv`);
    await writeFile(file, rows.join('\n'));
    return file;
  }

  function textSpec(file: string, epochs: number): ExperimentSpec {
    const r = parseSpec({
      task: 'text-classification',
      data: { file, targetColumns: ['label'], text: { column: 'review', tokens: 'word', maxLength: 6, vocabSize: 40 } },
      model: { cell: 'GRU', layers: [{ units: 8 }], embeddingDim: 8 },
      training: { epochs, batchSize: 16, seed: 3 },
    });
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    return r.spec;
  }

  it('keeps the saved vocabulary and classes, and refuses labels the model never saw', async () => {
    const base = await runExperiment(textSpec(await reviews('reviews', 1), 2), context('text-base'));
    expect(base.status).toBe('completed');
    // A word the first data lacked would enter a refitted vocabulary.
    const more = await reviews('reviews-more', 2, { word: 'movie' });
    const continued = await runExperiment(textSpec(more, 1), context('text-continued', from(base)));
    expect(continued.error).toBeNull();
    const saved = await readPre(base.modelDir ?? '');
    const reused = await readPre(continued.modelDir ?? '');
    expect(reused.text?.vocabulary).toEqual(saved.text?.vocabulary);
    expect(reused.text?.vocabulary).not.toContain('movie');
    expect(reused.classes).toEqual(saved.classes);

    const newLabel = await reviews('reviews-new-label', 3, { label: 'meh' });
    const refused = await runExperiment(textSpec(newLabel, 1), context('text-refused', from(base)));
    expect(refused.status).toBe('failed');
    expect(refused.error).toContain(`labels the saved model was not trained on ('meh')`);
  }, 30_000);
});

describe('the best-model checkpoint', () => {
  it('holds the best validation epoch as a loadable model folder, equal to the saved model', async () => {
    const ckpt = path.join(dir, 'first', CHECKPOINT_DIR);
    const info = JSON.parse(await readFile(path.join(ckpt, CHECKPOINT_INFO), 'utf8')) as CheckpointInfo;
    const losses = valLosses(first);
    expect(info.epoch).toBe(losses.indexOf(Math.min(...losses)) + 1);
    expect(info.monitored).toBe('validation');
    expect(firstLog.some((l) => l.startsWith('Keeping the best model so far in checkpoint/'))).toBe(true);

    const fromCheckpoint = await importTfjsModel(ckpt, tf);
    const saved = await importTfjsModel(first.modelDir ?? '', tf);
    const x = tf.randomNormal([4, 8, 1], 0, 1, 'float32', 5);
    try {
      expect(fromCheckpoint.preprocessing?.target).toEqual(saved.preprocessing?.target);
      // Early stopping's restore-best is on, so the final model is the best epoch too.
      expect(predict(fromCheckpoint.model, x)).toEqual(predict(saved.model, x));
    } finally {
      x.dispose();
      fromCheckpoint.model.dispose();
      saved.model.dispose();
    }
  });

  it('survives an interrupted run, which can then be continued from', async () => {
    const control = new TrainControl();
    const stopped = await runExperiment(
      employmentSpec(),
      context('stopped', { control, onEpoch: (e) => (e.epoch === 3 ? control.cancel() : undefined) }),
    );
    expect(stopped.status).toBe('cancelled');
    expect(stopped.modelDir).toBeNull();
    const source = await findContinueSource('stopped', path.join(dir, 'stopped'), stopped.modelDir, 3);
    expect(source?.dir).toBe(path.join(dir, 'stopped', CHECKPOINT_DIR));
    const losses = valLosses(stopped);
    expect(source?.epochsTrained).toBe(losses.indexOf(Math.min(...losses)) + 1);

    const log: string[] = [];
    const resumed = await runExperiment(
      employmentSpec({}, { epochs: 1 }),
      context(
        'resumed',
        { initialWeightsDir: source?.dir, continuedFrom: { runId: 'stopped', epochsTrained: 3 } },
        log,
      ),
    );
    expect(resumed.status).toBe('completed');
    expect(log).toContain('Continuing from run stopped (3 epochs already trained).');
  }, 30_000);

  it('writes at most once per interval and the newest best on flush', async () => {
    const spec = employmentSpec();
    const built = buildModel(tf, spec, { timesteps: 8, features: 1, outputs: 1, horizon: 1 }, { fused: false });
    const out = path.join(dir, 'writer');
    const lines: string[] = [];
    const writer = new CheckpointWriter(tf, out, {
      minIntervalMs: 60_000,
      preprocessing: await readPre(first.modelDir ?? ''),
      log: (l) => lines.push(l),
    });
    const epochOnDisk = async () =>
      (JSON.parse(await readFile(path.join(out, CHECKPOINT_INFO), 'utf8')) as CheckpointInfo).epoch;
    try {
      await writer.improved(built.model, { epoch: 1, loss: 0.5, monitored: 'validation' });
      expect(await epochOnDisk()).toBe(1);
      const weightsAt2 = built.model.getWeights().map((w) => Array.from(w.dataSync()));
      await writer.improved(built.model, { epoch: 2, loss: 0.4, monitored: 'validation' });
      // Training changes the weights after the improvement; the checkpoint must keep epoch 2's.
      built.model.setWeights(built.model.getWeights().map((w) => tf.zerosLike(w)));
      expect(await epochOnDisk()).toBe(1);
      await writer.flush();
      expect(await epochOnDisk()).toBe(2);
      const loaded = await importTfjsModel(out, tf);
      expect(loaded.model.getWeights().map((w) => Array.from(w.dataSync()))).toEqual(weightsAt2);
      loaded.model.dispose();
      expect(lines).toHaveLength(1);
    } finally {
      built.model.dispose();
    }
  });
});

describe('continuing a run the validation guard replaced', () => {
  it('trains the network it kept on the correction to the plain forecast, starting exactly at that forecast', async () => {
    const auto = { targetTransform: 'auto' };
    const log: string[] = [];
    const guarded = await runExperiment(employmentSpec({}, {}, auto), context('guarded'));
    expect(guarded.status).toBe('completed');
    // On this series smoothing beats the small network on validation (the case this block is about).
    expect((guarded.evaluation as ForecastEvaluation).verdict).toMatch(/^Validation guard: /);
    const saved = await readPre(guarded.modelDir ?? '');
    expect(saved.target?.scaler.center).toBe(0);
    expect(saved.target?.scaler.kind).toBe('standard');

    // A step too small to move the weights: the continued model is the replaced one.
    const still = employmentSpec({}, { epochs: 1, optimizer: { name: 'adam', learningRate: 1e-9 } }, auto);
    const continued = await runExperiment(still, context('guarded-continued', from(guarded), log));
    expect(continued.error).toBeNull();
    expect(continued.status).toBe('completed');
    const reused = await readPre(continued.modelDir ?? '');
    expect(reused.target).toEqual(saved.target);
    expect(reused.inputs).toEqual(saved.inputs);
    expect(log.some((l) => l.startsWith('Validation loss before training: '))).toBe(true);
    const before = (guarded.evaluation as ForecastEvaluation).series.predicted;
    const after = (continued.evaluation as ForecastEvaluation).series.predicted;
    const gap = Math.max(...before.map((p, i) => (p === null ? 0 : Math.abs(p - (after[i] ?? NaN)))));
    expect(gap).toBeLessThan(1e-3 * (guarded.evaluation as ForecastEvaluation).metrics.rmse);
    // A continued model keeps its saved base: no second guard.
    expect((continued.evaluation as ForecastEvaluation).verdict ?? '').not.toMatch(/Validation guard/);
  }, 60_000);
});
