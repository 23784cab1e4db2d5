/** Forecasts beyond the end of a run's data, with time stamps and split-conformal intervals. */
import type { Tf } from '../tensorflow/load-tf';
import { clipToFloor, dataFloor } from '../forecast/data-floor';
import { applyIntervals } from '../forecast/intervals';
import type { FutureForecast } from '../shared/types-model-use';
import { backtestLongForecast, calibrate } from './calibration';
import { longRangeBlend, longRangeSeasons } from './long-range-blend';
import type { LoadedRun } from './load-run';
import { forecastAhead } from './model-forecast';
import type { RunData } from './run-data';
import { futureTimes, rowLabels, timeLabels } from './series-columns';

export interface FutureOptions {
  steps: number;
  /** Interval coverage levels, e.g. [0.8, 0.95]. */
  levels: number[];
  /** Global models: the series to forecast, by id (null or absent: the first). */
  series?: string | null;
}

/** The future forecast for a loaded run and its reloaded data. */
export function futureForecast(tf: Tf, run: LoadedRun, data: RunData, opts: FutureOptions): FutureForecast {
  const { steps } = opts;
  if (!Number.isInteger(steps) || steps < 1)
    throw new RangeError(`Forecast steps must be a whole number ≥ 1 (got ${steps}).`);
  const levels = [...new Set(opts.levels)].sort((a, b) => a - b);
  const { series, columns } = data;
  let point = forecastAhead(tf, run, columns, steps, series.frequency);
  // Past the horizon the forecast is fed back; its backtest sizes the bands and says whether a
  // plain long-range forecast should take over where the network drifts.
  let backtest =
    steps > run.pre.horizon
      ? backtestLongForecast(tf, run, columns, data.validation, steps, series.frequency)
      : undefined;
  const blended = backtest
    ? longRangeBlend(series.target, point, backtest, longRangeSeasons(run, series.frequency), run.pre)
    : null;
  if (blended) {
    point = blended.point;
    backtest = blended.backtest;
  }
  const calibration = levels.length
    ? calibrate(tf, run, columns, data.validation, levels, steps, 'validation', series.frequency, backtest)
    : { offsets: [], method: 'no intervals requested' };
  const floor = dataFloor(series.target);
  const clipped = clipToFloor(point, applyIntervals(point, calibration.offsets), floor ?? Number.NEGATIVE_INFINITY);
  const bands = clipped.bands;
  const n = series.target.length;
  const time = series.time ? timeLabels(futureTimes(series.time, series.frequency, steps)) : rowLabels(n, steps);
  const keep = Math.min(n, Math.max(4 * run.pre.lookback, 2 * steps, 60));
  return {
    runId: run.run.runId,
    target: series.targetName,
    time,
    point: clipped.point,
    intervals: bands.map((b) => ({ level: b.level, lower: b.lower, upper: b.upper })),
    history: { time: series.timeLabels.slice(n - keep), values: Array.from(series.target.subarray(n - keep)) },
    intervalMethod:
      clipped.raised > 0
        ? `${calibration.method} The series never goes below ${floor}, so neither do the forecast and its bands.`
        : calibration.method,
    longRangeNote: blended?.note ?? null,
  };
}

/** CSV of a future forecast: time, forecast, then lower_80, upper_80, … per level (formulas neutralized). */
export function futureForecastRows(f: FutureForecast): { header: string[]; rows: (string | number)[][] } {
  const header = ['time', 'forecast'];
  for (const b of f.intervals) {
    const pct = Math.round(b.level * 1000) / 10;
    header.push(`lower_${pct}`, `upper_${pct}`);
  }
  const rows = f.time.map((t, k) => {
    const row: (string | number)[] = [t, f.point[k]];
    for (const b of f.intervals) row.push(b.lower[k], b.upper[k]);
    return row;
  });
  return { header, rows };
}
