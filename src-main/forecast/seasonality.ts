/**
 * Seasonal period detection from the time frequency (monthly → 12, quarterly → 4, hourly → 24,
 * daily → 7, weekly → 52) confirmed by the autocorrelation of the (detrended) training part.
 */
export interface SeasonalityResult {
  /** null when the series shows no seasonality. */
  period: number | null;
  /** Autocorrelation at that lag, for the explanation shown to the user. */
  strength: number;
  reason: string;
}

export function detectSeasonalPeriod(values: ArrayLike<number>, frequency: string | null): SeasonalityResult {
  void values;
  void frequency;
  throw new Error('not implemented');
}
