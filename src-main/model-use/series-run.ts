/**
 * A global model used for one of its series: the run with that series' own scalers and target
 * transform in place of the first series', so every model-use path (future forecasts, intervals,
 * backtests) works for any series by id without knowing the model is global.
 */
import { DataError } from '../data/data-error';
import { savedTargetPlan } from '../engine/tasks/common/fixed-preprocessing';
import type { LoadedRun } from './load-run';

/** The ids a global run can forecast; empty for a model of one series. */
export function runSeriesIds(run: LoadedRun): string[] {
  return (run.pre.series ?? []).map((s) => s.id);
}

/**
 * The run as seen by series `id`. A null id, or a model of one series, returns the run itself.
 * @throws DataError naming the run's series when `id` is not one of them.
 */
export function runForSeries(run: LoadedRun, id: string | null): LoadedRun {
  const all = run.pre.series;
  if (id === null || !all) {
    if (id !== null) throw new DataError(`This model was trained on one series; it has no series '${id}' to choose.`);
    return run;
  }
  const own = all.find((s) => s.id === id);
  if (!own) {
    const shown = all.slice(0, 10).map((s) => `'${s.id}'`);
    throw new DataError(
      `The model has no series '${id}'. Its series are ${shown.join(', ')}${all.length > 10 ? ` and ${all.length - 10} more` : ''}.`,
    );
  }
  const pre = { ...run.pre, inputs: own.inputs, target: own.target };
  return { ...run, pre, plan: savedTargetPlan(pre) };
}
