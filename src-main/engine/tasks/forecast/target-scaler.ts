/**
 * The scaler of a forecast network's targets, fitted on the training origins only. For every
 * target but the level it has no offset, so an output of zero still means "exactly the baseline"
 * after un-scaling: the untrained network, the baseline fallback and the validation guard all
 * rely on that.
 */
import { fitRmsScaler, fitScaler } from '../../../data/prepare/scaler';
import type { ScalerState } from '../../../data/prepare/scaler';
import { historyNeeded, networkTarget } from '../../../forecast/target-transform';
import type { TargetTransformPlan } from '../../../forecast/target-transform';

/** Scales the targets of `plan` over the training origins that have the history it needs. */
export function fitTargetScaler(
  y: ArrayLike<number>,
  train: ArrayLike<number>,
  horizon: number,
  plan: TargetTransformPlan,
  kind: ScalerState['kind'],
): ScalerState {
  if (kind === 'none') return { kind: 'none', center: 0, scale: 1 };
  const first = historyNeeded(plan);
  // One typed array of the exact size: millions of targets as a growing number[] held several
  // times their numbers' memory at once.
  const room = new Float64Array(train.length * horizon);
  let count = 0;
  for (let i = 0; i < train.length; i++) {
    const t = train[i];
    if (t < first) continue;
    for (let k = 0; k < horizon && t + k < y.length; k++) room[count++] = networkTarget(y, t, k, plan);
  }
  const values = room.subarray(0, count);
  if (plan.kind === 'level') return fitScaler(values, kind);
  return fitRmsScaler(values);
}
