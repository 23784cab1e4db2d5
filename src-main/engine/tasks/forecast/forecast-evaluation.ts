/**
 * Forecast evaluation: the trained network's outputs back in the user's units (un-scaled, the
 * baseline added back), scored against the naive and seasonal-naive baselines on the same
 * test origins, plus the one-step-ahead series for the forecast-vs-actual chart.
 */
import type * as tfTypes from '@tensorflow/tfjs';
import { invertScaler } from '../../../data/prepare/scaler';
import { naiveForecast, seasonalNaiveForecast } from '../../../forecast/baselines';
import { regressionMetrics } from '../../../forecast/metrics';
import { historyNeeded, invertTarget } from '../../../forecast/target-transform';
import type { ForecastEvaluation, RegressionMetrics } from '../../../shared/types';
import type { Tf } from '../../../tensorflow/load-tf';
import type { ForecastData } from './forecast-data';
import { predictOrigins } from '../../model/predict';

/** Scores the trained model on the test origins and builds the forecast-vs-actual series. */
export function evaluateForecast(tf: Tf, model: tfTypes.LayersModel, data: ForecastData): ForecastEvaluation {
  const { series, plan, split, targetScaler, sampler, source } = data;
  const y = series.target;
  const horizon = source.yShape[0];
  const inputsFor = (origins: ArrayLike<number>) => sampler.batch(origins).x;
  const forecasts = (origins: ArrayLike<number>) => {
    const raw = predictOrigins(tf, model, inputsFor, source.xShape, origins);
    const out = new Float64Array(raw.length);
    for (let s = 0; s < origins.length; s++) {
      for (let k = 0; k < horizon; k++) {
        const i = s * horizon + k;
        out[i] = invertTarget(y, origins[s], k, invertScaler(targetScaler, raw[i]), plan);
      }
    }
    return out;
  };

  const test = split.test;
  const predicted = forecasts(test);
  const actual = new Float64Array(predicted.length);
  const naive = new Float64Array(predicted.length);
  const seasonal = data.seasonalPeriod ? new Float64Array(predicted.length) : null;
  const period = data.seasonalPeriod;
  for (let s = 0; s < test.length; s++) {
    for (let k = 0; k < horizon; k++) {
      const i = s * horizon + k;
      actual[i] = y[test[s] + k];
      naive[i] = naiveForecast(y, test[s], k);
      if (seasonal && period) seasonal[i] = test[s] >= period ? seasonalNaiveForecast(y, test[s], k, period) : NaN;
    }
  }
  const metrics = regressionMetrics(actual, predicted);
  const baselines = {
    naive: regressionMetrics(actual, naive),
    seasonalNaive: seasonal ? regressionMetrics(actual, seasonal) : null,
  };

  // One-step-ahead forecasts for the chart: every step of validation + test, and of the
  // training part too while that stays cheap.
  const lastOrigin = y.length - horizon;
  const chartFrom = Math.max(historyNeeded(plan), data.dims.timesteps, y.length <= 20_000 ? 0 : split.validationStart);
  const chartOrigins = Int32Array.from({ length: Math.max(0, lastOrigin - chartFrom + 1) }, (_, i) => chartFrom + i);
  const chartRaw = predictOrigins(tf, model, inputsFor, source.xShape, chartOrigins);
  const chartPredicted: (number | null)[] = new Array<number | null>(y.length).fill(null);
  chartOrigins.forEach((t, s) => {
    chartPredicted[t] = invertTarget(y, t, 0, invertScaler(targetScaler, chartRaw[s * horizon]), plan);
  });

  return {
    kind: 'forecast',
    target: series.targetName,
    horizon,
    metrics,
    baselines,
    seasonalPeriod: data.seasonalPeriod,
    targetTransform: plan.kind,
    seasonProfile: plan.profile
      ? { unit: plan.profile.unit, values: [...plan.profile.values], drift: plan.profile.drift }
      : null,
    verdict: verdict(metrics, baselines.naive, baselines.seasonalNaive, period),
    series: {
      time: series.timeLabels,
      actual: Array.from(y),
      predicted: chartPredicted,
      validationStart: split.validationStart,
      testStart: split.testStart,
    },
  };
}

/**
 * A plain sentence when the model does not beat a baseline on the test data, naming each
 * baseline it loses to, what that baseline does, and both errors; null when it beats both.
 * `period` (the seasonal period in steps) makes the seasonal baseline concrete.
 */
export function verdict(
  model: RegressionMetrics,
  naive: RegressionMetrics,
  seasonalNaive: RegressionMetrics | null,
  period: number | null = null,
): string | null {
  const lost: string[] = [];
  if (model.rmse >= naive.rmse)
    lost.push(`the naive forecast, which repeats the last value (RMSE ${round(naive.rmse)})`);
  if (seasonalNaive && model.rmse >= seasonalNaive.rmse) {
    const when = period ? `${period} steps earlier` : 'one season earlier';
    lost.push(`the seasonal naive forecast, which repeats the value ${when} (RMSE ${round(seasonalNaive.rmse)})`);
  }
  if (lost.length === 0) return null;
  const simpler = lost.length === 1 ? 'that simpler forecast' : 'the better of these simpler forecasts';
  return (
    `On the test data the model (RMSE ${round(model.rmse)}) does not beat ${lost.join(', nor ')}. ` +
    `Until it does, use ${simpler}; a longer window, more data or another target transform may help.`
  );
}

function round(x: number): string {
  return Number(x.toPrecision(4)).toString();
}
