/**
 * Long forecasts (`npm run quality -- --long`): each forecast case's defaults are trained through
 * the app's run path into a run folder; the series is then cut one, two and three forecast
 * lengths before its end, and each cut is forecast that many steps ahead as the Forecast view
 * does (`futureForecast`: fed back past the horizon, leaning on a plain reference where its
 * backtest says so), beside the fed-back network alone and the flat last value. Every scored
 * value lies after its cut, so nothing it is scored on was seen by the forecast from that cut.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { PreparedSeries } from '../../src-main/data/prepare/series';
import { loadTable } from '../../src-main/data/import/load-table';
import { runExperiment } from '../../src-main/experiment/run-experiment';
import { suggestSpec } from '../../src-main/experiment/suggest-spec';
import { TrainControl } from '../../src-main/engine/training/train-control';
import { withSeasons } from '../../src-main/forecast/seasons-summary';
import { futureForecast } from '../../src-main/model-use/forecast-future';
import { loadRun } from '../../src-main/model-use/load-run';
import { forecastAhead } from '../../src-main/model-use/model-forecast';
import { loadRunData, runData } from '../../src-main/model-use/run-data';
import { loadTf } from '../../src-main/tensorflow/load-tf';
import type { QualityCase, SuitePart } from './run-case';

/** Steps forecast from each cut, by the series' time step. */
const LENGTH: Record<string, number> = { hourly: 48, daily: 60, weekly: 26, monthly: 24, quarterly: 8, yearly: 5 };
const CUTS = 3;

export interface LongHorizonResult {
  case: QualityCase;
  steps: number;
  /** Cuts made (fewer than three on a short series). */
  cuts: number;
  /** Cuts whose forecast leaned on a plain reference. */
  blended: number;
  /** RMSE over every scored step of every cut. */
  shown: number;
  fedBack: number;
  flat: number;
}

function cut(s: PreparedSeries, n: number): PreparedSeries {
  return {
    ...s,
    time: s.time ? s.time.slice(0, n) : null,
    timeLabels: s.timeLabels.slice(0, n),
    target: s.target.slice(0, n),
    targets: s.targets.map((t) => ({ ...t, values: t.values.slice(0, n) })),
    features: s.features.map((f) => ({ ...f, values: f.values.slice(0, n) })),
  };
}

const quiet = () => undefined;

/** Trains the case's defaults into a run folder and scores long forecasts from three cuts. */
export async function runLongHorizon(c: QualityCase): Promise<LongHorizonResult> {
  const { tf } = await loadTf();
  const { summary } = withSeasons(await loadTable(c.file));
  const suggested = suggestSpec(summary, { target: c.target });
  const spec =
    c.id === undefined
      ? suggested
      : { ...suggested, data: { ...suggested.data, series: { ...suggested.data.series, id: c.id } } };
  const dir = await mkdtemp(path.join(tmpdir(), 'recurrent-quality-long-'));
  try {
    const result = await runExperiment(spec, {
      runId: path.basename(dir),
      outDir: dir,
      control: new TrainControl(),
      onProgress: quiet,
      onEpoch: quiet,
      log: quiet,
    });
    if (result.status !== 'completed') throw new Error(`${c.name}: the run ${result.status}: ${result.error ?? ''}`);
    const run = await loadRun(tf, dir);
    const full = await loadRunData(run, c.id ?? null);
    const y = full.series.target;
    const steps = LENGTH[full.series.frequency ?? ''] ?? 12;
    const sq = { shown: 0, fedBack: 0, flat: 0, count: 0 };
    let blended = 0;
    let cuts = 0;
    for (let i = 0; i < CUTS; i++) {
      const end = y.length - (i + 1) * steps;
      const series = cut(full.series, end);
      let data;
      try {
        data = runData(run, series);
      } catch {
        // Too short once cut to hold the run's windows: a short series gets fewer cuts, or none.
        break;
      }
      cuts++;
      const shown = futureForecast(tf, run, data, { steps, levels: [] });
      const fedBack = forecastAhead(tf, run, data.columns, steps, series.frequency);
      if (shown.longRangeNote) blended++;
      for (let k = 0; k < steps; k++) {
        const truth = y[end + k];
        sq.shown += (truth - shown.point[k]) ** 2;
        sq.fedBack += (truth - fedBack[k]) ** 2;
        sq.flat += (truth - y[end - 1]) ** 2;
        sq.count++;
      }
    }
    const rmse = (x: number) => (sq.count > 0 ? Math.sqrt(x / sq.count) : Number.NaN);
    return { case: c, steps, cuts, blended, shown: rmse(sq.shown), fedBack: rmse(sq.fedBack), flat: rmse(sq.flat) };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** One part's table: RMSE of the forecast shown, the fed-back network alone and the flat last value. */
export function formatLongHorizonPart(part: SuitePart, results: LongHorizonResult[]): string {
  const all = results.filter((r) => r.case.part === part);
  const rows = all.filter((r) => r.cuts > 0);
  const short = all.filter((r) => r.cuts === 0).map((r) => r.case.name);
  if (all.length === 0) return '';
  const fig = (x: number) => x.toPrecision(4);
  const lines = [
    `## Long forecasts, ${part} part (RMSE over ${CUTS} cuts, each forecast that many steps ahead)`,
    '',
    '| series | steps | cuts leaning on a reference | forecast shown | fed-back network alone | flat last value | shown ÷ fed back |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows.map(
      (r) =>
        `| ${r.case.name} | ${r.steps} | ${r.blended} of ${r.cuts} | ${fig(r.shown)} | ${fig(r.fedBack)} | ${fig(r.flat)} | ${(r.shown / r.fedBack).toFixed(3)} |`,
    ),
  ];
  const ratios = rows.map((r) => r.shown / r.fedBack).filter((x) => Number.isFinite(x) && x > 0);
  const geo = Math.exp(ratios.reduce((s, x) => s + Math.log(x), 0) / Math.max(ratios.length, 1));
  const beatsFlat = rows.filter((r) => r.shown < r.flat).length;
  lines.push(
    '',
    `Forecast shown ÷ fed-back network alone, geometric mean: ${geo.toFixed(3)}; the shown forecast beats the flat last value on ${beatsFlat} of ${rows.length}.`,
  );
  if (short.length > 0) lines.push(`Too short to cut and still hold the model's windows: ${short.join(', ')}.`);
  return lines.join('\n');
}
