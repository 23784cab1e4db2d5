/**
 * A "known future" input is read at the forecast step itself. That is right for a calendar or a
 * planned promotion, and look-ahead leakage for another measured series (the other stock prices
 * of the same day): the model then "forecasts" from what it could not have known, and its test
 * scores are too good to be true. Measured series look different from plans: many distinct values
 * that wander like the target.
 */
import type { Table } from '../data/table';
import type { ExperimentSpec } from '../shared/spec';

/** More distinct values than a calendar field (hours, days of month) or a flag ever has. */
const PLAN_LIKE_DISTINCT = 32;

/** One caution per known-future column that looks like a measured series, naming it. */
export function knownFutureLeakage(table: Table, spec: ExperimentSpec): string[] {
  if (spec.task !== 'forecast') return [];
  const cautions: string[] = [];
  for (const name of spec.data.knownFutureColumns) {
    const column = table.columns.find((c) => c.name === name);
    if (!column || column.type !== 'numeric' || !looksMeasured(column.values)) continue;
    cautions.push(
      `'${name}' is used as known in advance, but it varies like a measured series. Unless its future values ` +
        `truly are known when you forecast (a plan, a schedule, a forecast you trust), move it to the past-only ` +
        `inputs: otherwise the model reads the answer's neighbourhood from the future and its scores are too good to be true.`,
    );
  }
  return cautions;
}

/** Many distinct values and not a plain counter (row numbers, a time index). */
function looksMeasured(values: Float64Array): boolean {
  const distinct = new Set<number>();
  let steady = true;
  let previousStep: number | null = null;
  for (let i = 0; i < values.length; i++) {
    const v = values[i];
    if (Number.isNaN(v)) continue;
    distinct.add(v);
    if (i > 0 && !Number.isNaN(values[i - 1])) {
      const step = v - values[i - 1];
      if (previousStep !== null && Math.abs(step - previousStep) > 1e-9) steady = false;
      previousStep = step;
    }
  }
  return distinct.size > PLAN_LIKE_DISTINCT && !steady;
}
