/**
 * A backtest longer than the model's horizon also scores the forecast the Forecast view shows: the
 * fed-back network blended, past the horizon, with a plain reference (long-range-blend.ts). The
 * Forecast view decides on backtest origins (which reference, which weights per step, whether to
 * blend at all), so scoring that decision on the same origins would flatter it. Here the whole rule
 * is cross-fitted by time: the earlier half of the origins is forecast as the rule would forecast
 * it from the later half alone, and the later half as it would from the earlier half alone. No
 * origin is scored by a choice it helped to make, and a half whose other half does not support a
 * blend keeps the network's own forecast.
 */
import {
  blend,
  blendRule,
  changesForecast,
  chooseReference,
  longRangeReferences,
  MIN_ORIGINS,
  type LongBacktest,
  type ModelShape,
  type ReferenceChoice,
  type Seasons,
} from './long-range-blend';

/** The blended backtest of a long forecast, or why there is none. */
export interface BacktestBlend {
  /** Each origin's forecast as the rule fitted on the other half of the origins makes it; null: no row. */
  forecasts: Float64Array[] | null;
  /** One sentence for the user: what the blend leans on and how it was scored, or why there is none. */
  note: string;
}

/** The rule's decision on origins [from, to) alone: the reference and its weights, or null (no blend). */
function ruleOn(
  target: ArrayLike<number>,
  backtest: LongBacktest,
  from: number,
  to: number,
  periods: Seasons,
  model: ModelShape,
  steps: number,
): ReferenceChoice | null {
  const part = { origins: backtest.origins.slice(from, to), forecasts: backtest.forecasts.slice(from, to) };
  return blendRule(target, part, periods, model, steps);
}

/**
 * Each origin's forecast as the Forecast view's rule, run on the other half of the origins by time,
 * makes it: blended with the reference that half picks, by the weights fitted there, or the
 * network's own when that half alone would not blend. `backtest.origins` are in time order.
 */
export function ruleOutOfSample(
  target: ArrayLike<number>,
  backtest: LongBacktest,
  periods: Seasons,
  model: ModelShape,
  steps: number,
): { forecasts: Float64Array[]; blended: { earlier: boolean; later: boolean } } {
  const n = backtest.origins.length;
  const half = Math.floor(n / 2);
  const fromEarlier = ruleOn(target, backtest, 0, half, periods, model, steps);
  const fromLater = ruleOn(target, backtest, half, n, periods, model, steps);
  const forecasts = backtest.forecasts.map((f, i) => {
    const rule = i < half ? fromLater : fromEarlier;
    return rule ? blend(f, rule.ref.forecast(target, backtest.origins[i], steps), rule.weights) : Float64Array.from(f);
  });
  return { forecasts, blended: { earlier: fromLater !== null, later: fromEarlier !== null } };
}

/**
 * The forecast as shown, scored out of sample on a backtest of `steps` steps: null within the
 * model's own horizon (the forecast shown is the network's own there); no row when the rule on all
 * origins would not blend (the forecast shown is the network's own) or there are too few origins;
 * otherwise the cross-fitted forecasts of `ruleOutOfSample` with a sentence that says how they were made.
 */
export function backtestBlend(
  target: ArrayLike<number>,
  backtest: LongBacktest,
  periods: Seasons,
  model: ModelShape,
  steps: number,
): BacktestBlend | null {
  if (steps <= model.horizon) return null;
  const n = backtest.origins.length;
  if (n < MIN_ORIGINS) {
    const spaced = n > 1 && backtest.origins[1] - backtest.origins[0] > 1;
    return {
      forecasts: null,
      note:
        `No "forecast as shown" row: the forecast past the horizon leans on a plain reference only when at least ` +
        `${MIN_ORIGINS} backtest origins support it, and this backtest has ${n} (an earlier start${spaced ? ' or a smaller step' : ''} gives more).`,
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
  const { forecasts, blended } = ruleOutOfSample(target, backtest, periods, model, steps);
  const scored =
    blended.earlier && blended.later
      ? 'each half of the origins is scored here as the same rule, run on the other half alone, forecasts it (the reference it picks there and the weights it fits there), never on its own'
      : !blended.earlier && !blended.later
        ? `scored out of sample, neither half of the origins supports that on its own (${n < 2 * MIN_ORIGINS ? `each needs ${MIN_ORIGINS} origins` : 'the rule run on the other half would not blend'}), so this row is the network's own forecast`
        : `scored out of sample, only the ${blended.earlier ? 'later' : 'earlier'} half of the origins supports that on its own, so the ${blended.earlier ? 'earlier' : 'later'} half is blended as the rule run on the ${blended.earlier ? 'later' : 'earlier'} half says and the ${blended.earlier ? 'later' : 'earlier'} half keeps the network's own forecast`;
  return {
    forecasts,
    note:
      `Forecast as shown: past the model's horizon of ${model.horizon} step${model.horizon === 1 ? '' : 's'}, a future ` +
      `forecast leans on ${choice.ref.name} more the further ahead, because on these origins weights fitted on either ` +
      `half lowered the error on the other; ${scored}.`,
  };
}
