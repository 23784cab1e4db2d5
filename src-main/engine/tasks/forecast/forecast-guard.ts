/**
 * The validation guard: a trained forecast must not lose, on the validation windows, to the plain
 * forecasts an analyst already has: the last value (naive), last season's value (seasonal naive)
 * and exponential smoothing and ARIMA fitted on the training part. When the best of them beats the network
 * there, the model becomes that forecast: its output layer is set to zero and its target becomes
 * that forecast's baseline, so the saved model, the insight views and exported bundles all
 * reproduce it. The user is told which forecast won and by how much.
 *
 * The saved inputs stay as the network read them, and the target scaler is one a network can
 * train with: continuing such a model (it starts exactly at the plain forecast) trains the network
 * it kept on the correction to that forecast.
 */
import { denseOutputs, zeroLayers } from '../../training/ensemble-weights';
import type * as tfTypes from '@tensorflow/tfjs';
import { invertScaler } from '../../../data/prepare/scaler';
import { naiveForecast, seasonalNaiveForecast } from '../../../forecast/baselines';
import { etsDescription, etsForecast, etsHistory } from '../../../forecast/exponential-smoothing';
import { fitEts } from '../../../forecast/exponential-smoothing-fit';
import { arimaForecast, arimaHistory, arimaName } from '../../../forecast/arima';
import { fitArima } from '../../../forecast/arima-fit';
import { SMOOTHING_MARGIN, historyNeeded, invertTarget } from '../../../forecast/target-transform';
import type { TargetTransformPlan } from '../../../forecast/target-transform';
import type { Tf } from '../../../tensorflow/load-tf';
import { predictOrigins } from '../../model/predict';
import type { ForecastData } from './forecast-data';
import { fromStep } from './origins-from';
import { fitTargetScaler } from './target-scaler';

/** What the guard compared and decided, in the user's units. */
export interface GuardOutcome {
  /** True when the model was replaced by the plain forecast. */
  applied: boolean;
  modelRmse: number;
  /** The best plain forecast's name and validation RMSE. */
  best: { name: string; rmse: number };
  note: string;
}

export interface PlainForecast {
  name: string;
  plan: TargetTransformPlan;
  at: (t: number, k: number) => number;
}

/** The plain forecasts the guard weighs, each with the target plan that reproduces it. */
function plainForecasts(data: ForecastData): PlainForecast[] {
  const y = data.series.target;
  const period = data.seasonalPeriod !== null && data.seasonalPeriod >= 2 ? data.seasonalPeriod : null;
  const list: PlainForecast[] = [
    {
      name: 'the naive forecast (the last value)',
      plan: { kind: 'difference', period, reason: '' },
      at: (t, k) => naiveForecast(y, t, k),
    },
  ];
  if (period !== null) {
    list.push({
      name: 'the seasonal naive forecast',
      plan: { kind: 'seasonal-residual', period, reason: '' },
      at: (t, k) => seasonalNaiveForecast(y, t, k, period),
    });
  }
  // The same time one long season before (the year of daily or of short monthly data), which the
  // test verdict names beside the others: the guard weighs every plain forecast the verdict does.
  const long = data.longSeason ?? null;
  if (long && long.period !== period && long.period >= 2) {
    list.push({
      name: `the same time ${long.label} before`,
      plan: { kind: 'seasonal-residual', period: long.period, reason: '' },
      at: (t, k) => seasonalNaiveForecast(y, t, k, long.period),
    });
  }
  const smoothing =
    data.plan.kind === 'exponential-smoothing' ? data.plan.smoothing : fitEts(y, data.split.validationStart, period);
  if (smoothing) {
    list.push({
      name: etsDescription(smoothing),
      plan: { kind: 'exponential-smoothing', period, smoothing, reason: '' },
      at: (t, k) => etsForecast(y, t, k, smoothing),
    });
  }
  const arima = data.plan.kind === 'arima' ? data.plan.arima : fitArima(y, data.split.validationStart, period);
  if (arima) {
    list.push({
      name: arimaName(arima),
      plan: { kind: 'arima', period, arima, reason: '' },
      at: (t, k) => arimaForecast(y, t, k, arima),
    });
  }
  return list;
}

/** Smoothing and ARIMA have fitted weights: they replace a network only when clearly better. */
function fitted(plan: TargetTransformPlan): boolean {
  return plan.kind === 'exponential-smoothing' || plan.kind === 'arima';
}

/** The network against the plain forecasts on the validation origins, in the user's units. */
export interface GuardJudgement {
  modelRmse: number;
  /** The plain forecast with the lowest validation RMSE. */
  lowest: { forecast: PlainForecast; rmse: number };
  /** The plain forecast that replaces the network (see `beats`), or null when the network stays. */
  winner: { forecast: PlainForecast; rmse: number } | null;
}

/**
 * Scores the trained network and the plain forecasts on the validation origins (those with the
 * history every forecast needs) and names the plain forecast that should replace the network, if
 * any. Naive and seasonal naive replace a network that loses to them at all (the default must not
 * lose to them); smoothing and ARIMA must win clearly, by the margin smoothing needs to become the base
 * (SMOOTHING_MARGIN), so a network that only matches it keeps its own base. Returns null when
 * there is nothing to judge on (no validation origins).
 */
export function judgeAgainstPlainForecasts(
  tf: Tf,
  model: tfTypes.LayersModel,
  data: ForecastData,
): GuardJudgement | null {
  const y = data.series.target;
  const plain = plainForecasts(data);
  const needed = Math.max(
    historyNeeded(data.plan),
    ...plain.map((p) =>
      p.plan.smoothing ? etsHistory(p.plan.smoothing) : p.plan.arima ? arimaHistory(p.plan.arima) : 0,
    ),
    data.seasonalPeriod ?? 1,
    ...plain.map((p) => p.plan.period ?? 1),
  );
  const origins = fromStep(data.split.validation, needed);
  if (origins.length === 0) return null;
  const horizon = data.source.yShape[0];
  const raw = predictOrigins(tf, model, (o) => data.sampler.batch(o).x, data.source.xShape, origins);
  let modelSquares = 0;
  const plainSquares = plain.map(() => 0);
  let count = 0;
  for (let s = 0; s < origins.length; s++) {
    const t = origins[s];
    for (let k = 0; k < horizon && t + k < y.length; k++) {
      const actual = y[t + k];
      modelSquares +=
        (actual - invertTarget(y, t, k, invertScaler(data.targetScaler, raw[s * horizon + k]), data.plan)) ** 2;
      plain.forEach((p, i) => (plainSquares[i] += (actual - p.at(t, k)) ** 2));
      count++;
    }
  }
  if (count === 0) return null;
  const modelRmse = Math.sqrt(modelSquares / count);
  const scores = plain.map((forecast, i) => ({ forecast, rmse: Math.sqrt(plainSquares[i] / count) }));
  const lowest = scores.reduce((a, b) => (b.rmse < a.rmse ? b : a));
  const beats = (s: (typeof scores)[number]) => s.rmse < modelRmse * (fitted(s.forecast.plan) ? SMOOTHING_MARGIN : 1);
  const winner = scores
    .filter(beats)
    .reduce<(typeof scores)[number] | null>((a, b) => (a === null || b.rmse < a.rmse ? b : a), null);
  return { modelRmse, lowest, winner };
}

/**
 * Compares the trained network with the plain forecasts on the validation origins and, when one
 * of them is better, replaces the model by it: the output layer is zeroed in place and `data.plan`
 * and `data.targetScaler` are changed in place, since the run saves its preprocessing from the
 * same `data`. Returns null when the guard cannot judge (no validation origins, an output layer
 * that is not dense).
 */
export function applyValidationGuard(
  tf: Tf,
  model: tfTypes.LayersModel,
  data: ForecastData,
  networkName = 'the trained network',
): GuardOutcome | null {
  // Every network of an ensemble: the median of zero outputs is zero.
  const outputs = denseOutputs(model);
  if (!outputs) return null;
  const judgement = judgeAgainstPlainForecasts(tf, model, data);
  if (!judgement) return null;
  const { modelRmse, lowest, winner } = judgement;
  if (winner === null) {
    const best = { name: lowest.forecast.name, rmse: lowest.rmse };
    const figures = validationFigures(modelRmse, lowest.rmse);
    const margin = `${Math.round((1 - SMOOTHING_MARGIN) * 100)}%`;
    return {
      applied: false,
      modelRmse,
      best,
      note:
        lowest.rmse < modelRmse
          ? `${capitalise(best.name)} forecast the validation windows slightly better than the network (${figures}), but not by the ${margin} a fitted model needs to replace it, so the network is kept.`
          : `The network does at least as well as ${best.name} on the validation windows (${figures}).`,
    };
  }
  const best = { name: winner.forecast.name, rmse: winner.rmse };
  const figures = validationFigures(modelRmse, winner.rmse);
  zeroLayers(tf, outputs);
  forecastPlainInstead(
    data,
    winner.forecast,
    `${best.name} forecast the validation windows better than the trained network (${figures}), so the model forecasts it.`,
  );
  return {
    applied: true,
    modelRmse,
    best,
    note: `Validation guard: ${best.name} forecast the validation windows better than ${networkName} (${figures}), so the model forecasts ${best.name} itself.`,
  };
}

/**
 * Makes `data` forecast the plain forecast `winner`: its plan becomes the winner's (with `plain`
 * set when the network's output cannot be zeroed for this series alone, as in a global model) and
 * its validation and test origins start where the winner has the history it needs. The target
 * scaler has no offset, so a zero output means "exactly the forecast": it is the one the network
 * trained with when the winner is its own base, otherwise one fitted to the winner's targets on the
 * training origins, so that continuing the model trains the network on the correction to the
 * winner at the usual scale.
 */
export function forecastPlainInstead(
  data: ForecastData,
  winner: PlainForecast,
  reason: string,
  options: { plain?: boolean } = {},
): void {
  const ownBase = sameBase(winner.plan, data.plan) && data.targetScaler.center === 0;
  data.plan = { ...winner.plan, reason, ...(options.plain ? { plain: true } : {}) };
  data.targetScaler = ownBase
    ? data.targetScaler
    : fitTargetScaler(data.series.target, data.split.train, data.source.yShape[0], winner.plan, data.targetScaler.kind);
  const first = historyNeeded(winner.plan);
  data.split = {
    ...data.split,
    validation: fromStep(data.split.validation, first),
    test: fromStep(data.split.test, first),
  };
}

/** True when two plans forecast the same baseline (the guard's plans carry no profile). */
function sameBase(a: TargetTransformPlan, b: TargetTransformPlan): boolean {
  if (a.kind !== b.kind || a.profile || b.profile) return false;
  if (a.kind === 'exponential-smoothing') return a.smoothing === b.smoothing;
  if (a.kind === 'arima') return a.arima === b.arima;
  return a.kind === 'difference' || a.period === b.period;
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The network's and a plain forecast's validation RMSE, as the guards' sentences give them. */
export function validationFigures(modelRmse: number, plainRmse: number): string {
  return `validation RMSE ${round(modelRmse)} for the network against ${round(plainRmse)}`;
}

function round(x: number): string {
  return Number(x.toPrecision(4)).toString();
}
