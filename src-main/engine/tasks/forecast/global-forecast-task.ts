/**
 * A global forecast model: one network trained over windows from every series of a file, each
 * series with its own scalers and target transform (so a store selling thousands and one selling
 * tens feed the network on the same footing). Modern neural forecasters (DeepAR, N-BEATS, the
 * M4 winner) are global for the same reason: related series teach the network their common
 * shapes. Evaluation scores every series beside its own baselines, plus the aggregate.
 */
import type * as tfTypes from '@tensorflow/tfjs';
import type { PreparedSeries } from '../../../data/prepare/series';
import type { PreprocessingFile } from '../../../shared/preprocessing';
import type { ExperimentSpec } from '../../../shared/spec';
import { effectiveLoss } from '../../../shared/spec';
import type { ForecastEvaluation, GlobalForecastScores, SeriesScore } from '../../../shared/types';
import type { Tf } from '../../../tensorflow/load-tf';
import type { BatchSource } from '../../training/batch-source';
import type { PreparedTask } from '../prepared-task';
import type { ForecastData } from './forecast-data';
import { evaluateForecast } from './forecast-evaluation';
import { applyGlobalGuard, shortName } from './global-forecast-guard';
import { forecastPreprocessing, prepareForecast } from './forecast-task';
import { throttledProgress } from './preparation-progress';
import type { ProgressMessage } from './preparation-progress';

/**
 * A saved global model's preprocessing as series `id` sees it (its own scalers and target
 * transform), or null when the model has no such series.
 */
export function savedForSeries(fixed: PreprocessingFile, id: string | null): PreprocessingFile | null {
  const own = fixed.series?.find((s) => s.id === id);
  return own ? { ...fixed, inputs: own.inputs, target: own.target } : null;
}

/**
 * The series that can be windowed, prepared; the others with the reason they were left out.
 * With `fixed` (continued training) every series keeps the scalers it was trained with.
 */
export function prepareGlobal(
  all: PreparedSeries[],
  spec: ExperimentSpec,
  fixed?: PreprocessingFile,
  /** Hears how many of the series are prepared: each takes its own season search and transform choice. */
  report?: ProgressMessage,
): { data: ForecastData[]; leftOut: string[] } {
  const data: ForecastData[] = [];
  const leftOut: string[] = [];
  const progress = report ? throttledProgress(report).part('preparing every series') : () => undefined;
  for (const [i, series] of all.entries()) {
    progress(i / all.length);
    try {
      const saved = fixed ? savedForSeries(fixed, series.id) : undefined;
      if (saved === null) {
        leftOut.push(`'${series.id}': the model being continued was not trained on it, so it has no scalers for it`);
        continue;
      }
      const d = prepareForecast(series, spec, saved, 'global');
      if (data.length > 0 && d.dims.features !== data[0].dims.features) {
        leftOut.push(`'${series.id}': it has ${d.dims.features} inputs, the first series ${data[0].dims.features}`);
      } else data.push(d);
    } catch (e) {
      leftOut.push(`'${series.id}': ${(e as Error).message}`);
    }
  }
  progress(1);
  if (data.length === 0) {
    throw new Error(`No series can be windowed for training: ${leftOut.slice(0, 5).join('; ')}`);
  }
  return { data, leftOut };
}

/** Origins of every series on one number line: series i's origin t is offsets[i] + t. */
export function globalOrigins(
  data: ForecastData[],
  part: 'train' | 'validation',
): { origins: Int32Array; offsets: Int32Array } {
  const offsets = new Int32Array(data.length);
  let total = 0;
  let count = 0;
  data.forEach((d, i) => {
    offsets[i] = total;
    total += d.series.target.length;
    count += d.split[part].length;
  });
  if (total > 2 ** 31 - 1) throw new Error('The series together have more steps than one run can index.');
  const origins = new Int32Array(count);
  let at = 0;
  data.forEach((d, i) => {
    for (const t of d.split[part]) origins[at++] = offsets[i] + t;
  });
  return { origins, offsets };
}

/** Which series a global origin belongs to (binary search over the offsets). */
function seriesOf(offsets: Int32Array, origin: number): number {
  let lo = 0;
  let hi = offsets.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (offsets[mid] <= origin) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** Batches that mix windows of every series, each built by its own series' source. */
export function globalSource(data: ForecastData[]): BatchSource {
  const train = globalOrigins(data, 'train');
  const validation = globalOrigins(data, 'validation').origins;
  const { offsets } = train;
  const first = data[0].source;
  const xSize = first.xShape[0] * first.xShape[1];
  const ySize = first.yShape[0];
  return {
    xShape: first.xShape,
    yShape: first.yShape,
    train: train.origins,
    validation: validation.length > 0 ? validation : null,
    startIsCandidate: true,
    nextBatch(origins) {
      const size = origins.length;
      const x = new Float32Array(size * xSize);
      const y = new Float32Array(size * ySize);
      // Group the batch by series so each series builds its windows in one call.
      const groups = new Map<number, number[]>();
      for (let s = 0; s < size; s++) {
        const i = seriesOf(offsets, origins[s]);
        let g = groups.get(i);
        if (!g) groups.set(i, (g = []));
        g.push(s);
      }
      for (const [i, slots] of groups) {
        const local = Int32Array.from(slots, (s) => origins[s] - offsets[i]);
        const b = data[i].source.nextBatch(local);
        slots.forEach((s, k) => {
          x.set(b.x.subarray(k * xSize, (k + 1) * xSize), s * xSize);
          y.set(b.y.subarray(k * ySize, (k + 1) * ySize), s * ySize);
        });
      }
      return { x, y, size };
    },
  };
}

function score(id: string, ev: ForecastEvaluation, plan: ForecastData['plan']): SeriesScore {
  const naiveMae = ev.baselines.naive.mae;
  return {
    id,
    ...(plan.plain ? { plainForecast: shortName(plan.kind) } : {}),
    ...(ev.baseModel ? { baseModel: ev.baseModel } : {}),
    metrics: ev.metrics,
    naive: ev.baselines.naive,
    seasonalNaive: ev.baselines.seasonalNaive,
    ...(ev.longSeason ? { longSeason: ev.longSeason, longSeasonNaive: ev.baselines.longSeasonNaive ?? null } : {}),
    scaledError: naiveMae > 0 ? ev.metrics.mae / naiveMae : ev.metrics.mae === 0 ? 1 : Infinity,
  };
}

/**
 * Every series' scores and the MASE-style aggregate (each series' MAE over its naive MAE,
 * averaged); each baseline's the same way over the series that have it.
 */
export function globalScores(scores: SeriesScore[]): GlobalForecastScores {
  const finite = scores.filter((s) => Number.isFinite(s.scaledError));
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
  const seasonal = finite.filter((s) => s.seasonalNaive && s.naive.mae > 0);
  const long = finite.flatMap((s) =>
    s.longSeasonNaive && Number.isFinite(s.longSeasonNaive.mae) && s.naive.mae > 0
      ? [s.longSeasonNaive.mae / s.naive.mae]
      : [],
  );
  return {
    series: scores,
    aggregate: {
      seriesCount: scores.length,
      meanScaledError: mean(finite.map((s) => s.scaledError)),
      seasonalNaiveScaledError:
        seasonal.length > 0 ? mean(seasonal.map((s) => (s.seasonalNaive?.mae ?? 0) / s.naive.mae)) : null,
      longSeasonNaiveScaledError: long.length > 0 ? mean(long) : null,
      seriesBeatingBaselines: scores.filter(
        (s) => s.metrics.mae < s.naive.mae && (!s.seasonalNaive || s.metrics.mae < s.seasonalNaive.mae),
      ).length,
    },
  };
}

function verdictOf(g: GlobalForecastScores): string {
  const a = g.aggregate;
  const r = (x: number) => Number(x.toPrecision(3)).toString();
  const seasonal = a.seasonalNaiveScaledError === null ? '' : `, seasonal naive ${r(a.seasonalNaiveScaledError)}`;
  const longScaled = a.longSeasonNaiveScaledError ?? null;
  const long = longScaled === null ? '' : `, the same time ${longSeasonName(g.series)} before ${r(longScaled)}`;
  return `Across ${a.seriesCount} series the model's mean scaled error is ${r(a.meanScaledError)} (naive = 1${seasonal}${long}); it beats both naive and seasonal naive on ${a.seriesBeatingBaselines} of them.`;
}

/** The long season the series were scored against ("1 year"), or a general name when they differ. */
function longSeasonName(series: SeriesScore[]): string {
  const labels = new Set(series.flatMap((s) => (s.longSeasonNaive && s.longSeason ? [s.longSeason.label] : [])));
  return labels.size === 1 ? [...labels][0] : 'one long season';
}

/**
 * Evaluates the global model on every series' test windows. With `guard` (automatic choices, not a
 * continued model) each series is first judged against its plain forecasts on its validation
 * windows (global-forecast-guard.ts), and the verdict says which series forecast one instead.
 */
export function evaluateGlobal(
  tf: Tf,
  model: tfTypes.LayersModel,
  data: ForecastData[],
  options: { guard: boolean } = { guard: false },
): ForecastEvaluation {
  const guard = options.guard ? applyGlobalGuard(tf, model, data) : null;
  const evaluations = data.map((d) => evaluateForecast(tf, model, d));
  const ids = data.map((d, i) => d.series.id ?? String(i + 1));
  const scores = globalScores(evaluations.map((ev, i) => score(ids[i], ev, data[i].plan)));
  const charts = Object.fromEntries(evaluations.map((ev, i) => [ids[i], ev.series]));
  const verdict = [verdictOf(scores), guard?.note].filter(Boolean).join(' ');
  return { ...evaluations[0], verdict, global: { ...scores, charts } };
}

/** preprocessing.json of a global model: the first series' as usual, plus every series' own scalers. */
export function globalPreprocessing(spec: ExperimentSpec, data: ForecastData[]): PreprocessingFile {
  const series = data.map((d, i) => {
    const own = forecastPreprocessing(spec, d);
    if (!own.target) throw new Error('A forecast always has a target.');
    return { id: d.series.id ?? String(i + 1), inputs: own.inputs, target: own.target };
  });
  return { ...forecastPreprocessing(spec, data[0]), series };
}

/**
 * One network over every series, as a task for the shared run steps; with `fixed`, continued
 * training of a global model over the series it was trained on.
 */
export function globalForecastTask(
  all: PreparedSeries[],
  spec: ExperimentSpec,
  fixed?: PreprocessingFile,
  report?: ProgressMessage,
): PreparedTask {
  const { data, leftOut } = prepareGlobal(all, spec, fixed, report);
  const source = globalSource(data);
  const notes = [
    ...all[0].notes,
    `One network is trained over ${data.length} series, each scaled on its own; ${source.train.length} training and ${source.validation?.length ?? 0} validation windows of ${spec.data.lookback} steps × ${data[0].dims.features} inputs.`,
  ];
  if (leftOut.length > 0) {
    const shown = leftOut.slice(0, 20).join('; ');
    notes.push(`${leftOut.length} series left out: ${shown}${leftOut.length > 20 ? '; …' : ''}.`);
  }
  return {
    source,
    dims: data[0].dims,
    loss: effectiveLoss(spec),
    notes,
    // As for one series, the guard stands behind automatic choices and not behind a continued model.
    evaluate: (tf, model) => evaluateGlobal(tf, model, data, { guard: spec.data.targetTransform === 'auto' && !fixed }),
    preprocessing: () => globalPreprocessing(spec, data),
  };
}
