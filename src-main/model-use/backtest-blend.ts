/**
 * A backtest longer than the model's horizon also scores the forecast the Forecast view shows: the
 * fed-back network blended, past the horizon, with a plain reference (long-range-blend.ts). Its
 * weights are fitted on backtest origins, so scoring them on the same origins would flatter it.
 * Here they are cross-fitted by time: the weights fitted on the earlier half of the origins score
 * the later half, and those fitted on the later half score the earlier one. No origin is scored by
 * weights it helped to fit.
 */
import {
  blend,
  changesForecast,
  chooseReference,
  longRangeReferences,
  MIN_ORIGINS,
  stepWeights,
  type LongBacktest,
} from './long-range-blend';

/** The blended backtest of a long forecast, or why there is none. */
export interface BacktestBlend {
  /** Each origin's blended forecast, with weights fitted on the other half of the origins; null: no blend. */
  forecasts: Float64Array[] | null;
  /** One sentence for the user: what the blend leans on and how it was scored, or why there is none. */
  note: string;
}

/**
 * Each origin's forecast blended with `refs` by weights fitted on the other half of the origins by
 * time (the same halves the long-range blend checks). `backtest.origins` are in time order.
 */
export function crossFitted(
  target: ArrayLike<number>,
  backtest: LongBacktest,
  refs: Float64Array[],
  steps: number,
  horizon: number,
): Float64Array[] {
  const n = backtest.origins.length;
  const half = Math.floor(n / 2);
  const weightsFrom = (from: number, to: number) =>
    stepWeights(
      target,
      { origins: backtest.origins.slice(from, to), forecasts: backtest.forecasts.slice(from, to) },
      refs.slice(from, to),
      steps,
      horizon,
    ).weights;
  const fromEarlier = weightsFrom(0, half);
  const fromLater = weightsFrom(half, n);
  return backtest.forecasts.map((f, i) => blend(f, refs[i], i < half ? fromLater : fromEarlier));
}

/**
 * The forecast as shown, scored out of sample on a backtest of `steps` steps: null within the
 * model's own horizon (the forecast shown is the network's own there), otherwise the blended
 * forecasts with the reference the Forecast view's rule picks on these origins, or a sentence
 * saying why there are none.
 */
export function backtestBlend(
  target: ArrayLike<number>,
  backtest: LongBacktest,
  periods: { period: number; label: string }[],
  model: { lookback: number; horizon: number },
  steps: number,
): BacktestBlend | null {
  if (steps <= model.horizon) return null;
  const n = backtest.origins.length;
  if (n < MIN_ORIGINS) {
    const spaced = n > 1 && backtest.origins[1] - backtest.origins[0] > 1;
    return {
      forecasts: null,
      note:
        `No "forecast as shown" row: its weights are fitted on one half of the origins and scored on the other, ` +
        `which needs at least ${MIN_ORIGINS} origins, and this backtest has ${n} (an earlier start${spaced ? ' or a smaller step' : ''} gives more).`,
    };
  }
  const choice = chooseReference(target, backtest, periods, model, steps);
  if (!choice) {
    const names = longRangeReferences(periods, model.lookback).map((r) => r.name);
    return {
      forecasts: null,
      note:
        `No "forecast as shown" row: ${names.length === 1 ? `${names[0]} did not lower` : `neither ${names.join(' nor ')} lowered`} the fed-back network's error ` +
        `on each half of the origins with weights fitted on the other, so past the horizon the forecast shown is the network's own.`,
    };
  }
  if (!changesForecast(choice)) {
    return {
      forecasts: null,
      note:
        `No "forecast as shown" row: the fed-back network forecast about as well as any blend with ${choice.ref.name} ` +
        `at every step, so past the horizon the forecast shown is the network's own.`,
    };
  }
  return {
    forecasts: crossFitted(target, backtest, choice.refs, steps, model.horizon),
    note:
      `Forecast as shown: past the model's horizon of ${model.horizon} step${model.horizon === 1 ? '' : 's'}, a future ` +
      `forecast leans on ${choice.ref.name} more the further ahead, because on these origins weights fitted on either ` +
      `half lowered the error on the other; each half is scored here with the weights fitted on the other half, never ` +
      `on its own.`,
  };
}
