/** Regression metrics in original units. MAPE / sMAPE are null when undefined (zeros in actual). */
import type { RegressionMetrics } from '../shared/types';

export function regressionMetrics(actual: ArrayLike<number>, predicted: ArrayLike<number>): RegressionMetrics {
  void actual;
  void predicted;
  throw new Error('not implemented');
}
