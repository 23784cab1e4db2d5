/**
 * Trains the default forecast pipeline, untouched, on one series: the spec comes from
 * `suggestSpec` for the file and target, exactly as a user who changes nothing gets it.
 */
import { loadTable } from '../../src-main/data/import/load-table';
import { prepareSeries } from '../../src-main/data/prepare/series';
import { loadTf } from '../../src-main/tensorflow/load-tf';
import { evaluateWithFallback } from '../../src-main/engine/tasks/forecast/forecast-fallback';
import { prepareForecast } from '../../src-main/engine/tasks/forecast/forecast-task';
import { buildModel } from '../../src-main/engine/model/model-builder';
import { TrainControl } from '../../src-main/engine/training/train-control';
import { trainModel } from '../../src-main/engine/training/train-loop';
import { suggestSpec } from '../../src-main/experiment/suggest-spec';
import { withSeasons } from '../../src-main/forecast/seasons-summary';
import { effectiveLoss } from '../../src-main/shared/spec';
import type { ForecastEvaluation } from '../../src-main/shared/types';
import type { PeerScores } from './peers';
import { arimaName } from '../../src-main/forecast/arima';
import { etsName } from '../../src-main/forecast/exponential-smoothing';
import type { TargetTransformPlan } from '../../src-main/forecast/target-transform';

/**
 * Tuning: series the defaults were (and may be) tuned on. Held-out: series chosen before any
 * tuning for this suite and never looked at while tuning; they measure what a new user gets.
 */
export type SuitePart = 'tuning' | 'held-out';

export interface QualityCase {
  /** Name shown in the table. */
  name: string;
  part: SuitePart;
  file: string;
  target: string;
  /** Long-format files: the series id to train on. */
  id?: string;
  /** Synthetic series: the best possible one-step forecast per step, and the noise σ. */
  oracle?: Float64Array;
  sigma?: number;
  /** The naive forecast is the best possible one (random walk): matching it is the target. */
  naiveIsOptimal?: boolean;
}

export interface QualityResult {
  case: QualityCase;
  n: number;
  period: number | null;
  transform: string;
  lookback: number;
  epochs: number;
  model: number;
  naive: number;
  seasonalNaive: number | null;
  /** RMSE of the oracle on the same test steps (synthetic series only). */
  floor: number | null;
  evaluation: ForecastEvaluation;
  seconds: number;
  /** The prepared series (original units) and its test origins, for the statistical peers. */
  values: Float64Array;
  testOrigins: Int32Array;
  /** ETS and ARIMA on the same split, when the suite runs with `--peers`. */
  peers?: PeerScores;
  /**
   * The same peers fitted on the training part only, the values the defaults' choices are made
   * with (the validation part judges them), scored on the same test steps.
   */
  trainingPeers?: PeerScores;
}

const quiet = () => undefined;

/** The transform's kind, with the smoothing form when there is one (e.g. "exponential-smoothing ETS(A,Ad,M)"). */
const transformName = (plan: TargetTransformPlan) =>
  plan.smoothing ? `${plan.kind} ${etsName(plan.smoothing)}` : plan.arima ? arimaName(plan.arima) : plan.kind;

/** Trains and evaluates the default pipeline on one case. */
export async function runCase(c: QualityCase): Promise<QualityResult> {
  const started = performance.now();
  const { tf, backend } = await loadTf();
  // As the app and `recurrent init` read it: the summary names the seasons the defaults use.
  const { table, summary } = withSeasons(await loadTable(c.file));
  const spec = suggestSpec(summary, { target: c.target });
  const all = prepareSeries(table, spec.data);
  const series = c.id === undefined ? all[0] : all.find((s) => s.id === c.id);
  if (!series) throw new Error(`No series '${c.id}' in ${c.file}.`);
  const data = prepareForecast(series, spec);
  const { model } = buildModel(tf, spec, data.dims, { fused: spec.training.fused && backend === 'tensorflow' });
  try {
    const outcome = await trainModel(tf, model, data.source, spec, effectiveLoss(spec), {
      runId: c.name,
      control: new TrainControl(),
      onProgress: quiet,
      onEpoch: quiet,
      log: quiet,
    });
    if (outcome.status !== 'completed') throw new Error(`Training ${outcome.status}: ${outcome.stopReason}`);
    const evaluation = evaluateWithFallback(tf, model, data, { keptStart: outcome.bestEpoch === 0 });
    let floor: number | null = null;
    if (c.oracle) {
      let sum = 0;
      for (const t of data.split.test) sum += (series.target[t] - c.oracle[t]) ** 2;
      floor = Math.sqrt(sum / data.split.test.length);
    }
    return {
      case: c,
      n: series.target.length,
      period: data.seasonalPeriod,
      // A model that is its baseline (fallback, or no epoch beat the start) is named, so the table never credits a network.
      transform: evaluation.verdict?.startsWith('Validation guard')
        ? `${transformName(data.plan)} (validation guard)`
        : evaluation.verdict?.startsWith('Baseline fallback')
          ? `${transformName(data.plan)} (baseline fallback)`
          : outcome.bestEpoch === 0
            ? `${transformName(data.plan)} (baseline kept)`
            : transformName(data.plan),
      lookback: spec.data.lookback,
      epochs: outcome.history.length,
      model: evaluation.metrics.rmse,
      naive: evaluation.baselines.naive.rmse,
      seasonalNaive: evaluation.baselines.seasonalNaive?.rmse ?? null,
      floor,
      evaluation,
      seconds: (performance.now() - started) / 1000,
      values: Float64Array.from(series.target),
      testOrigins: data.split.test,
    };
  } finally {
    model.dispose();
  }
}
