/**
 * Using a trained forecast model from its run folder: future forecasts with prediction
 * intervals, rolling-origin backtests, explanations and batch predictions on new files. Each
 * function loads the model, does its work and frees the model's tensors again.
 */
import type { Tf } from '../tensorflow/load-tf';
import type { BacktestReport, BatchPrediction, Explanation, FutureForecast } from '../shared/types-model-use';
import { backtestRun, type BacktestOptions } from './model-backtest';
import { toCsv } from './csv-safe';
import { explainModel, type ExplainOptions } from './explain';
import { futureForecast, futureForecastRows, type FutureOptions } from './forecast-future';
import { loadRun, type LoadedRun } from './load-run';
import { predictWithRun } from './predict-file';
import { runExperimentRetrainer } from './retrain';
import { loadRunData } from './run-data';
import { runForSeries, runSeriesIds } from './series-run';
import { everySeriesCsv, everySeriesForecast } from './every-series-forecast';
import { DataError } from '../data/data-error';

export { csvCell, toCsv, type CsvValue } from './csv-safe';
export { RunFolderError, loadRun, readRunResult, type LoadedRun } from './load-run';
export type { BacktestOptions } from './model-backtest';
export type { ExplainOptions } from './explain';
export type { FutureOptions } from './forecast-future';
export { futureForecastRows } from './forecast-future';
export { defaultPredictionPath } from './predict-file';

/** Most epochs a backtest retraining runs (the spec's own count when lower). */
export const RETRAIN_EPOCHS = 20;

async function withRun<T>(tf: Tf, runDir: string, use: (run: LoadedRun) => Promise<T>): Promise<T> {
  const run = await loadRun(tf, runDir);
  try {
    return await use(run);
  } finally {
    run.dispose();
  }
}

/** Forecasts `steps` beyond the end of the run's data, with intervals at `levels`. */
export function forecastFuture(tf: Tf, runDir: string, opts: FutureOptions): Promise<FutureForecast> {
  return withRun(tf, runDir, async (run) => {
    const id = opts.series ?? null;
    const own = runForSeries(run, id);
    return futureForecast(tf, own, await loadRunData(own, id), opts);
  });
}

/** The future forecast as CSV text (time, forecast, lower_80, upper_80, …; formulas neutralized). */
export async function futureForecastCsv(
  tf: Tf,
  runDir: string,
  opts: FutureOptions,
): Promise<{ fileName: string; csv: string; forecast: FutureForecast }> {
  const forecast = await forecastFuture(tf, runDir, opts);
  const { header, rows } = futureForecastRows(forecast);
  const safeName = forecast.target.replace(/[^\w.-]+/g, '_') || 'forecast';
  return { fileName: `${safeName}-forecast.csv`, csv: toCsv(header, rows), forecast };
}

/** Future forecasts of every series of a global model, and their CSV with the series id first. */
export function everySeriesForecastCsv(
  tf: Tf,
  runDir: string,
  opts: FutureOptions,
): Promise<{ fileName: string; csv: string; forecasts: { id: string; forecast: FutureForecast }[] }> {
  return withRun(tf, runDir, async (run) => {
    if (runSeriesIds(run).length === 0) {
      throw new DataError('This model was trained on one series; forecast it without choosing every series.');
    }
    const forecasts = await everySeriesForecast(tf, run, opts);
    return { fileName: 'every-series-forecast.csv', csv: everySeriesCsv(run, forecasts), forecasts };
  });
}

/**
 * Rolling-origin backtest over the whole series. With `retrainEvery` = k, a fresh model is
 * trained from the run's spec (at most RETRAIN_EPOCHS epochs) on the data before the origin of
 * every k-th fold.
 */
export function runBacktest(
  tf: Tf,
  runDir: string,
  opts: BacktestOptions = {},
  log?: (line: string) => void,
): Promise<BacktestReport> {
  return withRun(tf, runDir, async (loaded) => {
    const id = opts.series ?? null;
    const run = runForSeries(loaded, id);
    if (opts.retrainEvery && runSeriesIds(run).length > 0) {
      throw new DataError(
        'Retraining backtests need a model of one series; backtest this global model without retraining, or train one series with --series ID.',
      );
    }
    const data = await loadRunData(run, id);
    const retrain = opts.retrainEvery
      ? runExperimentRetrainer(tf, run.spec, data.series, { epochs: RETRAIN_EPOCHS, log })
      : null;
    return backtestRun(tf, run, data, opts, retrain);
  });
}

/** Permutation importance per input and a gradient × input heatmap over the test windows. */
export function explainForecast(tf: Tf, runDir: string, opts: ExplainOptions = {}): Promise<Explanation> {
  return withRun(tf, runDir, async (run) => {
    const data = await loadRunData(run);
    // Test windows when the run held some out; otherwise validation ones.
    const origins = data.test.length >= 2 ? data.test : data.validation;
    return explainModel(tf, run, data.columns, origins, run.run.runId, opts);
  });
}

/** Predicts for every window of a new file and writes a CSV (to `output`, or beside the file). */
export function predictFile(tf: Tf, runDir: string, file: string, output?: string): Promise<BatchPrediction> {
  return withRun(tf, runDir, (run) => predictWithRun(tf, run, file, output));
}
