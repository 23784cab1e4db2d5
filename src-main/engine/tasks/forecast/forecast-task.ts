/**
 * The forecast journey between the data module and the train loop: from a prepared series to
 * scaled, transform-consistent inputs and network targets, with every scaler fitted on the
 * training part only. Evaluation is in forecast-evaluation.ts.
 */
import { applyScaler, fitRmsScaler, fitScaler } from '../../../data/prepare/scaler';
import { fitTargetScaler } from './target-scaler';
import type { ScalerState } from '../../../data/prepare/scaler';
import type { PreparedSeries } from '../../../data/prepare/series';
import { splitOrigins } from '../../../data/prepare/split';
import type { SplitOrigins } from '../../../data/prepare/split';
import { WindowSampler } from '../../../data/prepare/windows';
import { detectSeasonalPeriod } from '../../../forecast/seasonality';
import { detectSeasons, longSeason } from '../../../forecast/seasons';
import { alignedProfile, patternName, savedProfile, seriesCalendar } from '../../../forecast/season-profile';
import { alignPlan, chooseTargetTransform, historyNeeded, networkTarget } from '../../../forecast/target-transform';
import { chosenSmoothing } from '../../../forecast/smoothing-plan';
import { chosenArima } from '../../../forecast/arima-plan';
import { copyArima } from '../../../forecast/arima';
import { smoothSeries } from '../../../forecast/exponential-smoothing';
import type { TargetTransformPlan } from '../../../forecast/target-transform';
import { PREPROCESSING_FORMAT, PREPROCESSING_VERSION } from '../../../shared/preprocessing';
import type { PreprocessingFile } from '../../../shared/preprocessing';
import { effectiveLoss } from '../../../shared/spec';
import type { ExperimentSpec } from '../../../shared/spec';
import { evaluateWithFallback } from './forecast-fallback';
import { savedInputScaler, savedTargetPlan, savedTargetScaler } from '../common/fixed-preprocessing';
import { forecastInputColumns, leadColumn } from './forecast-inputs';
import type { PreparedTask } from '../prepared-task';
import type { ForecastData } from './forecast-data';
import type { BatchSource } from '../../training/batch-source';
import { preparationProgress } from './preparation-progress';
import type { PreparationProgress, ProgressMessage } from './preparation-progress';
import { fromStep } from './origins-from';

/** Builds inputs, targets and the train / validation / test origins for a series. */
export function prepareForecast(
  series: PreparedSeries,
  spec: ExperimentSpec,
  /** Saved preprocessing to reuse instead of fitting (continued training). */
  fixed?: PreprocessingFile,
  /** 'global': one series among many that one network trains on (see targetInputScaler). */
  scope: 'one' | 'global' = 'one',
  /** Hears how far the preparation of a long series is (the run's 'preparing' phase). */
  report?: ProgressMessage,
): ForecastData {
  const d = spec.data;
  const notes: string[] = [...series.notes];
  const y = series.target;
  const progress = preparationProgress(y.length, report);
  const rawSplit = splitOrigins(y.length, {
    lookback: d.lookback,
    horizon: d.horizon,
    stride: d.stride,
    validation: d.split.validation,
    test: d.split.test,
  });
  const trainEnd = rawSplit.validationStart;

  progress.step('finding the season');
  let seasonalPeriod = d.seasonalPeriod;
  if (seasonalPeriod === null) {
    const found = detectSeasonalPeriod(y.subarray(0, trainEnd), series.frequency, progress.part('finding the season'));
    seasonalPeriod = found.period;
    notes.push(found.reason);
  }
  // Every calendar season, not just the one the target transform uses (a year beside the week).
  progress.step('looking for further seasons');
  const seasons = detectSeasons(y.subarray(0, trainEnd), series.frequency);
  if (seasons.seasons.some((s) => s.period !== seasonalPeriod)) notes.push(seasons.reason);
  if (series.targets.length > 1) {
    notes.push(
      `This run forecasts '${series.targetName}'; ${series.targets
        .slice(1)
        .map((t) => `'${t.name}'`)
        .join(', ')} enter the model as inputs.`,
    );
  }
  // Every series has its own, the series of a global model too (each is scored beside it).
  const long = longSeason(seasons, seasonalPeriod);
  const plan = fixed
    ? alignPlan(savedTargetPlan(fixed), series.time)
    : targetPlan(series, spec, rawSplit, seasonalPeriod, progress);
  notes.push(`Target: ${plan.reason}`);

  // Origins without enough history for the baseline the network corrects cannot be used.
  const first = historyNeeded(plan);
  const split: SplitOrigins = {
    ...rawSplit,
    train: fromStep(rawSplit.train, first),
    validation: fromStep(rawSplit.validation, first),
    test: fromStep(rawSplit.test, first),
  };
  if (split.train.length === 0) {
    throw new Error(
      `No training windows are left after the first ${first} steps the ${plan.kind} target needs: use a longer series or a shorter window.`,
    );
  }

  progress.step('scaling the inputs');
  const inputs: PreprocessingFile['inputs'] = [];
  const scaledInputs: Float32Array[] = [];
  // A continued model reads its target column as it was trained to, which after the validation
  // guard may differ from what its (replaced) target transform would derive.
  const columns = forecastInputColumns(series, spec, plan, fixed?.inputs[0]?.derived);
  for (const [index, c] of columns.entries()) {
    // Scalers are fitted on the training steps of the column itself, before any shift.
    const scaler = fixed
      ? savedInputScaler(fixed, c.name, index, columns.length)
      : c.derived === 'calendar'
        ? { kind: 'none' as const, center: 0, scale: 1 }
        : scope === 'global' && index === 0
          ? targetInputScaler(c, trainEnd)
          : fitScaler(c.values, c.kind, trainEnd);
    inputs.push({
      name: c.name,
      source: c.source,
      derived: c.derived,
      scaler,
      ...(c.lead > 0 ? { lead: c.lead } : {}),
    });
    scaledInputs.push(applyScaler(scaler, c.lead > 0 ? leadColumn(c.values, c.lead) : c.values));
  }
  const knownAhead = inputs.filter((i) => (i.lead ?? 0) > 0).map((i) => `'${i.name}'`);
  if (knownAhead.length > 0) {
    notes.push(
      `Known in advance: ${knownAhead.join(', ')}; each window ends with ${d.horizon === 1 ? 'its value at the forecast step' : `its values at the ${d.horizon} forecast steps`}.`,
    );
  }

  // Smoothing a long series takes seconds; done once here in segments that report progress.
  if (plan.smoothing) smoothSeries(y, plan.smoothing, progress.part('smoothing the series'));
  progress.step('scaling the targets');
  const targetScaler = fixed ? savedTargetScaler(fixed) : fitTargetScaler(y, split.train, d.horizon, plan, d.scaling);
  const targetColumn = targetColumnOf(y, first, plan, targetScaler, progress);
  const sampler = new WindowSampler(scaledInputs, [targetColumn], d.lookback, d.horizon);
  const horizon = d.horizon;
  const source: BatchSource = {
    xShape: [d.lookback, scaledInputs.length],
    yShape: [horizon],
    train: split.train,
    validation: split.validation.length ? split.validation : null,
    // The zero-initialised head makes the untrained model exactly the baseline (see model-builder).
    startIsCandidate: true,
    nextBatch(origins) {
      const { x, size } = sampler.batch(origins);
      // Targets straight from the transform: for steps beyond the first, the change is measured
      // from the last observed value (or season), which no single per-step column can hold.
      const out = new Float32Array(size * horizon);
      for (let s = 0; s < size; s++) {
        for (let k = 0; k < horizon; k++)
          out[s * horizon + k] = scale(targetScaler, networkTarget(y, origins[s], k, plan));
      }
      return { x, y: out, size };
    },
  };
  return {
    series,
    plan,
    seasonalPeriod,
    longSeason: long ? { period: long.period, label: long.label } : null,
    split,
    source,
    dims: { timesteps: d.lookback, features: scaledInputs.length, outputs: 1, horizon },
    sampler,
    targetScaler,
    inputs,
    notes,
  };
}

/** The forecast as a task for the shared run steps. */
export function forecastTask(
  series: PreparedSeries,
  spec: ExperimentSpec,
  fixed?: PreprocessingFile,
  /** Hears how far the preparation of a long series is. */
  report?: ProgressMessage,
): PreparedTask {
  const data = prepareForecast(series, spec, fixed, 'one', report);
  const notes = [
    ...data.notes,
    `${data.split.train.length} training, ${data.split.validation.length} validation and ${data.split.test.length} test windows of ${spec.data.lookback} steps × ${data.dims.features} inputs.`,
  ];
  return {
    source: data.source,
    dims: data.dims,
    loss: effectiveLoss(spec),
    notes,
    // The validation guard stands behind automatic choices only: a base the user picked is kept,
    // and so is the base of a model being continued (its starting point is a candidate of the
    // best-epoch choice, so it cannot end worse on validation than the model it continues).
    evaluate: (tf, model, training) =>
      evaluateWithFallback(tf, model, data, training, { guard: spec.data.targetTransform === 'auto' && !fixed }),
    preprocessing: () => forecastPreprocessing(spec, data),
  };
}

/** preprocessing.json for a forecast model (see shared/preprocessing.ts). */
export function forecastPreprocessing(spec: ExperimentSpec, data: ForecastData): PreprocessingFile {
  return {
    format: PREPROCESSING_FORMAT,
    version: PREPROCESSING_VERSION,
    task: spec.task,
    lookback: spec.data.lookback,
    horizon: spec.data.horizon,
    inputs: data.inputs,
    target: {
      name: data.series.targetName,
      transform: data.plan.kind,
      period: data.plan.period,
      scaler: data.targetScaler,
      ...(data.plan.profile ? { profile: savedProfile(data.plan.profile) } : {}),
      ...(data.plan.smoothing ? { smoothing: { ...data.plan.smoothing } } : {}),
      ...(data.plan.arima ? { arima: copyArima(data.plan.arima) } : {}),
      ...(data.plan.plain ? { plain: true } : {}),
    },
    timeColumn: spec.data.timeColumn,
    frequency: data.series.frequency,
    text: null,
    classes: null,
    spec,
  };
}

function targetPlan(
  series: PreparedSeries,
  spec: ExperimentSpec,
  split: SplitOrigins,
  period: number | null,
  progress: PreparationProgress,
): TargetTransformPlan {
  const y = series.target;
  const wanted = spec.data.targetTransform;
  const calendar = seriesCalendar(series.frequency, period, series.time);
  if (wanted === 'auto') {
    return chooseTargetTransform(y, {
      validationOrigins: split.validation,
      horizon: spec.data.horizon,
      period,
      calendar,
      onProgress: progress.part('choosing the target transform'),
    });
  }
  progress.step('fitting the target transform');
  if (wanted === 'seasonal-profile') {
    const profile = calendar && period !== null ? alignedProfile(y, split.validationStart, calendar, period) : null;
    if (profile) {
      return {
        kind: 'seasonal-profile',
        period,
        profile,
        reason: `the network learns the correction to the seasonal profile: the recent level carried forward by the usual change per step, plus the usual ${patternName(profile.unit)} pattern (chosen in the spec).`,
      };
    }
    return {
      kind: 'difference',
      period,
      reason: `The seasonal profile needs time stamps whose season is the calendar's (months of a monthly series, quarters, hours of the day or days of the week) and two seasons of training data${calendar ? '' : ', which this series does not have'}, so the network learns the change from the last value instead.`,
    };
  }
  if (wanted === 'exponential-smoothing') return chosenSmoothing(y, split.validationStart, period);
  if (wanted === 'arima') return chosenArima(y, split.validationStart, period);
  if (wanted === 'seasonal-residual' && period === null) {
    return {
      kind: 'difference',
      period: null,
      reason:
        'No seasonal period is known, so the network learns the change from the last value instead of the seasonal residual.',
    };
  }
  const reasons = {
    level: 'the network learns the value itself (chosen in the spec).',
    difference: 'the network learns the change from the last value (chosen in the spec).',
    'seasonal-residual': `the network learns the difference from the same step one season (${period} steps) earlier (chosen in the spec).`,
  } as const;
  return { kind: wanted, period: wanted === 'seasonal-residual' ? period : null, reason: reasons[wanted] };
}

/**
 * The scaler of the target's own input column in a global model. Standardising a series'
 * changes removes their mean, which is that series' drift: one network over many series then
 * cannot tell a growing series from a shrinking one. Scaling changes by their root mean square
 * only (as the target is scaled) keeps each series' drift visible at a common scale, the way
 * DeepAR feeds every series at its own scale. Measured in test/quality (multi-series section).
 */
function targetInputScaler(
  column: { values: ArrayLike<number>; kind: ScalerState['kind']; derived: string },
  end: number,
): ScalerState {
  if (column.kind !== 'standard' || column.derived === 'level') return fitScaler(column.values, column.kind, end);
  return fitRmsScaler(column.values, end);
}

/** The network's target at every step from `first` on, scaled: the window's target column. */
function targetColumnOf(
  y: Float64Array,
  first: number,
  plan: TargetTransformPlan,
  targetScaler: ScalerState,
  progress: PreparationProgress,
): Float32Array {
  const out = new Float32Array(y.length);
  const every = 1 << 20;
  for (let i = first; i < y.length; i++) {
    if (i % every === 0) progress.fraction('building windows', i / y.length);
    out[i] = scale(targetScaler, networkTarget(y, i, 0, plan));
  }
  return out;
}

function scale(s: ScalerState, value: number): number {
  return s.kind === 'none' ? value : (value - s.center) / s.scale;
}
