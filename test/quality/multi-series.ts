/**
 * The multi-series section of `npm run quality`: one global network over every series against
 * one network per series with the same settings, and against each series' naive and seasonal
 * naive forecasts, on a generated set of related series and on the real wide employment file.
 * Errors are MASE-style: each series' test MAE over its naive MAE, averaged (naive = 1).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { existsSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { ExperimentSpecInput } from '../../src-main/shared/spec';
import type { ForecastEvaluation } from '../../src-main/shared/types';
import { trainRun } from '../model-use/train-run';
import { relatedSeries, writeLongCsv } from './related-series';

export const EMPLOYMENT_FILE = '/work/shared/data/us-employment-monthly.csv';

export interface MultiSeriesRow {
  name: string;
  series: number;
  global: { scaledError: number; seconds: number };
  perSeries: { scaledError: number; seconds: number };
  seasonalNaive: number | null;
}

/** The settings both the global and the per-series models use. */
const SETTINGS = {
  model: { cell: 'LSTM' as const, layers: [{ units: 32 }] },
  training: {
    epochs: 40,
    batchSize: 32,
    seed: 7,
    optimizer: { learningRate: 0.003 },
    earlyStopping: { enabled: true, patience: 6, restoreBest: true },
  },
};

async function scaledErrorOf(
  spec: ExperimentSpecInput,
  dir: string,
): Promise<{ ev: ForecastEvaluation; seconds: number }> {
  const started = performance.now();
  const result = await trainRun(spec, dir);
  return { ev: result.evaluation as ForecastEvaluation, seconds: (performance.now() - started) / 1000 };
}

/** Trains the global model and one model per series on `data`, and compares them. */
export async function compareGlobal(
  name: string,
  data: ExperimentSpecInput['data'] & { file: string },
  ids: string[],
  dir: string,
): Promise<MultiSeriesRow> {
  const global = await scaledErrorOf(
    { ...SETTINGS, data: { ...data, series: { ...data.series, scope: 'all' } } },
    path.join(dir, 'global'),
  );
  const g = global.ev.global;
  if (!g) throw new Error(`${name}: the global run has no per-series scores.`);
  let perSeconds = 0;
  const perErrors: number[] = [];
  for (const id of g.series.map((s) => s.id)) {
    const one = await scaledErrorOf(
      { ...SETTINGS, data: { ...data, series: { ...data.series, scope: 'one', id } } },
      path.join(dir, `one-${ids.indexOf(id)}`),
    );
    perSeconds += one.seconds;
    perErrors.push(one.ev.metrics.mae / one.ev.baselines.naive.mae);
  }
  return {
    name,
    series: g.series.length,
    global: {
      scaledError: g.aggregate.meanScaledError,
      seconds: global.seconds,
    },
    perSeries: { scaledError: perErrors.reduce((a, b) => a + b, 0) / perErrors.length, seconds: perSeconds },
    seasonalNaive: g.aggregate.seasonalNaiveScaledError,
  };
}

export async function runMultiSeries(): Promise<MultiSeriesRow[]> {
  const dir = await mkdtemp(path.join(tmpdir(), 'quality-multi-'));
  try {
    const rows: MultiSeriesRow[] = [];
    const generated = relatedSeries(60, 21, 60, 120);
    const file = path.join(dir, 'related.csv');
    await writeLongCsv(file, generated);
    rows.push(
      await compareGlobal(
        '60 related series (generated)',
        { file, timeColumn: 'month', idColumn: 'id', targetColumns: ['value'], lookback: 12 },
        generated.map((s) => s.id),
        path.join(dir, 'related'),
      ),
    );
    if (existsSync(EMPLOYMENT_FILE)) {
      const header = readFileSync(EMPLOYMENT_FILE, 'utf8').split('\n')[0].split(',');
      const columns = header.slice(1).map((c) => c.trim());
      rows.push(
        await compareGlobal(
          'US employment, 23 wide columns',
          {
            file: EMPLOYMENT_FILE,
            timeColumn: 'month',
            targetColumns: columns,
            lookback: 12,
            series: { scope: 'all', wide: true },
          },
          columns,
          path.join(dir, 'employment'),
        ),
      );
    }
    return rows;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** The section's table: mean scaled error (naive = 1) and training seconds. */
export function formatMultiSeries(rows: MultiSeriesRow[]): string {
  const r = (x: number | null) => (x === null ? '-' : x.toFixed(3));
  const lines = [
    '| set | series | global (scaled error) | per-series models | seasonal naive | naive | global s | per-series s |',
    '| --- | --- | --- | --- | --- | --- | --- | --- |',
  ];
  for (const row of rows) {
    lines.push(
      `| ${row.name} | ${row.series} | ${r(row.global.scaledError)} | ${r(row.perSeries.scaledError)} | ${r(row.seasonalNaive)} | 1.000 | ${row.global.seconds.toFixed(1)} | ${row.perSeries.seconds.toFixed(1)} |`,
    );
  }
  return lines.join('\n');
}

/** Targets: the global model beats per-series models and both baselines in aggregate. */
export function multiSeriesFailures(row: MultiSeriesRow): string[] {
  const out: string[] = [];
  if (!(row.global.scaledError < 1)) out.push('global model does not beat naive');
  if (row.seasonalNaive !== null && !(row.global.scaledError < row.seasonalNaive))
    out.push('global model does not beat seasonal naive');
  if (!(row.global.scaledError < row.perSeries.scaledError)) out.push('global model does not beat per-series models');
  return out;
}
