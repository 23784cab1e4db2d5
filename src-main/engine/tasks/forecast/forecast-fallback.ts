/**
 * Baseline fallback for very short series. With a few dozen values the network's correction to
 * the baseline (naive, seasonal naive or the seasonal profile) is learned from a handful of windows and can be noise.
 * When the validation windows show that the correction does not help, the output layer is set to
 * zero: the model then forecasts exactly the baseline its target transform adds back, and the
 * saved model, the insight views and exported bundles all reproduce that forecast. The user is
 * told in the verdict, so the model is never presented as more than the baseline it is.
 */
import { denseOutputs, zeroLayers } from '../../training/ensemble-weights';
import type * as tfTypes from '@tensorflow/tfjs';
import { invertScaler } from '../../../data/prepare/scaler';
import { etsName } from '../../../forecast/exponential-smoothing';
import { refitEts } from '../../../forecast/exponential-smoothing-fit';
import { refitArima } from '../../../forecast/arima-fit';
import { arimaName } from '../../../forecast/arima';
import { baselineAt } from '../../../forecast/target-transform';
import type { ForecastEvaluation } from '../../../shared/types';
import type { Tf } from '../../../tensorflow/load-tf';
import { evaluateForecast } from './forecast-evaluation';
import { applyValidationGuard } from './forecast-guard';
import type { ForecastData } from './forecast-data';
import { predictOrigins } from '../../model/predict';

/** Series with fewer values than this may fall back to the baseline. */
export const FALLBACK_MAX_LENGTH = 30;

/** What the fallback decided and why, in the user's units. */
export interface BaselineFallback {
  /** True when the output layer was set to zero. */
  applied: boolean;
  /** Validation RMSE of the trained network and of the baseline (the zero network). */
  modelRmse: number;
  baselineRmse: number;
  /** The sentence shown to the user. */
  note: string;
}

/**
 * Compares the trained network with its baseline on the validation origins and, for a series
 * shorter than FALLBACK_MAX_LENGTH whose transform has a baseline (difference or
 * seasonal-residual) and whose baseline is at least as good, zeroes the output layer in place.
 * Returns null when the rule does not apply (longer series, level target, no validation origins,
 * an output layer that is not a plain dense layer, or a target scaler with an offset).
 */
export function applyBaselineFallback(tf: Tf, model: tfTypes.LayersModel, data: ForecastData): BaselineFallback | null {
  const { series, plan, split, targetScaler, sampler, source } = data;
  const y = series.target;
  if (y.length >= FALLBACK_MAX_LENGTH || plan.kind === 'level' || split.validation.length === 0) return null;
  // A zero output only means "the baseline" when the target scaler has no offset.
  if (targetScaler.center !== 0) return null;
  // Every network of an ensemble: the median of zero outputs is zero.
  const outputs = denseOutputs(model);
  if (!outputs) return null;

  const horizon = source.yShape[0];
  const origins = split.validation;
  const raw = predictOrigins(tf, model, (o) => sampler.batch(o).x, source.xShape, origins);
  let modelSquares = 0;
  let baselineSquares = 0;
  let count = 0;
  for (let s = 0; s < origins.length; s++) {
    for (let k = 0; k < horizon && origins[s] + k < y.length; k++) {
      const baseline = baselineAt(y, origins[s], k, plan);
      const actual = y[origins[s] + k];
      modelSquares += (actual - baseline - invertScaler(targetScaler, raw[s * horizon + k])) ** 2;
      baselineSquares += (actual - baseline) ** 2;
      count += 1;
    }
  }
  if (count === 0) return null;
  const modelRmse = Math.sqrt(modelSquares / count);
  const baselineRmse = Math.sqrt(baselineSquares / count);
  const name = baselineName(plan.kind);
  const figures = `validation RMSE ${round(modelRmse)} against ${round(baselineRmse)}`;
  if (baselineRmse > modelRmse) {
    return {
      applied: false,
      modelRmse,
      baselineRmse,
      note: `With only ${y.length} values the network's correction was checked on the validation windows and kept: it improves on ${name} (${figures}).`,
    };
  }
  zeroLayers(tf, outputs);
  return {
    applied: true,
    modelRmse,
    baselineRmse,
    note: `Baseline fallback: with only ${y.length} values the network's correction did not help on the validation windows (${figures} for ${name}), so the model forecasts ${name} itself.`,
  };
}

/** The forecast a zero network output stands for, in the user's words. */
export function baselineName(kind: ForecastData['plan']['kind']): string {
  switch (kind) {
    case 'level':
      return 'a constant at the training level';
    case 'difference':
      return 'the naive forecast (the last value)';
    case 'seasonal-residual':
      return 'the seasonal naive forecast';
    case 'seasonal-profile':
      return 'the seasonal profile (recent level, drift and usual seasonal pattern)';
    case 'exponential-smoothing':
      return 'exponential smoothing (level, trend and season smoothed from the history)';
    case 'arima':
      return 'the ARIMA model (changes forecast from recent changes and recent errors)';
  }
}

/**
 * The end of a forecast run: the baseline fallback, the validation guard (forecast-guard.ts), then
 * the test evaluation of the model as it will be saved. When the fallback applies, its sentence
 * opens the verdict. When training kept its starting point (no epoch beat it on validation), the
 * verdict says the model is its baseline and the fallback has nothing left to decide. When the
 * guard replaces the model by a plain forecast, its sentence follows. The guard stands behind
 * automatic choices; a caller passes `guard: false` to keep a base the user picked.
 */
export function evaluateWithFallback(
  tf: Tf,
  model: tfTypes.LayersModel,
  data: ForecastData,
  training?: { keptStart: boolean },
  options: { guard: boolean } = { guard: true },
): ForecastEvaluation {
  const keptBaseline = training?.keptStart === true && data.plan.kind !== 'level';
  const fallback = keptBaseline ? null : applyBaselineFallback(tf, model, data);
  // The baseline training kept, named before the guard may replace it.
  const keptKind = data.plan.kind;
  // A network that kept its start forecasts its baseline: the guard judges that forecast.
  const guard = options.guard
    ? applyValidationGuard(tf, model, data, keptBaseline ? baselineName(keptKind) : undefined)
    : null;
  const plain = keptBaseline || fallback?.applied === true || guard?.applied === true;
  const refitted = plain ? refitPlainBase(data) : null;
  const evaluation: ForecastEvaluation = {
    ...evaluateForecast(tf, model, data),
    ...(plain ? { plainForecast: true } : {}),
  };
  const first = keptBaseline
    ? `No epoch of training improved on the untrained model on the validation windows, so the model is exactly its baseline, ${baselineName(keptKind)}.`
    : fallback?.applied
      ? fallback.note
      : null;
  const opening = [first, guard?.applied ? guard.note : null, refitted].filter(Boolean).join(' ');
  if (!opening) return evaluation;
  return { ...evaluation, verdict: [opening, evaluation.verdict].filter(Boolean).join(' ') };
}

/**
 * A model that is exactly exponential smoothing or ARIMA (its network's output is zero) needs no
 * network trained on the training part alone: the smoothing's weights or ARIMA's coefficients are
 * fitted again, form or orders kept, on the training and validation parts, so its forecasts use
 * every value before the test part. Changes `data.plan` in place (the saved preprocessing follows)
 * and returns the sentence for the verdict.
 */
function refitPlainBase(data: ForecastData): string | null {
  const { plan, split } = data;
  const end = split.testStart;
  if (end <= split.validationStart) return null;
  const part = `on the training and validation parts (the first ${end} values)`;
  let refitted: { plan: ForecastData['plan']; note: string } | null = null;
  if (plan.kind === 'exponential-smoothing' && plan.smoothing) {
    const smoothing = refitEts(data.series.target, end, plan.smoothing);
    if (smoothing !== plan.smoothing) {
      const note = `Its smoothing weights were then fitted again ${part}, keeping the form ${etsName(smoothing)}.`;
      refitted = { plan: { ...plan, smoothing }, note };
    }
  }
  if (plan.kind === 'arima' && plan.arima) {
    const arima = refitArima(data.series.target, end, plan.arima);
    if (arima !== plan.arima) {
      const note = `Its coefficients were then fitted again ${part}, keeping the orders ${arimaName(arima)}.`;
      refitted = { plan: { ...plan, arima }, note };
    }
  }
  if (!refitted) return null;
  data.plan = { ...refitted.plan, reason: `${plan.reason} ${refitted.note}` };
  return refitted.note;
}

function round(x: number): string {
  return Number(x.toPrecision(4)).toString();
}
