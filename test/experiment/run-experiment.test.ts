import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type * as tfTypes from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTf } from '../../src-main/tensorflow/load-tf';
import { runExperiment } from '../../src-main/experiment/run-experiment';
import type { RunContext } from '../../src-main/experiment/run-experiment';
import { TrainControl } from '../../src-main/engine/training/train-control';
import type { PreprocessingFile, ScalerJson } from '../../src-main/shared/preprocessing';
import { parseSpec } from '../../src-main/shared/spec';
import { EMPLOYMENT_DATA } from './employment-data';
import { baselineAt } from '../../src-main/forecast/target-transform';
import type { ExperimentSpecInput } from '../../src-main/shared/spec';
import type { ForecastEvaluation, TrainProgress } from '../../src-main/shared/types';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'run-experiment-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

function spec(input: Partial<ExperimentSpecInput> = {}) {
  const r = parseSpec({
    data: EMPLOYMENT_DATA,
    model: { layers: [{ units: 8 }] },
    training: { epochs: 4, batchSize: 16 },
    ...input,
  });
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  return r.spec;
}

function context(runId: string) {
  const phases = new Set<TrainProgress['phase']>();
  const ctx: RunContext = {
    runId,
    outDir: path.join(dir, runId),
    control: new TrainControl(),
    onProgress: (p) => phases.add(p.phase),
    onEpoch: () => undefined,
    log: () => undefined,
  };
  return { ctx, phases };
}

const scaleValue = (s: ScalerJson, v: number) => (s.kind === 'none' ? v : (v - s.center) / s.scale);
const unscale = (s: ScalerJson, v: number) => (s.kind === 'none' ? v : v * s.scale + s.center);

describe('runExperiment (forecast)', () => {
  it('trains, evaluates against baselines and saves a model that reproduces its forecasts from the files', async () => {
    const { ctx, phases } = context('employment');
    const result = await runExperiment(spec(), ctx);
    expect(result.error).toBeNull();
    expect(result.status).toBe('completed');
    expect([...phases]).toEqual(expect.arrayContaining(['preparing', 'training', 'evaluating', 'saving']));
    const evaluation = result.evaluation as ForecastEvaluation;
    expect(evaluation.baselines.naive.rmse).toBeGreaterThan(0);
    expect(result.headline.rmse).toBe(evaluation.metrics.rmse);

    // Rebuild the last test forecast from model.json + weights.bin + preprocessing.json alone.
    const modelDir = result.modelDir ?? '';
    const pre = JSON.parse(await readFile(path.join(modelDir, 'preprocessing.json'), 'utf8')) as PreprocessingFile;
    const modelJson = JSON.parse(await readFile(path.join(modelDir, 'model.json'), 'utf8')) as {
      modelTopology: object;
      weightsManifest: { weights: tfTypes.io.WeightsManifestEntry[] }[];
    };
    const weights = await readFile(path.join(modelDir, 'weights.bin'));
    const { tf } = await loadTf();
    const model = await tf.loadLayersModel(
      tf.io.fromMemory({
        modelTopology: modelJson.modelTopology,
        weightSpecs: modelJson.weightsManifest[0].weights,
        weightData: weights.buffer.slice(weights.byteOffset, weights.byteOffset + weights.byteLength),
      }),
    );
    const y = evaluation.series.actual;
    const t = y.length - 1;
    const input = pre.inputs[0];
    expect(input.source).toBe('nonfarm');
    // The input is derived as the network read it; after the validation guard the target transform
    // is the plain forecast that replaced the network, and the two may differ.
    const lag = input.derived === 'seasonal-difference' ? (pre.target?.period ?? 1) : 1;
    const derive = (i: number) => (input.derived === 'level' ? y[i] : y[i] - y[i - lag]);
    const window = Array.from({ length: pre.lookback }, (_, j) =>
      scaleValue(input.scaler, derive(t - pre.lookback + j)),
    );
    const out = tf.tidy(
      () => (model.predict(tf.tensor3d(window, [1, pre.lookback, 1])) as tfTypes.Tensor).dataSync()[0],
    );
    model.dispose();
    const target = pre.target!;
    // Monthly employment has no calendar profile here; a profile would need the time stamps.
    expect(target.transform).not.toBe('seasonal-profile');
    const plan = {
      kind: target.transform,
      period: target.period,
      reason: '',
      ...(target.smoothing ? { smoothing: target.smoothing } : {}),
      ...(target.arima ? { arima: target.arima } : {}),
    };
    const baseline = baselineAt(y, t, 0, plan);
    expect(baseline + unscale(target.scaler, out)).toBeCloseTo(evaluation.series.predicted[t] ?? NaN, 3);
    // A model the validation guard replaced says so, and its output is then exactly zero.
    if (evaluation.verdict?.startsWith('Validation guard:')) expect(out).toBe(0);

    const runJson = JSON.parse(await readFile(path.join(dir, 'employment', 'run.json'), 'utf8')) as {
      runId: string;
      history: unknown[];
    };
    expect(runJson.runId).toBe('employment');
    expect(runJson.history).toHaveLength(result.history.length);
  });

  it('fails with a plain reason instead of throwing', async () => {
    const missing = await runExperiment(
      spec({ data: { file: path.join(dir, 'nope.csv'), targetColumns: ['nonfarm'] } }),
      context('missing').ctx,
    );
    expect(missing.status).toBe('failed');
    expect(missing.error).toBeTruthy();
    const labeling = await runExperiment(spec({ task: 'sequence-labeling' }), context('labeling').ctx);
    expect(labeling.status).toBe('failed');
    // Without an id column the rows cannot be grouped into sequences: the reason names it.
    expect(labeling.error).toMatch(/id column/);
  });
});
