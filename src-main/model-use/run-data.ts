/**
 * The data a run was trained on, reloaded from the spec's file and prepared the same way, with
 * the run's held-out origins: validation (calibrates intervals) and test (scores, explains).
 */
import { loadTable } from '../data/import/load-table';
import type { PreparedSeries } from '../data/prepare/series';
import { pickSeries, prepareEverySeries } from '../data/prepare/multi-series';
import { splitOrigins } from '../data/prepare/split';
import { historyNeeded } from '../forecast/target-transform';
import type { LoadedRun } from './load-run';
import { RunFolderError } from './load-run';
import { missingInputs } from './model-inputs';
import { columnsOf, type SeriesColumns } from './series-columns';

export interface RunData {
  series: PreparedSeries;
  columns: SeriesColumns;
  validationStart: number;
  testStart: number;
  /** Validation origins whose whole horizon lies before the test part. */
  validation: number[];
  /** Test origins whose whole horizon lies inside the series. */
  test: number[];
}

/**
 * Loads and prepares the run's data file: series `seriesId` of a multi-series file (the one the
 * run trained on, or the first, when null). @throws DataError / RunFolderError with a user-facing message.
 */
export async function loadRunData(run: LoadedRun, seriesId: string | null = null): Promise<RunData> {
  const d = run.spec.data;
  const { table } = await loadTable(d.file, { sheet: d.sheet, typeOverrides: d.columnTypes, timeParts: d.timeParts });
  const everySeries = prepareEverySeries(table, d);
  const wanted = seriesId ?? (d.series.scope === 'one' ? d.series.id : null);
  const series = pickSeries(everySeries, { ...d, series: { ...d.series, scope: 'one', id: wanted } })[0];
  return runData(run, series);
}

/** Held-out origins of the run for a prepared series (the training-time split when run.json has it). */
export function runData(run: LoadedRun, series: PreparedSeries): RunData {
  const columns = columnsOf(series);
  const missing = missingInputs(run.pre, columns);
  if (missing.length > 0) {
    throw new RunFolderError(
      `The data no longer provides the model's inputs ${missing.map((m) => `'${m}'`).join(', ')}.`,
    );
  }
  const { lookback, horizon } = run.pre;
  const d = run.spec.data;
  const n = series.target.length;
  const ev = run.run.evaluation;
  let validationStart: number;
  let testStart: number;
  // The split recorded at training time pins the held-out part even when rows were appended since
  // (a global model records its first series' split; the others have their own lengths).
  if (ev?.kind === 'forecast' && ev.series.testStart <= n && !run.pre.series) {
    validationStart = ev.series.validationStart;
    testStart = ev.series.testStart;
  } else {
    const split = splitOrigins(n, { lookback, horizon, stride: 1, validation: d.split.validation, test: d.split.test });
    validationStart = split.validationStart;
    testStart = split.testStart;
  }
  const first = Math.max(lookback, historyNeeded(run.plan));
  const range = (from: number, last: number) =>
    Array.from({ length: Math.max(0, last - from + 1) }, (_, i) => from + i);
  return {
    series,
    columns,
    validationStart,
    testStart,
    validation: range(Math.max(first, validationStart), testStart - horizon),
    test: range(Math.max(first, testStart), n - horizon),
  };
}
