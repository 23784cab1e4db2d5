/**
 * Batch prediction on a new file shaped like the training data: checks its columns against the
 * model, forecasts from every window (including the one after the last row) and writes a CSV.
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Tf } from '../tensorflow/load-tf';
import { DataError } from '../data/data-error';
import { loadTable } from '../data/import/load-table';
import { prepareEverySeries } from '../data/prepare/multi-series';
import { historyNeeded } from '../forecast/target-transform';
import type { BatchPrediction } from '../shared/types-model-use';
import { previewRows, toCsv, type CsvValue } from './csv-safe';
import type { LoadedRun } from './load-run';
import { directForecasts } from './model-forecast';
import { missingInputs } from './model-inputs';
import { columnsOf, futureTimes, rowLabels, timeLabels } from './series-columns';
import { schemaProblems } from './schema-check';
import { runForSeries, runSeriesIds } from './series-run';

const PREVIEW_ROWS = 20;

/** Where predictions for `input` go when no output is given: beside it, `<name>-predictions.csv`. */
export function defaultPredictionPath(input: string): string {
  const { dir, name } = path.parse(input);
  return path.join(dir, `${name}-predictions.csv`);
}

/**
 * Predicts for every window of the file and writes the CSV (to `output`, or beside the file).
 * @throws DataError naming the missing or mismatched columns when the file does not fit the model.
 */
export async function predictWithRun(tf: Tf, run: LoadedRun, file: string, output?: string): Promise<BatchPrediction> {
  const { pre } = run;
  const d = run.spec.data;
  // New data is typed the way the training data was, including the user's overrides.
  const { table } = await loadTable(file, { typeOverrides: d.columnTypes, timeParts: d.timeParts });
  const schema = schemaProblems(table, pre);
  if (schema.length > 0) throw new DataError(schema.join(' '));

  // Predicting needs one window, not a training split: a horizon of 0 asks only for lookback + 1 rows.
  const prepared = prepareEverySeries(table, { ...d, horizon: 0 });
  // Wide files have no id column: their series are named by their columns.
  const idName = d.series.wide && d.targetColumns.length > 1 ? 'series' : d.idColumn;
  const trained = new Set(runSeriesIds(run));
  const problems: string[] = [];
  const h = pre.horizon;
  const header = [
    ...(idName ? [idName] : []),
    'time',
    'actual',
    ...(h === 1 ? ['forecast'] : Array.from({ length: h }, (_, k) => `forecast_step_${k + 1}`)),
  ];
  const rows: CsvValue[][] = [];
  for (const series of prepared) {
    // A global model predicts each series with that series' own scalers and baseline.
    if (trained.size > 0 && (series.id === null || !trained.has(series.id))) {
      problems.push(`The series '${series.id}' was not among the series the model was trained on; it is left out.`);
      continue;
    }
    const own = trained.size > 0 ? runForSeries(run, series.id) : run;
    const first = Math.max(pre.lookback, historyNeeded(own.plan));
    const columns = columnsOf(series);
    for (const input of pre.inputs) {
      // A category absent from this file: its indicator is 0 everywhere, as for any other row without it.
      if (input.derived !== 'calendar' && !columns.columns.has(input.source) && input.source.includes('=')) {
        columns.columns.set(input.source, new Float64Array(series.target.length));
        problems.push(`No row has '${input.source}'; its indicator is 0 throughout.`);
      }
    }
    const missing = missingInputs(pre, columns);
    if (missing.length > 0)
      throw new DataError(`The file does not provide the model's inputs ${missing.map((m) => `'${m}'`).join(', ')}.`);
    const n = series.target.length;
    if (n < first) {
      problems.push(
        `${series.id !== null ? `The series '${series.id}'` : 'The file'} has ${n} rows; the model needs ${first} before its first forecast.`,
      );
      continue;
    }
    const origins = Array.from({ length: n - first + 1 }, (_, i) => first + i);
    const forecasts = directForecasts(tf, own, columns, origins);
    const after = series.time ? timeLabels(futureTimes(series.time, series.frequency, 1)) : rowLabels(n, 1);
    origins.forEach((t, s) => {
      rows.push([
        ...(idName ? [series.id] : []),
        t < n ? series.timeLabels[t] : after[0],
        t < n ? series.target[t] : null,
        ...Array.from(forecasts.subarray(s * h, (s + 1) * h)),
      ]);
    });
    problems.push(...series.notes);
  }
  const target = output ?? defaultPredictionPath(file);
  await writeFile(target, toCsv(header, rows));
  return {
    runId: run.run.runId,
    rows: rows.length,
    file: target,
    preview: previewRows(rows, PREVIEW_ROWS),
    header,
    problems,
  };
}
