/**
 * Squared errors of the simple forecasts the automatic target choice compares, over one stretch
 * of origins. Everything a candidate estimates (the training mean per season step, the usual
 * changes, the seasonal profile) is fitted on the values before the stretch's first origin only,
 * so each stretch scores the candidates as they would have forecast it at the time.
 */
import { naiveForecast, seasonalNaiveForecast } from './baselines';
import { etsForecast, etsHistory, forgetSmoothing, smoothSeries } from './exponential-smoothing';
import type { EtsModel } from './exponential-smoothing';
import { fitEts } from './exponential-smoothing-fit';
import { arimaForecast, arimaHistory, forgetArima } from './arima';
import type { ArimaModel } from './arima';
import { fitArima } from './arima-fit';
import { earliestOrigin } from './rolling-origins';
import { alignedProfile, profileForecast } from './season-profile';
import type { AlignedSeasonProfile, PhaseUnit } from './season-profile';

/** Sums of squared errors per candidate over every (origin, step) pair whose actual exists. */
export interface CandidateSquares {
  naive: number;
  /** Seasonal naive; 0 without a period. */
  seasonal: number;
  /** Naive plus the usual change at each step of the season (0 without a period). */
  correctedNaive: number;
  /** Seasonal naive plus the usual change over a season (0 without a period). */
  correctedSeasonal: number;
  /** The training mean, per step of the season when there is one. */
  mean: number;
  /** The seasonal profile; null when it could not be fitted before this stretch. */
  profile: number | null;
  /** Exponential smoothing; null when no form could be fitted before this stretch. */
  smoothing: number | null;
  /** ARIMA; null when no order could be fitted before this stretch. */
  arima: number | null;
  count: number;
  /** The smoothing and ARIMA fitted before this stretch (after `addSquares`, the first stretch's). */
  fits: { smoothing: EtsModel | null; arima: ArimaModel | null };
}

export interface StretchOptions {
  horizon: number;
  /** Seasonal period ≥ 2, or null. */
  period: number | null;
  calendar?: { unit: PhaseUnit; offset: number } | null;
}

/** The profile fitted before `end` when the season follows the calendar, else null. */
export function stretchProfile(series: ArrayLike<number>, end: number, o: StretchOptions): AlignedSeasonProfile | null {
  return o.period !== null && o.calendar ? alignedProfile(series, end, o.calendar, o.period) : null;
}

/**
 * Exponential smoothing fitted on series[0 .. end-1] (form by AICc), or null when the history is
 * too short for any form or for the first of `origins`.
 */
function stretchSmoothing(
  series: ArrayLike<number>,
  end: number,
  o: StretchOptions,
  origins: number[] = [end],
  onProgress?: (done: number) => void,
): EtsModel | null {
  const model = fitEts(series, end, o.period, onProgress);
  return model && earliestOrigin(origins) >= etsHistory(model) ? model : null;
}

/** ARIMA fitted on series[0 .. end-1] (orders by AICc), or null when none fits or the first of `origins` comes too early. */
function stretchArima(
  series: ArrayLike<number>,
  end: number,
  o: StretchOptions,
  origins: number[] = [end],
): ArimaModel | null {
  const model = fitArima(series, end, o.period);
  return model && earliestOrigin(origins) >= arimaHistory(model) ? model : null;
}

/**
 * Scores every candidate over `origins` (each ≥ the history its baselines need), fitted before the
 * first; `onProgress` hears the share done (smoothing the series, then scoring the origins).
 */
export function candidateSquares(
  series: ArrayLike<number>,
  origins: number[],
  o: StretchOptions,
  onProgress: (done: number) => void = () => undefined,
): CandidateSquares {
  const { period } = o;
  onProgress(0);
  const firstOrigin = earliestOrigin(origins);
  // The level candidate: the training mean, per step of the season when there is one, so a
  // stable seasonal pattern around a fixed level counts as "returns to its mean".
  const phases = period ?? 1;
  const phaseSums = new Float64Array(phases);
  const phaseCounts = new Float64Array(phases);
  for (let i = 0; i < firstOrigin; i++) {
    phaseSums[i % phases] += series[i];
    phaseCounts[i % phases] += 1;
  }
  const trainMean = phaseSums.reduce((a, b) => a + b, 0) / firstOrigin;
  const meanAt = (i: number) =>
    phaseCounts[i % phases] > 0 ? phaseSums[i % phases] / phaseCounts[i % phases] : trainMean;

  // With a season, difference and seasonal-residual are compared after the first correction a
  // network learns on each: the usual change at that step of the season (from the training
  // part) added to naive, and the usual change over a season added to seasonal naive. A regular
  // season makes naive look poor, yet its step-to-step changes are exactly what a network on
  // the difference target learns first; seasonal naive only looks better because it repeats it.
  const changes = period !== null ? seasonalChanges(series, firstOrigin, period) : null;
  const profile = stretchProfile(series, firstOrigin, o);
  const smoothing = stretchSmoothing(series, firstOrigin, o, origins, (done) => onProgress(0.3 * done));
  const arima = stretchArima(series, firstOrigin, o, origins);
  onProgress(0.3);
  const s: CandidateSquares = {
    naive: 0,
    seasonal: 0,
    correctedNaive: 0,
    correctedSeasonal: 0,
    mean: 0,
    profile: profile ? 0 : null,
    smoothing: smoothing ? 0 : null,
    arima: arima ? 0 : null,
    count: 0,
    fits: { smoothing, arima },
  };
  // Fitting the smoothing took a share of the time; running it over a long series takes seconds,
  // done here in segments that report progress.
  if (smoothing) smoothSeries(series, smoothing, (done) => onProgress(0.3 + 0.3 * done));
  const scored = smoothing ? 0.6 : 0.3;
  const every = Math.max(1, Math.ceil(origins.length / 20));
  for (const [i, t] of origins.entries()) {
    if (i % every === 0) onProgress(scored + ((1 - scored) * i) / origins.length);
    let stepChanges = 0;
    for (let k = 0; k < o.horizon && t + k < series.length; k++) {
      const actual = series[t + k];
      const naiveValue = naiveForecast(series, t, k);
      s.naive += (actual - naiveValue) ** 2;
      if (period !== null && changes !== null) {
        const seasonalValue = seasonalNaiveForecast(series, t, k, period);
        s.seasonal += (actual - seasonalValue) ** 2;
        stepChanges += changes.perStep[(t + k) % period];
        s.correctedNaive += (actual - naiveValue - stepChanges) ** 2;
        s.correctedSeasonal += (actual - seasonalValue - Math.ceil((k + 1) / period) * changes.perSeason) ** 2;
      }
      s.mean += (actual - meanAt(t + k)) ** 2;
      if (profile && s.profile !== null) s.profile += (actual - profileForecast(series, t, k, profile)) ** 2;
      if (smoothing && s.smoothing !== null) s.smoothing += (actual - etsForecast(series, t, k, smoothing)) ** 2;
      if (arima && s.arima !== null) s.arima += (actual - arimaForecast(series, t, k, arima)) ** 2;
      s.count++;
    }
  }
  // This stretch's model is not used again; its states are as long as the series.
  if (smoothing) forgetSmoothing(series, smoothing);
  if (arima) forgetArima(series, arima);
  return s;
}

/** Adds the squares of `b` to `a`; a candidate missing from either stretch is missing from the sum. */
export function addSquares(a: CandidateSquares, b: CandidateSquares): CandidateSquares {
  return {
    naive: a.naive + b.naive,
    seasonal: a.seasonal + b.seasonal,
    correctedNaive: a.correctedNaive + b.correctedNaive,
    correctedSeasonal: a.correctedSeasonal + b.correctedSeasonal,
    mean: a.mean + b.mean,
    profile: a.profile !== null && b.profile !== null ? a.profile + b.profile : null,
    smoothing: a.smoothing !== null && b.smoothing !== null ? a.smoothing + b.smoothing : null,
    arima: a.arima !== null && b.arima !== null ? a.arima + b.arima : null,
    count: a.count + b.count,
    fits: a.fits,
  };
}

/**
 * Mean change from the step before, per step of the season, and mean change over one season,
 * both from the values before `end` (the training part).
 */
function seasonalChanges(series: ArrayLike<number>, end: number, period: number) {
  const sums = new Float64Array(period);
  const counts = new Float64Array(period);
  let seasonSum = 0;
  let seasonCount = 0;
  for (let i = 1; i < end; i++) {
    sums[i % period] += series[i] - series[i - 1];
    counts[i % period] += 1;
    if (i >= period) {
      seasonSum += series[i] - series[i - period];
      seasonCount += 1;
    }
  }
  return {
    perStep: Array.from(sums, (sum, phase) => (counts[phase] > 0 ? sum / counts[phase] : 0)),
    perSeason: seasonCount > 0 ? seasonSum / seasonCount : 0,
  };
}
