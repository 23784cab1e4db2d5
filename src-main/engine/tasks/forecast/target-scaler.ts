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
  const values: number[] = [];
  for (const t of Array.from(train)) {
    if (t < first) continue;
    for (let k = 0; k < horizon && t + k < y.length; k++) values.push(networkTarget(y, t, k, plan));
  }
  if (plan.kind === 'level') return fitScaler(values, kind);
  return fitRmsScaler(values);
}
