/**
 * Forecast evaluation: the trained network's outputs back in the user's units (un-scaled, the
 * baseline added back), scored against the naive and seasonal-naive baselines (and the same time
 * one long season before, when the training part shows a longer season) on the same test origins, plus the one-step-ahead series for the forecast-vs-actual chart.
 */
import type * as tfTypes from '@tensorflow/tfjs';
import { invertScaler } from '../../../data/prepare/scaler';
import { naiveForecast, seasonalNaiveForecast } from '../../../forecast/baselines';
import { regressionMetrics } from '../../../forecast/metrics';
import { historyNeeded, invertTarget } from '../../../forecast/target-transform';
import { arimaSummary } from '../../../forecast/arima';
import { etsSummary } from '../../../forecast/exponential-smoothing';
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
  const long = data.longSeason ?? null;
  const sameTimeBefore = long ? new Float64Array(predicted.length) : null;
  for (let s = 0; s < test.length; s++) {
    for (let k = 0; k < horizon; k++) {
      const i = s * horizon + k;
      actual[i] = y[test[s] + k];
      naive[i] = naiveForecast(y, test[s], k);
      if (seasonal && period) seasonal[i] = test[s] >= period ? seasonalNaiveForecast(y, test[s], k, period) : NaN;
      if (sameTimeBefore && long)
        sameTimeBefore[i] = test[s] >= long.period ? seasonalNaiveForecast(y, test[s], k, long.period) : NaN;
    }
  }
  const metrics = regressionMetrics(actual, predicted);
  const longSeasonNaive = sameTimeBefore ? regressionMetrics(actual, sameTimeBefore) : null;
  const baselines = {
    naive: regressionMetrics(actual, naive),
    seasonalNaive: seasonal ? regressionMetrics(actual, seasonal) : null,
    ...(long ? { longSeasonNaive } : {}),
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
    ...(long ? { longSeason: long } : {}),
    targetTransform: plan.kind,
    baseModel: plan.smoothing ? etsSummary(plan.smoothing) : plan.arima ? arimaSummary(plan.arima) : null,
    seasonProfile: plan.profile
      ? { unit: plan.profile.unit, values: [...plan.profile.values], drift: plan.profile.drift }
      : null,
    verdict: verdict(
      metrics,
      baselines.naive,
      baselines.seasonalNaive,
      period,
      long && longSeasonNaive ? { ...long, metrics: longSeasonNaive } : null,
    ),
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
 * baseline it loses to, what that baseline does, and both errors; null when it beats them all.
 * `period` (the seasonal period in steps) makes the seasonal baseline concrete; `long` is the
 * same-time-one-long-season-before forecast (the year of daily data), when scored. When the model
 * loses to several, the closing sentence names the best of them.
 */
export function verdict(
  model: RegressionMetrics,
  naive: RegressionMetrics,
  seasonalNaive: RegressionMetrics | null,
  period: number | null = null,
  long: { period: number; label: string; metrics: RegressionMetrics } | null = null,
): string | null {
  const lost: { text: string; name: string; rmse: number }[] = [];
  if (model.rmse >= naive.rmse)
    lost.push({
      text: `the naive forecast, which repeats the last value (RMSE ${round(naive.rmse)})`,
      name: 'the naive forecast',
      rmse: naive.rmse,
    });
  if (seasonalNaive && model.rmse >= seasonalNaive.rmse) {
    const when = period ? `${period} steps earlier` : 'one season earlier';
    lost.push({
      text: `the seasonal naive forecast, which repeats the value ${when} (RMSE ${round(seasonalNaive.rmse)})`,
      name: 'the seasonal naive forecast',
      rmse: seasonalNaive.rmse,
    });
  }
  if (long && Number.isFinite(long.metrics.rmse) && model.rmse >= long.metrics.rmse) {
    lost.push({
      text: `the same time ${long.label} before, which repeats the value ${long.period} steps earlier (RMSE ${round(long.metrics.rmse)})`,
      name: `the same time ${long.label} before`,
      rmse: long.metrics.rmse,
    });
  }
  if (lost.length === 0) return null;
  const best = lost.reduce((a, b) => (b.rmse < a.rmse ? b : a));
  const simpler =
    lost.length === 1
      ? 'that simpler forecast'
      : `the ${lost.length === 2 ? 'better' : 'best'} of these simpler forecasts, ${best.name}`;
  return (
    `On the test data the model (RMSE ${round(model.rmse)}) does not beat ${lost.map((l) => l.text).join(', nor ')}. ` +
    `Until it does, use ${simpler}; a longer window, more data or another target transform may help.`
  );
}

function round(x: number): string {
  return Number(x.toPrecision(4)).toString();
}
