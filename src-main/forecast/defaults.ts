/** Defaults that give a good forecast to a user who changes nothing. */

/** Longest window a series without a season gets: longer windows mostly add noise. */
const MAX_PLAIN_LOOKBACK = 24;

/**
 * Window length from the seasonal period and the series length. Seasonal: two seasons, or
 * less when that would use more than half of the series, but at least period + 1 so the window
 * holds the same phase of the previous season. Otherwise about a tenth of the series, between 2
 * and 24 steps. Never shorter than the horizon, always at least 1, and always leaving at least
 * one window (length − lookback − horizon + 1 ≥ 1).
 */
export function defaultLookback(length: number, period: number | null, horizon: number): number {
  const h = Math.max(1, Math.floor(horizon));
  // Windows possible with lookback L: length − L − h + 1. The soft cap keeps half of them.
  const halfCap = Math.max(1, Math.floor((length - h + 1) / 2));
  let lookback: number;
  if (period !== null && period >= 2) {
    lookback = Math.max(period + 1, Math.min(2 * period, halfCap));
  } else {
    lookback = Math.min(MAX_PLAIN_LOOKBACK, halfCap, Math.max(2, Math.round(length / 10)));
  }
  lookback = Math.max(lookback, h);
  return Math.max(1, Math.min(lookback, length - h));
}

export { FORECAST_TRAINING_DEFAULTS } from '../shared/forecast-training';
