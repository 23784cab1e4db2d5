/**
 * Scores one candidate of the automatic search on stretches of rolling origins, as the forecast
 * choice defines them (forecast/rolling-origins.ts). For each stretch the series is cut where
 * the stretch's last target ends, and the candidate is trained from scratch on what came
 * before, with the stretch as its held-out part: the network never sees the values it is scored
 * on, and every scaler, season and smoothing is fitted on the history before them. The squared
 * errors of the naive and seasonal naive forecasts on the same origins come back too, so the
 * verdict can say how the winner compares.
 */
import { stat } from 'node:fs/promises';
import type { PreparedSeries } from '../data/prepare/series';
import { buildModel } from '../engine/model/model-builder';
import { evaluateForecast } from '../engine/tasks/forecast/forecast-evaluation';
import { prepareForecast } from '../engine/tasks/forecast/forecast-task';
import { TrainControl } from '../engine/training/train-control';
import { trainModel } from '../engine/training/train-loop';
import { effectiveLoss, type ExperimentSpec } from '../shared/spec';
import type { LoadedTf } from '../tensorflow/load-tf';
import { searchSeries } from './search-series';

/** Sums of squared errors over every (origin, step) scored, for the candidate and the two baselines. */
export interface StretchSquares {
  model: number;
  naive: number;
  /** null when the series has no seasonal period. */
  seasonal: number | null;
  count: number;
}

/** Adds two sums; a seasonal sum missing from either is missing from the total. */
export function addStretchSquares(a: StretchSquares, b: StretchSquares): StretchSquares {
  return {
    model: a.model + b.model,
    naive: a.naive + b.naive,
    seasonal: a.seasonal !== null && b.seasonal !== null ? a.seasonal + b.seasonal : null,
    count: a.count + b.count,
  };
}

/** The root mean squared error of a sum. */
export function rmseOf(squares: number, count: number): number {
  return count > 0 ? Math.sqrt(squares / count) : NaN;
}

/** The series of the last job, kept while its file and preparation stay the same (one search scores many candidates). */
let cached: { key: string; series: Promise<PreparedSeries> } | null = null;

/**
 * `scoreOnStretches` for a job in a worker: reads the spec's series (once per search, while the
 * file is unchanged) and scores the candidate with a control of its own.
 */
export async function scoreCandidate(
  loaded: Pick<LoadedTf, 'tf' | 'backend'>,
  spec: ExperimentSpec,
  stretches: number[][],
  epochs: number,
): Promise<StretchSquares> {
  const modified = (await stat(spec.data.file)).mtimeMs;
  // Window, transform and period do not change the prepared series; the rest of the data settings do.
  const key = JSON.stringify([modified, { ...spec.data, lookback: 0, targetTransform: 'auto', seasonalPeriod: 0 }]);
  if (cached?.key !== key) cached = { key, series: searchSeries(spec) };
  const series = await cached.series.catch((err: unknown) => {
    cached = null;
    throw err;
  });
  return scoreOnStretches(loaded, series, spec, stretches, epochs, new TrainControl());
}

/** The first `end` steps of a series: what was known when the stretch began to be forecast. */
export function seriesPrefix(series: PreparedSeries, end: number): PreparedSeries {
  return {
    ...series,
    time: series.time ? series.time.slice(0, end) : null,
    timeLabels: series.timeLabels.slice(0, end),
    target: series.target.slice(0, end),
    targets: series.targets.map((t) => ({ name: t.name, values: t.values.slice(0, end) })),
    features: series.features.map((f) => ({ ...f, values: f.values.slice(0, end) })),
    notes: [],
  };
}

/**
 * The candidate trained for `epochs` on the steps before each stretch and scored on the
 * stretch's origins. Throws when a stretch leaves the candidate nothing to train on.
 */
export async function scoreOnStretches(
  loaded: Pick<LoadedTf, 'tf' | 'backend'>,
  series: PreparedSeries,
  spec: ExperimentSpec,
  stretches: number[][],
  epochs: number,
  control: TrainControl,
): Promise<StretchSquares> {
  let total: StretchSquares = { model: 0, naive: 0, seasonal: 0, count: 0 };
  for (const stretch of stretches) {
    if (control.cancelled) break;
    total = addStretchSquares(total, await scoreOnStretch(loaded, series, spec, stretch, epochs, control));
  }
  return total;
}

async function scoreOnStretch(
  { tf, backend }: Pick<LoadedTf, 'tf' | 'backend'>,
  series: PreparedSeries,
  spec: ExperimentSpec,
  stretch: number[],
  epochs: number,
  control: TrainControl,
): Promise<StretchSquares> {
  const first = Math.min(...stretch);
  const end = Math.max(...stretch) + spec.data.horizon;
  // The stretch becomes the held-out part of the prefix: its share is exactly its steps.
  const local: ExperimentSpec = {
    ...spec,
    data: {
      ...spec.data,
      seasonalPeriod: spec.data.seasonalPeriod,
      split: { validation: spec.data.split.validation, test: (end - first) / end },
    },
    training: { ...spec.training, epochs: Math.min(epochs, spec.training.epochs) },
  };
  const data = prepareForecast(seriesPrefix(series, end), local);
  const { model } = buildModel(tf, local, data.dims, { fused: local.training.fused && backend === 'tensorflow' });
  try {
    const outcome = await trainModel(tf, model, data.source, local, effectiveLoss(local), {
      runId: 'automatic-search',
      control,
      onProgress: () => undefined,
      onEpoch: () => undefined,
      log: () => undefined,
    });
    if (outcome.status === 'failed') throw new Error(outcome.error ?? 'Training failed.');
    const ev = evaluateForecast(tf, model, data);
    const count = data.split.test.length * data.dims.horizon;
    return {
      model: ev.metrics.rmse ** 2 * count,
      naive: ev.baselines.naive.rmse ** 2 * count,
      seasonal: ev.baselines.seasonalNaive ? ev.baselines.seasonalNaive.rmse ** 2 * count : null,
      count,
    };
  } finally {
    model.dispose();
  }
}
