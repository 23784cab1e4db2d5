/**
 * Forecasts in the user's units from a trained model: directly for up to `horizon` steps, and
 * recursively beyond (each block of forecasts is appended to the series and the model runs
 * again from the new end).
 */
import type * as tfTypes from '@tensorflow/tfjs';
import type { Tf } from '../tensorflow/load-tf';
import { predictOrigins } from '../engine/model/predict';
import { alignPlan, invertTarget } from '../forecast/target-transform';
import type { TargetTransformPlan } from '../forecast/target-transform';
import type { ForecastPreprocessing } from './load-run';
import { WindowBuilder } from './model-inputs';
import { extendColumns, type SeriesColumns } from './series-columns';

/** A model with what turns data into its inputs and its outputs into forecasts. */
export interface ForecastModel {
  model: tfTypes.LayersModel;
  pre: ForecastPreprocessing;
  plan: TargetTransformPlan;
}

/**
 * Network outputs (scaled) → forecasts in original units for origins × horizon, row-major. The
 * time stamps place a seasonal profile on the calendar. @throws RangeError when a seasonal-profile
 * model meets data without regular time stamps.
 */
export function invertOutputs(
  fm: ForecastModel,
  c: Pick<SeriesColumns, 'target' | 'time'>,
  origins: ArrayLike<number>,
  raw: ArrayLike<number>,
): Float64Array {
  const { target } = c;
  const plan = alignPlan(fm.plan, c.time);
  const h = fm.pre.horizon;
  const { scaler } = fm.pre.target;
  const out = new Float64Array(origins.length * h);
  for (let s = 0; s < origins.length; s++) {
    for (let k = 0; k < h; k++) {
      const v = raw[s * h + k];
      const unscaled = scaler.kind === 'none' ? v : v * scaler.scale + scaler.center;
      out[s * h + k] = invertTarget(target, origins[s], k, unscaled, plan);
    }
  }
  return out;
}

/**
 * Direct forecasts of `horizon` steps from each origin (origins ≤ series length), row-major
 * [origins × horizon]. Each forecast reads only the steps before its origin.
 */
export function directForecasts(tf: Tf, fm: ForecastModel, c: SeriesColumns, origins: ArrayLike<number>): Float64Array {
  const builder = new WindowBuilder(fm.pre);
  const raw = predictOrigins(tf, fm.model, (o) => builder.windows(c, o), builder.shape, origins);
  return invertOutputs(fm, c, origins, raw);
}

/**
 * `steps` forecasts after the end of `c`: the first `horizon` directly, the rest recursively,
 * feeding forecasts back as if observed. Other inputs hold their last value; calendar inputs
 * follow the future time stamps.
 */
export function forecastAhead(
  tf: Tf,
  fm: ForecastModel,
  c: SeriesColumns,
  steps: number,
  frequency: string | null,
): Float64Array {
  return forecastAheadMany(tf, fm, [c], steps, frequency)[0];
}

/**
 * `forecastAhead` for many series at once (e.g. one per backtest origin, each cut at its
 * origin), with one batched model call per block of `horizon` steps instead of one per series.
 */
export function forecastAheadMany(
  tf: Tf,
  fm: ForecastModel,
  series: SeriesColumns[],
  steps: number,
  frequency: string | null,
): Float64Array[] {
  const h = fm.pre.horizon;
  const builder = new WindowBuilder(fm.pre);
  const [lookback, width] = builder.shape;
  const out = series.map(() => new Float64Array(steps));
  let current = series;
  for (let done = 0; done < steps; done += h) {
    const windows = current.map((c) => builder.windows(c, [c.target.length]));
    const raw = predictOrigins(
      tf,
      fm.model,
      (picks) => {
        const x = new Float32Array(picks.length * lookback * width);
        for (let s = 0; s < picks.length; s++) x.set(windows[picks[s]], s * lookback * width);
        return x;
      },
      builder.shape,
      Int32Array.from(current, (_, i) => i),
    );
    const take = Math.min(h, steps - done);
    current = current.map((c, i) => {
      const block = invertOutputs(fm, c, [c.target.length], raw.subarray(i * h, (i + 1) * h));
      out[i].set(block.subarray(0, take), done);
      return done + take < steps ? extendColumns(c, fm.pre.target.name, block.subarray(0, take), frequency) : c;
    });
  }
  return out;
}
