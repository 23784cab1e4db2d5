/**
 * The ARIMA target when the spec asks for it by name: the order chosen by AICc and its
 * coefficients fitted on the training part, or the change from the last value when the training
 * part is too short to fit one.
 */
import { arimaDescription } from './arima';
import { fitArima } from './arima-fit';
import type { TargetTransformPlan } from './target-transform';

/** The plan for `targetTransform: 'arima'`, fitted on series[0 .. trainEnd-1]. */
export function chosenArima(series: ArrayLike<number>, trainEnd: number, period: number | null): TargetTransformPlan {
  const arima = fitArima(series, trainEnd, period);
  if (!arima) {
    return {
      kind: 'difference',
      period,
      reason: `ARIMA needs at least twelve training values after its differences to fit (this series has ${trainEnd} in all), so the network learns the change from the last value instead.`,
    };
  }
  return {
    kind: 'arima',
    period,
    arima,
    reason: `the network learns the correction to ${arimaDescription(arima)}, its coefficients fitted on the training part (chosen in the spec).`,
  };
}
