/**
 * Future forecasts of every series of a global model, as one table with the series id first:
 * the file is read and prepared once, then each series is forecast with its own scalers.
 */
import { loadTable } from '../data/import/load-table';
import { prepareEverySeries } from '../data/prepare/multi-series';
import type { FutureForecast } from '../shared/types-model-use';
import type { Tf } from '../tensorflow/load-tf';
import { toCsv } from './csv-safe';
import { futureForecast, futureForecastRows, type FutureOptions } from './forecast-future';
import type { LoadedRun } from './load-run';
import { runData } from './run-data';
import { runForSeries, runSeriesIds } from './series-run';

/** Each series' future forecast, in the order the model saved its series. */
export async function everySeriesForecast(
  tf: Tf,
  run: LoadedRun,
  opts: FutureOptions,
): Promise<{ id: string; forecast: FutureForecast }[]> {
  const ids = runSeriesIds(run);
  const d = run.spec.data;
  const { table } = await loadTable(d.file, { sheet: d.sheet, typeOverrides: d.columnTypes, timeParts: d.timeParts });
  const byId = new Map(prepareEverySeries(table, d).map((s) => [s.id, s]));
  const out: { id: string; forecast: FutureForecast }[] = [];
  for (const id of ids) {
    const series = byId.get(id);
    // A series trained on but gone from the file since cannot be forecast; the others still are.
    if (!series) continue;
    const own = runForSeries(run, id);
    out.push({ id, forecast: futureForecast(tf, own, runData(own, series), opts) });
  }
  return out;
}

/** One CSV for every series: the id column (named like the file's id column), then the usual columns. */
export function everySeriesCsv(run: LoadedRun, forecasts: { id: string; forecast: FutureForecast }[]): string {
  const idName = run.spec.data.series.wide ? 'series' : (run.spec.data.idColumn ?? 'series');
  let header: string[] = [idName];
  const rows: (string | number)[][] = [];
  for (const { id, forecast } of forecasts) {
    const own = futureForecastRows(forecast);
    header = [idName, ...own.header];
    for (const row of own.rows) rows.push([id, ...row]);
  }
  return toCsv(header, rows);
}
