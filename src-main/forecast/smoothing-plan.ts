/**
 * The exponential-smoothing target when the spec asks for it by name: the form chosen by AICc and
 * its weights fitted on the training part, or the change from the last value when the training
 * part is too short for any form.
 */
import { etsDescription } from './exponential-smoothing';
import { fitEts } from './exponential-smoothing-fit';
import type { TargetTransformPlan } from './target-transform';

/** The plan for `targetTransform: 'exponential-smoothing'`, fitted on series[0 .. trainEnd-1]. */
export function chosenSmoothing(
  series: ArrayLike<number>,
  trainEnd: number,
  period: number | null,
): TargetTransformPlan {
  const smoothing = fitEts(series, trainEnd, period);
  if (!smoothing) {
    return {
      kind: 'difference',
      period,
      reason: `Exponential smoothing needs at least nine training values to fit its weights (this series has ${trainEnd}), so the network learns the change from the last value instead.`,
    };
  }
  return {
    kind: 'exponential-smoothing',
    period,
    smoothing,
    reason: `the network learns the correction to ${etsDescription(smoothing)}, its weights fitted on the training part (chosen in the spec).`,
  };
}
