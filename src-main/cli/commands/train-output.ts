/** What `recurrent train` prints and writes: a progress line and metrics.json. */
import type { ForecastEvaluation, RunResult, TrainProgress } from '../../shared/types';
import type { SplitWindows } from '../../shared/types-checks';
import { globalLines } from './global-report';
import { seq2seqLines } from './seq2seq-report';

export function formatProgress(p: TrainProgress): string {
  const parts = [`epoch ${p.epoch}/${p.epochs}`, `batch ${p.batch}/${p.batchesPerEpoch}`];
  if (p.batchLoss !== null) parts.push(`loss ${p.batchLoss.toPrecision(4)}`);
  if (p.samplesPerSecond !== null) parts.push(`${Math.round(p.samplesPerSecond)} samples/s`);
  if (p.etaSeconds !== null) parts.push(`ETA ${Math.ceil(p.etaSeconds)} s`);
  return `[${p.phase}] ${parts.join('  ')}${p.message ? `  ${p.message}` : ''}`;
}

/**
 * metrics.json: the backend used and the test metrics beside the baselines on the same split; for
 * a many-series model, every series' scores and the aggregate instead.
 */
export function metricsFile(result: RunResult): Record<string, unknown> {
  const ev = result.evaluation;
  return {
    status: result.status,
    backend: result.backend,
    fused: result.fused,
    durationSeconds: result.durationSeconds,
    epochs: result.history.length,
    ...(ev?.kind === 'forecast' ? forecastScores(ev) : { evaluation: ev }),
    error: result.error,
  };
}

function forecastScores(ev: ForecastEvaluation): Record<string, unknown> {
  // One network over many series: the scores are per series (each in its own units) and their
  // scaled aggregate; no single series' figures stand for the run.
  if (ev.global) {
    return {
      target: ev.target,
      horizon: ev.horizon,
      scaledError: ev.global.aggregate.meanScaledError,
      aggregate: ev.global.aggregate,
      series: ev.global.series,
      verdict: ev.verdict,
    };
  }
  return {
    target: ev.target,
    horizon: ev.horizon,
    targetTransform: ev.targetTransform,
    ...(ev.baseModel ? { baseModel: ev.baseModel } : {}),
    seasonalPeriod: ev.seasonalPeriod,
    test: ev.metrics,
    naive: ev.baselines.naive,
    seasonalNaive: ev.baselines.seasonalNaive,
    ...(ev.longSeason ? { longSeason: ev.longSeason, longSeasonNaive: ev.baselines.longSeasonNaive ?? null } : {}),
    verdict: ev.verdict,
  };
}

/** "Samples per split: 940 training, 219 validation, 219 test windows." */
export function windowsLine(w: SplitWindows): string {
  return `Samples per split: ${w.train} training, ${w.validation} validation, ${w.test} test ${w.unit}.`;
}

/** The summary `recurrent train` prints when a run ends: the test scores beside the baselines. */
export function summaryText(result: RunResult, outDir: string): string {
  const lines = [
    `Run ${result.status} on the ${result.backend} backend in ${(result.durationSeconds ?? 0).toFixed(1)} s.`,
  ];
  const ev = result.evaluation;
  if (ev?.kind === 'forecast' && ev.global) {
    // A many-series model: the aggregate and the hardest series, not the first series' own table.
    lines.push(`Test split, ${ev.global.aggregate.seriesCount} series, ${ev.horizon} step(s) ahead:`);
    if (ev.verdict) lines.push(ev.verdict);
    lines.push(...globalLines(ev.global));
  } else if (ev?.kind === 'forecast') {
    const row = (name: string, m: { rmse: number; mae: number; r2: number }) =>
      `  ${name.padEnd(16)} RMSE ${figure(m.rmse)}  MAE ${figure(m.mae)}  R² ${m.r2.toFixed(3)}`;
    lines.push(`Test split, ${ev.target} in original units:`);
    lines.push(row('model', ev.metrics));
    lines.push(row('naive', ev.baselines.naive));
    if (ev.baselines.seasonalNaive) lines.push(row(`seasonal naive`, ev.baselines.seasonalNaive));
    if (ev.baselines.longSeasonNaive && ev.longSeason)
      lines.push(row(`${ev.longSeason.label} before`, ev.baselines.longSeasonNaive));
    if (ev.verdict) lines.push(ev.verdict);
  }
  if (ev?.kind === 'sequence-to-sequence') lines.push(...seq2seqLines(ev));
  if (ev && ev.kind !== 'generation' && ev.caution) lines.push(ev.caution);
  lines.push(`Model, spec and metrics written to ${outDir}`);
  return lines.join('\n');
}

function figure(x: number): string {
  return Math.abs(x) >= 1000 ? x.toFixed(0) : x.toPrecision(4);
}
