/**
 * Rolling-origin backtesting: forecast from many origins, each time using only the data before
 * it, and score the model against the classical baselines on exactly the same folds.
 */
import type { RegressionMetrics } from '../shared/types';
import { movingAverageForecast, naiveForecast, seasonalNaiveForecast } from './baselines';
import { regressionMetrics } from './metrics';

/** Forecasts horizon steps from origin t; `history` is a copy of series[0 .. t-1] and nothing more. */
export type Forecaster = (t: number, history: Float64Array) => ArrayLike<number>;

/** Scores of one forecaster: pooled over every step, and per horizon step (index k = step k + 1). */
export interface BacktestScores {
  overall: RegressionMetrics;
  perStep: RegressionMetrics[];
}

/** The forecasts made at one origin, for charts and for checking the folds. */
export interface BacktestFold {
  origin: number;
  model: number[];
  naive: number[];
  seasonalNaive: number[] | null;
  movingAverage: number[];
  /** The value one long season before (same day last year), when the series has a longer season. */
  longSeasonNaive: number[] | null;
}

/** A second, longer season to compare against: its lag and its name ("1 year"). */
export interface LongSeason {
  period: number;
  label: string;
}

export interface BacktestResult {
  origins: number[];
  horizon: number;
  period: number | null;
  movingAverageWindow: number;
  model: BacktestScores;
  baselines: {
    naive: BacktestScores;
    seasonalNaive: BacktestScores | null;
    movingAverage: BacktestScores;
    /** Same day last year (or same hour last week): the value one long season before. */
    longSeasonNaive: BacktestScores | null;
  };
  longSeason: LongSeason | null;
  /** The baseline the model must beat: seasonal naive when there is a season, otherwise naive. */
  reference: 'seasonal-naive' | 'naive';
  /** True when the model's overall RMSE is below the reference baseline's. */
  beatsReference: boolean;
  /** A plain sentence when the model does not beat the reference baseline, else null. */
  verdict: string | null;
  folds: BacktestFold[];
}

/**
 * Origins start, start + step, … of every fold whose whole horizon lies inside the series
 * (origin + horizon ≤ length). An origin is the index of the first forecast step.
 * @throws RangeError for start < 1, step < 1 or horizon < 1.
 */
export function backtestFolds(length: number, opts: { start: number; step: number; horizon: number }): number[] {
  const { start, step, horizon } = opts;
  for (const [name, value] of [
    ['start', start],
    ['step', step],
    ['horizon', horizon],
  ] as const) {
    if (!Number.isInteger(value) || value < 1)
      throw new RangeError(`The backtest ${name} must be a positive integer (got ${value}).`);
  }
  const origins: number[] = [];
  for (let t = start; t + horizon <= length; t += step) origins.push(t);
  return origins;
}

/**
 * Scores `forecaster` and the naive, seasonal-naive (when `period` is set) and moving-average
 * baselines on the same origins and steps. Every forecast, the model's included, is computed
 * from a copy of the data before its origin, so no fold can see its own future.
 *
 * @param movingAverageWindow defaults to one season, or 3 steps without a season.
 * @param longSeason a longer season (the year of daily data): its seasonal naive forecast, the
 *   same day last year, is scored too at the origins that have a full long season before them.
 * @throws RangeError when an origin lacks the history a baseline needs (one season, or one step)
 *   or its horizon runs past the series, or when the forecaster returns too few steps.
 */
export function evaluateBacktest(
  series: ArrayLike<number>,
  origins: ArrayLike<number>,
  horizon: number,
  forecaster: Forecaster,
  period: number | null,
  movingAverageWindow: number = period ?? 3,
  longSeason: LongSeason | null = null,
): BacktestResult {
  if (origins.length === 0) throw new RangeError('A backtest needs at least one origin.');
  const values = Float64Array.from(series);
  const needed = period ?? 1;
  const folds: BacktestFold[] = [];
  for (const t of Array.from(origins)) {
    if (t < needed || t + horizon > values.length) {
      throw new RangeError(
        `Backtest origin ${t} needs ${needed} earlier value(s) and ${horizon} later one(s) in a series of ${values.length}.`,
      );
    }
    const history = values.slice(0, t);
    const steps = Array.from({ length: horizon }, (_, k) => k);
    const model = Array.from(forecaster(t, history.slice()));
    if (model.length < horizon)
      throw new RangeError(`The model returned ${model.length} steps at origin ${t}, expected ${horizon}.`);
    folds.push({
      origin: t,
      model: model.slice(0, horizon),
      naive: steps.map((k) => naiveForecast(history, t, k)),
      seasonalNaive: period === null ? null : steps.map((k) => seasonalNaiveForecast(history, t, k, period)),
      movingAverage: steps.map(() => movingAverageForecast(history, t, movingAverageWindow)),
      longSeasonNaive:
        longSeason === null
          ? null
          : steps.map((k) => (t >= longSeason.period ? seasonalNaiveForecast(history, t, k, longSeason.period) : NaN)),
    });
  }

  const score = (pick: (fold: BacktestFold) => number[]): BacktestScores => scoreFolds(values, folds, horizon, pick);
  const modelScores = score((f) => f.model);
  const naive = score((f) => f.naive);
  const seasonalNaive = period === null ? null : score((f) => f.seasonalNaive ?? []);
  const movingAverage = score((f) => f.movingAverage);
  const longFolds = folds.filter((f) => f.origin >= (longSeason?.period ?? Infinity));
  const longSeasonNaive =
    longSeason === null || longFolds.length === 0
      ? null
      : scoreFolds(values, longFolds, horizon, (f) => f.longSeasonNaive ?? []);

  const reference = seasonalNaive ?? naive;
  const referenceName = seasonalNaive ? 'seasonal naive' : 'naive';
  const beatsReference = modelScores.overall.rmse < reference.overall.rmse;
  const verdict = beatsReference
    ? null
    : `The model does not beat the ${referenceName} forecast (RMSE ${format(modelScores.overall.rmse)} vs ${format(reference.overall.rmse)} over ${folds.length} backtest origins): ${
        seasonalNaive ? "repeating last season's values" : 'repeating the last value'
      } forecasts at least as well.`;

  return {
    origins: folds.map((f) => f.origin),
    horizon,
    period,
    movingAverageWindow,
    model: modelScores,
    baselines: { naive, seasonalNaive, movingAverage, longSeasonNaive },
    longSeason: longSeasonNaive ? longSeason : null,
    reference: seasonalNaive ? 'seasonal-naive' : 'naive',
    beatsReference,
    verdict,
    folds,
  };
}

function scoreFolds(
  values: Float64Array,
  folds: BacktestFold[],
  horizon: number,
  pick: (fold: BacktestFold) => number[],
): BacktestScores {
  return scoreForecasts(
    values,
    folds.map((f) => f.origin),
    folds.map(pick),
    horizon,
  );
}

/** Per step and over every step, the scores of one forecast per origin against the series' values. */
export function scoreForecasts(
  values: ArrayLike<number>,
  origins: number[],
  forecasts: ArrayLike<number>[],
  horizon: number,
): BacktestScores {
  const allActual: number[] = [];
  const allForecast: number[] = [];
  const perStep: RegressionMetrics[] = [];
  for (let k = 0; k < horizon; k++) {
    const actual = origins.map((t) => values[t + k]);
    const forecast = forecasts.map((f) => f[k]);
    perStep.push(regressionMetrics(actual, forecast));
    allActual.push(...actual);
    allForecast.push(...forecast);
  }
  return { overall: regressionMetrics(allActual, allForecast), perStep };
}

function format(value: number): string {
  return Number(value.toPrecision(3)).toString();
}
