/**
 * Rolling-origin backtest of a trained model over its whole series, side by side with the
 * naive, seasonal-naive and moving-average forecasts on the same folds. Past the model's horizon
 * it also scores the forecast as the Forecast view shows it (backtest-blend.ts). Optionally the
 * model is retrained from the run's spec on the data before an origin every few folds.
 */
import type { Tf } from '../tensorflow/load-tf';
import { backtestFolds, evaluateBacktest, scoreForecasts } from '../forecast/backtest';
import type { BacktestScores } from '../forecast/backtest';
import { detectSeasons, longSeason } from '../forecast/seasons';
import { historyNeeded } from '../forecast/target-transform';
import type { BacktestReport, BacktestScoresJson } from '../shared/types-model-use';
import { backtestBlend } from './backtest-blend';
import type { LoadedRun } from './load-run';
import { longRangeSeasons } from './long-range-blend';
import { forecastAheadMany, type ForecastModel } from './model-forecast';
import type { RunData } from './run-data';
import { sliceColumns } from './series-columns';

export interface BacktestOptions {
  /** First origin (index of the first forecast step); default: the start of the validation part. */
  start?: number | null;
  /** Steps between origins (default 1). */
  step?: number;
  /** Steps forecast from each origin; default the model's horizon (longer ones run recursively). */
  horizon?: number | null;
  /** Retrain every k folds on the data before the origin; null keeps the trained model. */
  retrainEvery?: number | null;
  /** Global models: the series to backtest, by id (null or absent: the first). */
  series?: string | null;
}

/** Trains a model on the first `end` steps of the run's series (for retraining backtests). */
export type Retrainer = (end: number) => Promise<ForecastModel & { dispose(): void }>;

/** Runs the backtest on a loaded run and its data. */
export async function backtestRun(
  tf: Tf,
  run: LoadedRun,
  data: RunData,
  opts: BacktestOptions = {},
  retrain: Retrainer | null = null,
): Promise<BacktestReport> {
  const { series, columns } = data;
  const n = series.target.length;
  const horizon = opts.horizon ?? run.pre.horizon;
  const step = opts.step ?? 1;
  const period = run.run.evaluation?.kind === 'forecast' ? run.run.evaluation.seasonalPeriod : run.pre.target.period;
  // The earliest origin every forecaster can serve: a full window and each baseline's history.
  const earliest = Math.max(run.pre.lookback, historyNeeded(run.plan), period ?? 1, 1);
  const start = Math.max(opts.start ?? data.validationStart, earliest);
  const origins = backtestFolds(n, { start, step, horizon });
  if (origins.length === 0) {
    throw new RangeError(
      `No backtest origin fits: the series has ${n} steps and the first origin ${start} needs ${horizon} more after it.`,
    );
  }
  const retrainEvery = opts.retrainEvery ?? null;
  if (retrainEvery !== null && !retrain) throw new RangeError('Retraining needs a retrainer.');

  // Models per fold: the trained one, or one retrained every k folds on the data before its origin.
  const models = new Map<number, ForecastModel & { dispose(): void }>();
  const disposers: (() => void)[] = [];
  if (retrainEvery !== null && retrain) {
    for (let i = 0; i < origins.length; i += retrainEvery) {
      const fm = await retrain(origins[i]);
      disposers.push(() => fm.dispose());
      for (let j = i; j < Math.min(origins.length, i + retrainEvery); j++) models.set(origins[j], fm);
    }
  }
  try {
    // Every fold's forecast comes from its own copy of the data before its origin, and only the
    // tail a window, its differences and the seasonal baseline reach back to. Folds sharing a
    // model run in one batch.
    const forecasts = new Map<number, Float64Array>();
    const byModel = new Map<ForecastModel, number[]>();
    for (const t of origins) {
      const fm = models.get(t) ?? run;
      byModel.set(fm, [...(byModel.get(fm) ?? []), t]);
    }
    for (const [fm, list] of byModel) {
      const keep = fm.pre.lookback + 2 * Math.max(1, fm.pre.target.period ?? 1) + horizon + 2;
      const pasts = list.map((t) => sliceColumns(columns, t, keep));
      forecastAheadMany(tf, fm, pasts, horizon, series.frequency).forEach((f, i) => forecasts.set(list[i], f));
    }
    // A longer season than the model's (the year of daily data) adds the same-day-last-year forecast,
    // found on the training part only, like the model's own season.
    const long = longSeason(detectSeasons(series.target.subarray(0, data.validationStart), series.frequency), period);
    const result = evaluateBacktest(
      series.target,
      origins,
      horizon,
      (t) => forecasts.get(t) ?? [],
      period,
      period ?? 3,
      long,
    );
    const json = (s: BacktestScores): BacktestScoresJson => ({ overall: s.overall, perStep: s.perStep });
    // Past the model's horizon, the forecast the Forecast view shows: blended, weights cross-fitted.
    const modelForecasts = result.folds.map((f) => Float64Array.from(f.model));
    const blend = backtestBlend(
      series.target,
      { origins: result.origins, forecasts: modelForecasts },
      longRangeSeasons(run, series.frequency),
      run.pre,
      horizon,
    );
    return {
      runId: run.run.runId,
      target: series.targetName,
      horizon,
      period,
      origins: result.origins,
      model: json(result.model),
      baselines: {
        naive: json(result.baselines.naive),
        seasonalNaive: result.baselines.seasonalNaive ? json(result.baselines.seasonalNaive) : null,
        movingAverage: json(result.baselines.movingAverage),
        longSeasonNaive: result.baselines.longSeasonNaive ? json(result.baselines.longSeasonNaive) : null,
      },
      longSeason: result.longSeason,
      beatsReference: result.beatsReference,
      verdict: result.verdict,
      blended: blend?.forecasts ? json(scoreForecasts(series.target, result.origins, blend.forecasts, horizon)) : null,
      blendNote: blend?.note ?? null,
      folds: result.folds.map((f) => ({
        origin: f.origin,
        time: series.timeLabels.slice(f.origin, f.origin + horizon),
        forecast: f.model,
      })),
      series: { time: series.timeLabels, actual: Array.from(series.target) },
      retrainEvery,
    };
  } finally {
    for (const dispose of disposers) dispose();
  }
}
