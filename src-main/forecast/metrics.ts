/** Regression metrics in original units. MAPE is null when actuals cross or touch zero (mapeOmission says why). */
import type { RegressionMetrics } from '../shared/types';

/**
 * RMSE, MAE, R², MAPE and sMAPE (both in percent) of `predicted` against `actual`.
 *
 * Pairs where either value is not finite are skipped, so a gap in the actuals does not poison
 * every metric. R² follows the usual convention for a constant actual series: 1 for a perfect
 * fit, otherwise 0, so it stays a finite number that survives JSON. MAPE is null when the
 * actuals cross zero or any is at or near zero (under 1% of their mean size; `mapeOmission` says
 * why); an sMAPE term with actual = predicted = 0 counts as a perfect 0.
 *
 * @throws RangeError when the arrays differ in length or hold no finite pair.
 */
export function regressionMetrics(actual: ArrayLike<number>, predicted: ArrayLike<number>): RegressionMetrics {
  if (actual.length !== predicted.length) {
    throw new RangeError(
      `Metrics need as many forecasts as actual values (got ${predicted.length} and ${actual.length}).`,
    );
  }
  let count = 0;
  let sumSquared = 0;
  let sumAbsolute = 0;
  let sumActual = 0;
  let sumPercent = 0;
  let sumSymmetric = 0;
  let hasZeroActual = false;
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i];
    const p = predicted[i];
    if (!Number.isFinite(a) || !Number.isFinite(p)) continue;
    const error = p - a;
    count++;
    sumSquared += error * error;
    sumAbsolute += Math.abs(error);
    sumActual += a;
    if (a === 0) hasZeroActual = true;
    else sumPercent += Math.abs(error / a);
    const denominator = Math.abs(a) + Math.abs(p);
    if (denominator > 0) sumSymmetric += (2 * Math.abs(error)) / denominator;
  }
  if (count === 0) throw new RangeError('Metrics need at least one pair of finite actual and forecast values.');

  const meanActual = sumActual / count;
  let totalSquares = 0;
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i];
    if (!Number.isFinite(a) || !Number.isFinite(predicted[i])) continue;
    totalSquares += (a - meanActual) ** 2;
  }
  let r2: number;
  if (totalSquares > 0) r2 = 1 - sumSquared / totalSquares;
  else r2 = sumSquared === 0 ? 1 : 0;

  return {
    rmse: Math.sqrt(sumSquared / count),
    mae: sumAbsolute / count,
    r2,
    mape: hasZeroActual || mapeOmission(actual, predicted) ? null : (100 * sumPercent) / count,
    smape: (100 * sumSymmetric) / count,
  };
}

/** Below this fraction of the typical size, an actual value counts as touching zero. */
const NEAR_ZERO = 0.01;

/**
 * Why MAPE means nothing here, or null when it does: a percentage of an actual at or near zero
 * explodes, and across zero (temperatures, changes) the sign flips the meaning of "percent off".
 */
export function mapeOmission(actual: ArrayLike<number>, predicted?: ArrayLike<number>): string | null {
  let negative = false;
  let positive = false;
  let smallest = Infinity;
  let sumAbs = 0;
  let count = 0;
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i];
    if (!Number.isFinite(a) || (predicted && !Number.isFinite(predicted[i]))) continue;
    if (a < 0) negative = true;
    if (a > 0) positive = true;
    smallest = Math.min(smallest, Math.abs(a));
    sumAbs += Math.abs(a);
    count++;
  }
  if (count === 0) return null;
  if (negative && positive) {
    return 'MAPE is left out: the actual values cross zero, where a percentage error has no meaning.';
  }
  if (smallest < NEAR_ZERO * (sumAbs / count) || smallest === 0) {
    return 'MAPE is left out: some actual values are at or near zero, which makes percentage errors explode.';
  }
  return null;
}
