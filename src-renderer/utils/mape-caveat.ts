/**
 * When MAPE cannot be trusted: a percentage error divides by the actual value, so it explodes
 * (or is undefined) when the actuals touch, cross or come close to zero — temperatures around
 * 0 °C, changes, balances. Then the table leaves MAPE out and says why.
 */
import { formatNumber } from './format';

/** Actuals this close to zero, relative to their typical size, make percentage errors meaningless. */
const NEAR_ZERO_SHARE = 0.01;

/** Why MAPE is left out for these test-split actuals, or null when it is meaningful. */
export function mapeCaveat(actuals: readonly number[]): string | null {
  const values = actuals.filter((v) => Number.isFinite(v));
  if (values.length === 0) return null;
  const min = Math.min(...values);
  const max = Math.max(...values);
  const range = `from ${formatNumber(min)} to ${formatNumber(max)}`;
  if (min < 0 && max > 0)
    return `MAPE is left out: the test actuals cross zero (${range}), where percentage errors explode.`;
  if (values.some((v) => v === 0))
    return `MAPE is left out: some test actuals are exactly zero (${range}), and a percentage of zero is undefined.`;
  const typical = values.reduce((sum, v) => sum + Math.abs(v), 0) / values.length;
  const closest = Math.min(...values.map((v) => Math.abs(v)));
  if (closest < NEAR_ZERO_SHARE * typical) {
    return `MAPE is left out: some test actuals come close to zero (${range}), where percentage errors explode.`;
  }
  return null;
}
