/**
 * Synthetic data for engine tests: a noisy sine cut into windows on demand, like the data
 * module's window sampler, so the loop and builder can be tested without any file.
 */
import { parseSpec } from '../../src-main/shared/spec';
import type { ExperimentSpec, ExperimentSpecInput } from '../../src-main/shared/spec';
import type { BatchSource } from '../../src-main/engine/training/batch-source';
import { seededRandom } from '../../src-main/engine/training/seeded-random';
import type { PreparedSeries } from '../../src-main/data/prepare/series';

/** A noisy sine wave (period 20 steps) with a fixed seed. */
export function noisySine(length: number, noise = 0.1, seed = 7): Float32Array {
  const random = seededRandom(seed);
  const out = new Float32Array(length);
  for (let i = 0; i < length; i++) out[i] = Math.sin((2 * Math.PI * i) / 20) + noise * (random() * 2 - 1);
  return out;
}

/** Windows over `series`: input steps t-lookback..t-1, target step t. */
export function sineSource(
  series: Float32Array,
  lookback: number,
  split = { validation: 0.15, test: 0.15 },
): BatchSource & {
  test: Int32Array;
} {
  const origins = Int32Array.from({ length: series.length - lookback }, (_, i) => i + lookback);
  const nTest = Math.floor(origins.length * split.test);
  const nVal = Math.floor(origins.length * split.validation);
  const nTrain = origins.length - nTest - nVal;
  return {
    xShape: [lookback, 1],
    yShape: [1],
    train: origins.subarray(0, nTrain),
    validation: origins.subarray(nTrain, nTrain + nVal),
    test: origins.subarray(nTrain + nVal),
    nextBatch(batchOrigins) {
      const size = batchOrigins.length;
      const x = new Float32Array(size * lookback);
      const y = new Float32Array(size);
      for (let s = 0; s < size; s++) {
        const t = batchOrigins[s];
        x.set(series.subarray(t - lookback, t), s * lookback);
        y[s] = series[t];
      }
      return { x, y, size };
    },
  };
}

/** A complete spec for tests, with small, quick training defaults. */
export function testSpec(
  overrides: Partial<ExperimentSpecInput> = {},
  training: Record<string, unknown> = {},
): ExperimentSpec {
  const r = parseSpec({
    data: { file: '/synthetic.csv', targetColumns: ['y'], lookback: 12 },
    model: { cell: 'LSTM', layers: [{ units: 8 }] },
    ...overrides,
    training: {
      epochs: 3,
      batchSize: 32,
      seed: 1,
      earlyStopping: { enabled: false },
      reduceLrOnPlateau: { enabled: false },
      ...training,
    },
  });
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.path}: ${p.message}`).join('; '));
  return r.spec;
}

/**
 * A classification source: windows of noise around a class-dependent level (class c has
 * mean c - (classes - 1) / 2), so a recurrent net can learn the class from the window mean.
 */
export function classSource(
  samples: number,
  lookback: number,
  classes: number,
  labels: 'index' | 'onehot',
  seed = 3,
): BatchSource {
  const random = seededRandom(seed);
  const x = new Float32Array(samples * lookback);
  const cls = new Int32Array(samples);
  for (let s = 0; s < samples; s++) {
    cls[s] = Math.floor(random() * classes);
    for (let i = 0; i < lookback; i++) x[s * lookback + i] = cls[s] - (classes - 1) / 2 + (random() * 2 - 1);
  }
  const width = labels === 'onehot' ? classes : 1;
  const ids = Int32Array.from({ length: samples }, (_, i) => i);
  const nVal = Math.floor(samples * 0.2);
  return {
    xShape: [lookback, 1],
    yShape: [width],
    train: ids.subarray(0, samples - nVal),
    validation: ids.subarray(samples - nVal),
    nextBatch(origins) {
      const size = origins.length;
      const bx = new Float32Array(size * lookback);
      const by = new Float32Array(size * width);
      for (let s = 0; s < size; s++) {
        const id = origins[s];
        bx.set(x.subarray(id * lookback, (id + 1) * lookback), s * lookback);
        if (labels === 'onehot') by[s * width + cls[id]] = 1;
        else by[s] = cls[id];
      }
      return { x: bx, y: by, size };
    },
  };
}

/** A prepared series as the data module would give it for one target 'y', no time column. */
export function preparedSeries(values: ArrayLike<number>, frequency: string | null = null): PreparedSeries {
  const target = Float64Array.from(values);
  return {
    id: null,
    time: null,
    timeLabels: Array.from({ length: target.length }, (_, i) => String(i + 1)),
    target,
    targetName: 'y',
    targets: [{ name: 'y', values: target }],
    features: [],
    frequency,
    notes: [],
  };
}
