/**
 * Why the model forecasts what it does, on its test windows:
 * - permutation importance: shuffle one input's whole window across the test windows and
 *   measure how much the RMSE (original units) grows;
 * - gradient × input: |∂forecast/∂x · x| averaged over the test windows, per window step and
 *   input, showing which lags of which inputs the forecast leans on.
 */
import type * as tfTypes from '@tensorflow/tfjs';
import type { Tf } from '../tensorflow/load-tf';
import { predictOrigins } from '../engine/model/predict';
import { seededRandom, shuffled } from '../engine/training/seeded-random';
import { regressionMetrics } from '../forecast/metrics';
import type { Explanation } from '../shared/types-model-use';
import { invertOutputs, type ForecastModel } from './model-forecast';
import { WindowBuilder } from './model-inputs';
import type { SeriesColumns } from './series-columns';

export interface ExplainOptions {
  /** Shuffles per input; their mean increase is reported (default 3). */
  repeats?: number;
  seed?: number;
  /** Most windows used (the latest ones), to bound the time taken (default 2000). */
  maxWindows?: number;
}

const BATCH = 256;

/** Explains `fm` on the given origins (held-out windows with their whole horizon inside the series). */
export function explainModel(
  tf: Tf,
  fm: ForecastModel,
  c: SeriesColumns,
  originsIn: number[],
  runId: string,
  opts: ExplainOptions = {},
): Explanation {
  const origins = originsIn.slice(-(opts.maxWindows ?? 2000));
  if (origins.length < 2) throw new RangeError('Explaining a model needs at least two held-out windows.');
  const builder = new WindowBuilder(fm.pre);
  const [lookback, width] = builder.shape;
  const h = fm.pre.horizon;
  const x = builder.windows(c, origins);
  const actual = new Float64Array(origins.length * h);
  origins.forEach((t, s) => {
    for (let k = 0; k < h; k++) actual[s * h + k] = c.target[t + k];
  });
  const rmseOf = (windows: Float32Array) => {
    const raw = predictOrigins(
      tf,
      fm.model,
      (part) => rowsOf(windows, part, lookback * width),
      builder.shape,
      indexes(origins.length),
    );
    return regressionMetrics(actual, invertOutputs(fm, c, origins, raw)).rmse;
  };
  const base = rmseOf(x);

  const random = seededRandom(opts.seed ?? 1);
  const repeats = opts.repeats ?? 3;
  const importance = fm.pre.inputs.map((input, f) => {
    let total = 0;
    for (let r = 0; r < repeats; r++) {
      const order = shuffled(indexes(origins.length), random);
      const permuted = x.slice();
      for (let s = 0; s < origins.length; s++) {
        const from = order[s] * lookback * width;
        const to = s * lookback * width;
        for (let i = 0; i < lookback; i++) permuted[to + i * width + f] = x[from + i * width + f];
      }
      total += rmseOf(permuted) - base;
    }
    return { name: input.name, importance: total / repeats };
  });

  return {
    runId,
    features: importance.sort((a, b) => b.importance - a.importance),
    heatmap: gradientTimesInput(tf, fm.model, x, origins.length, lookback, width),
    featureNames: fm.pre.inputs.map((i) => i.name),
    method:
      `Permutation importance: increase of the RMSE over ${origins.length} held-out windows when one input's window is shuffled across them (mean of ${repeats}); ` +
      `heatmap: mean |gradient × input| of the forecast (summed over the horizon) per window step (oldest first) and input.`,
  };
}

/** Mean |∂(sum of outputs)/∂x · x| over the windows, as [lookback][inputs]. */
function gradientTimesInput(
  tf: Tf,
  model: tfTypes.LayersModel,
  x: Float32Array,
  count: number,
  lookback: number,
  width: number,
): number[][] {
  const size = lookback * width;
  const sum = new Float64Array(size);
  const forward = (input: tfTypes.Tensor) => (model.apply(input, { training: false }) as tfTypes.Tensor).sum();
  const gradient = tf.grad(forward);
  for (let start = 0; start < count; start += BATCH) {
    const n = Math.min(BATCH, count - start);
    const part = tf.tidy(() => {
      const input = tf.tensor3d(x.subarray(start * size, (start + n) * size), [n, lookback, width]);
      return gradient(input).mul(input).abs().sum(0);
    });
    const values = part.dataSync();
    part.dispose();
    for (let i = 0; i < size; i++) sum[i] += values[i];
  }
  return Array.from({ length: lookback }, (_, i) =>
    Array.from({ length: width }, (_, f) => sum[i * width + f] / count),
  );
}

function indexes(n: number): Int32Array {
  return Int32Array.from({ length: n }, (_, i) => i);
}

/** Copies the rows (windows) at `picks` out of a row-major block. */
function rowsOf(block: Float32Array, picks: ArrayLike<number>, rowSize: number): Float32Array {
  const out = new Float32Array(picks.length * rowSize);
  for (let s = 0; s < picks.length; s++)
    out.set(block.subarray(picks[s] * rowSize, (picks[s] + 1) * rowSize), s * rowSize);
  return out;
}
