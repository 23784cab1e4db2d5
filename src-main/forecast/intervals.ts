/**
 * Split-conformal prediction intervals: the spread of forecast errors on held-out validation
 * origins, per horizon step, becomes a band around each new point forecast. Needs no
 * distributional assumption; coverage holds when future errors behave like validation errors.
 */

/** Offsets to add to a point forecast, per horizon step, for one coverage level. */
export interface IntervalOffsets {
  /** Nominal coverage, e.g. 0.8 or 0.95. */
  level: number;
  /** Non-positive offset per step (point + lower is the lower bound). */
  lower: number[];
  /** Non-negative offset per step (point + upper is the upper bound). */
  upper: number[];
}

/** Lower and upper bounds per step for one coverage level. */
export interface PredictionInterval {
  level: number;
  lower: number[];
  upper: number[];
}

/**
 * Symmetric split-conformal offsets. For step k with n finite validation residuals
 * (actual − forecast) and level 1 − α, the offset is the ⌈(n + 1)(1 − α)⌉-th smallest absolute
 * residual, i.e. the empirical quantile at ⌈(n + 1)(1 − α)⌉ / n, which guarantees coverage of at
 * least 1 − α for exchangeable errors. With fewer than `minimumResiduals(level)` residuals that
 * rank exceeds n and the largest residual is used, so the band may then cover less than promised.
 *
 * @throws RangeError for a level outside (0, 1) or a step without any finite residual.
 */
export function conformalIntervals(residualsPerStep: Float64Array[], levels: number[]): IntervalOffsets[] {
  const sortedPerStep = residualsPerStep.map((residuals, step) => {
    const magnitudes = Array.from(residuals)
      .filter(Number.isFinite)
      .map(Math.abs)
      .sort((a, b) => a - b);
    if (magnitudes.length === 0)
      throw new RangeError(`No validation errors for step ${step + 1} to size its interval.`);
    return magnitudes;
  });
  return levels.map((level) => {
    if (!(level > 0 && level < 1)) throw new RangeError(`An interval level must lie between 0 and 1 (got ${level}).`);
    const offsets = sortedPerStep.map((sorted) => {
      const n = sorted.length;
      // The small tolerance keeps e.g. 20 × 0.95 from rounding up to rank 20.
      const rank = Math.min(n, Math.ceil((n + 1) * level - 1e-9));
      return sorted[rank - 1];
    });
    return { level, lower: offsets.map((q) => -q), upper: offsets };
  });
}

/** Residuals needed for the finite-sample guarantee at `level`: n with ⌈(n + 1)·level⌉ ≤ n. */
export function minimumResiduals(level: number): number {
  return Math.ceil(level / (1 - level) - 1e-9);
}

/** Bounds around one origin's point forecasts (one value per step) for every level. */
export function applyIntervals(pointForecasts: ArrayLike<number>, offsets: IntervalOffsets[]): PredictionInterval[] {
  return offsets.map(({ level, lower, upper }) => {
    if (lower.length < pointForecasts.length) {
      throw new RangeError(
        `Interval offsets cover ${lower.length} steps but the forecast has ${pointForecasts.length}.`,
      );
    }
    const points = Array.from(pointForecasts);
    return { level, lower: points.map((p, k) => p + lower[k]), upper: points.map((p, k) => p + upper[k]) };
  });
}

/**
 * Validation residuals per step from forecasts at several origins: residualsPerStep[k][i] is
 * series[origins[i] + k] − forecasts[i][k] (NaN when that actual lies beyond the series).
 */
export function residualsByStep(
  series: ArrayLike<number>,
  origins: ArrayLike<number>,
  forecasts: ArrayLike<ArrayLike<number>>,
  horizon: number,
): Float64Array[] {
  return Array.from({ length: horizon }, (_, k) =>
    Float64Array.from({ length: origins.length }, (_, i) => {
      const index = origins[i] + k;
      return index < series.length ? series[index] - forecasts[i][k] : Number.NaN;
    }),
  );
}

/** Residuals pooled per step: enough for a steady 95% quantile, and never fewer than the guarantee needs. */
const POOL_TARGET = 60;

/**
 * Per-step empirical intervals from backtest residuals (actual − forecast) of the same forecast
 * procedure, recursive steps included: the band at step k is the spread of the errors the
 * forecast really made k steps ahead, not a rule of thumb. Signed quantiles keep a lopsided
 * error (a forecast that runs low in spring) lopsided. With few origins, the residuals of the
 * nearest steps are pooled (k ± w, w the smallest reach that gathers `POOL_TARGET` values or the
 * guarantee's minimum) so one unusual origin cannot make the band jump from step to step. The
 * half-widths never shrink with the step: a later step is never known better than an earlier one.
 * Each band contains its point forecast (lower ≤ 0 ≤ upper).
 *
 * @throws RangeError for a level outside (0, 1) or when no step has a finite residual.
 */
export function stepQuantileIntervals(residualsPerStep: Float64Array[], levels: number[]): IntervalOffsets[] {
  const finite = residualsPerStep.map((r) => Array.from(r).filter(Number.isFinite));
  if (finite.every((r) => r.length === 0)) throw new RangeError('No backtest errors to size the intervals on.');
  const steps = finite.length;
  return levels.map((level) => {
    if (!(level > 0 && level < 1)) throw new RangeError(`An interval level must lie between 0 and 1 (got ${level}).`);
    const wanted = Math.max(POOL_TARGET, 2 * minimumResiduals(level));
    const lower: number[] = [];
    const upper: number[] = [];
    for (let k = 0; k < steps; k++) {
      let pooled = finite[k];
      for (let w = 1; pooled.length < wanted && w < steps; w++) {
        pooled = finite.slice(Math.max(0, k - w), Math.min(steps, k + w + 1)).flat();
      }
      const sorted = [...pooled].sort((a, b) => a - b);
      const n = sorted.length;
      const tail = (1 - level) / 2;
      // Conformal ranks for each tail (as in conformalIntervals), clamped to the errors seen.
      const low = sorted[Math.max(0, Math.floor((n + 1) * tail + 1e-9) - 1)];
      const high = sorted[Math.min(n, Math.ceil((n + 1) * (1 - tail) - 1e-9)) - 1];
      lower.push(Math.min(0, low, k > 0 ? lower[k - 1] : 0));
      upper.push(Math.max(0, high, k > 0 ? upper[k - 1] : 0));
    }
    return { level, lower, upper };
  });
}
