/**
 * What the network learns for a forecast: the level, the change from the last value, or the
 * residual over seasonal naive. The network's output (after un-scaling) is added to
 * `baselineAt`, so a network that outputs zero is exactly the naive / seasonal-naive baseline.
 */
export type TransformKind = 'level' | 'difference' | 'seasonal-residual';

export interface TargetTransformPlan {
  kind: TransformKind;
  /** Seasonal period (required for seasonal-residual). */
  period: number | null;
  /** Why this transform was chosen, shown to the user. */
  reason: string;
}

/** What the network's output for origin t, step k is added to (0 for level). */
export function baselineAt(series: ArrayLike<number>, t: number, k: number, plan: TargetTransformPlan): number {
  void series;
  void t;
  void k;
  void plan;
  throw new Error('not implemented');
}

/**
 * The input column derived from the target, consistent with the transform: the level itself,
 * first differences, or seasonal differences (leading undefined steps are 0).
 */
export function transformedInput(series: ArrayLike<number>, plan: TargetTransformPlan): Float64Array {
  void series;
  void plan;
  throw new Error('not implemented');
}

/**
 * Chooses the transform when the spec says "auto": the better of naive and seasonal naive on
 * the validation origins picks difference or seasonal-residual; level only when neither
 * baseline is meaningful (e.g. a stationary series around a fixed mean beats both).
 */
export function chooseTargetTransform(
  series: ArrayLike<number>,
  opts: { validationOrigins: ArrayLike<number>; horizon: number; period: number | null },
): TargetTransformPlan {
  void series;
  void opts;
  throw new Error('not implemented');
}
