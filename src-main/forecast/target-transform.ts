/**
 * What the network learns for a forecast: the level, the change from the last value, the
 * residual over seasonal naive, or the residual over the seasonal profile (recent adjusted level
 * + drift + the season's usual shape, see season-profile.ts). The network's output (after
 * un-scaling) is added to `baselineAt`, so a network that outputs zero is exactly the baseline.
 */
import { naiveForecast, seasonalNaiveForecast } from './baselines';
import { etsDescription, etsForecast, etsHistory, etsName } from './exponential-smoothing';
import type { EtsModel } from './exponential-smoothing';
import { arimaDescription, arimaForecast, arimaHistory, arimaName } from './arima';
import type { ArimaModel } from './arima';
import { addSquares, candidateSquares, stretchProfile } from './candidate-errors';
import { earliestOrigin, rollingStretches } from './rolling-origins';
import { patternName, phaseOffset, profileForecast } from './season-profile';
import type { AlignedSeasonProfile, PhaseUnit, SeasonProfileState } from './season-profile';
import { evenlySpaced } from '../shared/evenly-spaced';
import type { TransformKind } from '../shared/spec';

export type { TransformKind };

export interface TargetTransformPlan {
  kind: TransformKind;
  /** Seasonal period (required for seasonal-residual and seasonal-profile). */
  period: number | null;
  /** Why this transform was chosen, shown to the user. */
  reason: string;
  /** The fitted profile, aligned to the series in use (seasonal-profile only). */
  profile?: AlignedSeasonProfile;
  /** The fitted smoothing model (exponential-smoothing only). */
  smoothing?: EtsModel;
  /** The fitted ARIMA model (arima only). */
  arima?: ArimaModel;
  /**
   * The network's output is not used: the forecast is exactly the baseline. Set by the validation
   * guard on a series of a global model whose plain forecast beat the shared network there (a
   * model of one series has its output layer zeroed instead).
   */
  plain?: boolean;
}

/**
 * Most validation origins the automatic choice scores, evenly spaced over them: the errors of a
 * hundred thousand origins already settle the choice, and scoring each of millions of steps of a
 * long series kept the user waiting for seconds.
 */
export const MAX_CHOICE_ORIGINS = 100_000;

/** Exponential smoothing is chosen only when its validation RMSE is below this share of the best other base's. */
export const SMOOTHING_MARGIN = 0.98;

/**
 * A saved plan applied to a series: a seasonal profile learns its calendar phase from the
 * series' time stamps. @throws RangeError when the series has no time stamps or they break the
 * calendar cycle (gaps, irregular steps), since the profile's steps could not be placed.
 */
export function alignPlan(
  plan: TargetTransformPlan & { profile?: SeasonProfileState },
  time: ArrayLike<number> | null,
): TargetTransformPlan {
  if (plan.kind !== 'seasonal-profile') return plan;
  if (!plan.profile || plan.period === null) {
    throw new RangeError('The saved model uses a seasonal profile but its preprocessing.json holds none.');
  }
  const offset = phaseOffset(plan.profile.unit, plan.period, time);
  if (offset === null) {
    throw new RangeError(
      `The model adds the usual ${plan.profile.unit} pattern to its forecasts, so the data needs regular time stamps (one ${plan.profile.unit === 'weekday' ? 'day' : plan.profile.unit} per row, no gaps).`,
    );
  }
  return { ...plan, profile: { ...plan.profile, offset } };
}

/**
 * What the network's output for origin t, step k is added to (0 for level). Reads only
 * series[.. t-1]. @throws RangeError when fewer than `historyNeeded(plan)` values precede t.
 */
export function baselineAt(series: ArrayLike<number>, t: number, k: number, plan: TargetTransformPlan): number {
  switch (plan.kind) {
    case 'level':
      return 0;
    case 'difference':
      return naiveForecast(series, t, k);
    case 'seasonal-residual':
      return seasonalNaiveForecast(series, t, k, requirePeriod(plan));
    case 'seasonal-profile':
      return profileForecast(series, t, k, requireProfile(plan));
    case 'exponential-smoothing':
      return etsForecast(series, t, k, requireSmoothing(plan));
    case 'arima':
      return arimaForecast(series, t, k, requireArima(plan));
  }
}

/** The value the network is trained to output for origin t, step k: series[t + k] − baselineAt. */
export function networkTarget(series: ArrayLike<number>, t: number, k: number, plan: TargetTransformPlan): number {
  if (t + k >= series.length) throw new RangeError(`No actual value at step ${t + k} of a series of ${series.length}.`);
  return series[t + k] - baselineAt(series, t, k, plan);
}

/** Turns the network's (un-scaled) output for origin t, step k back into a forecast in original units. */
export function invertTarget(
  series: ArrayLike<number>,
  t: number,
  k: number,
  output: number,
  plan: TargetTransformPlan,
): number {
  return baselineAt(series, t, k, plan) + (plan.plain ? 0 : output);
}

/**
 * Values that must precede the first origin: 0 for level, 1 for difference, one period for
 * seasonal-residual. The first usable origin is max(lookback, historyNeeded(plan)).
 */
export function historyNeeded(plan: TargetTransformPlan): number {
  switch (plan.kind) {
    case 'level':
      return 0;
    case 'difference':
      return 1;
    case 'seasonal-residual':
      return requirePeriod(plan);
    case 'seasonal-profile':
      return requireProfile(plan).window;
    case 'exponential-smoothing':
      return etsHistory(requireSmoothing(plan));
    case 'arima':
      return arimaHistory(requireArima(plan));
  }
}

/**
 * The input column derived from the target, consistent with the transform: the level itself,
 * first differences (difference and seasonal-profile), or seasonal differences (leading undefined
 * steps are 0). For difference and seasonal-residual, step k = 0 (and k < period for
 * seasonal-residual) the value at t + k equals `networkTarget(series, t, k)`, so the network sees
 * its own target quantity in the window.
 */
export function transformedInput(series: ArrayLike<number>, plan: TargetTransformPlan): Float64Array {
  const out = new Float64Array(series.length);
  if (plan.kind === 'level') {
    for (let i = 0; i < series.length; i++) out[i] = series[i];
    return out;
  }
  const lag = plan.kind === 'seasonal-residual' ? requirePeriod(plan) : 1;
  for (let i = lag; i < series.length; i++) out[i] = series[i] - series[i - lag];
  return out;
}

/**
 * Chooses the transform when the spec says "auto": the better of naive and seasonal naive on
 * the validation origins picks difference or seasonal-residual; level only when neither
 * baseline is meaningful (e.g. a stationary series around a fixed mean beats both).
 *
 * Errors are mean squared errors over every (origin, step) pair whose actual exists, pooled over
 * rolling origins: the validation stretch and up to three stretches of its span before it
 * (rolling-origins.ts), each candidate fitted on the values before its stretch (candidate-errors.ts).
 * The mean is taken per step of the season when a period is given. Origins without enough
 * history for a baseline are skipped. With no usable origin, the last fifth of the series is used.
 */
export function chooseTargetTransform(
  series: ArrayLike<number>,
  opts: {
    validationOrigins: ArrayLike<number>;
    horizon: number;
    period: number | null;
    /** The calendar cycle of the period and the phase of step 0, when the series has one. */
    calendar?: { unit: PhaseUnit; offset: number } | null;
    /** Most origins scored (MAX_CHOICE_ORIGINS unless given). */
    maxOrigins?: number;
    /** Hears the share of the choice done, 0 to 1. */
    onProgress?: (done: number) => void;
  },
): TargetTransformPlan {
  const period = opts.period !== null && opts.period >= 2 ? opts.period : null;
  const needed = period ?? 1;
  let origins = Array.from(opts.validationOrigins).filter((t) => t >= needed && t < series.length);
  if (origins.length === 0) {
    const start = Math.max(needed, Math.floor(series.length * 0.8));
    origins = [];
    for (let t = start; t < series.length; t++) origins.push(t);
  }
  origins = evenlyKept(origins, opts.maxOrigins ?? MAX_CHOICE_ORIGINS);
  if (origins.length === 0) {
    return {
      kind: 'difference',
      period: null,
      reason: 'Too little data to compare baselines; the network learns the change from the last value.',
    };
  }

  // Rolling origins: the validation stretch and the stretches of the same span before it, each
  // scored with what could be fitted before it; their errors are pooled.
  const fitted = { horizon: opts.horizon, period, calendar: opts.calendar };
  const stretches = rollingStretches(origins, 2 * (period ?? 1));
  // Each stretch is one share of the work.
  const report = opts.onProgress ?? (() => undefined);
  const shares = stretches.length;
  const squares = stretches
    .map((o, i) => candidateSquares(series, o, fitted, (done) => report((i + done) / shares)))
    .reduce(addSquares);
  report(1);
  // The plan's own profile is fitted on everything before the validation stretch.
  const profile = squares.profile !== null ? stretchProfile(series, earliestOrigin(origins), fitted) : null;
  const rmse = (sum: number) => Math.sqrt(sum / squares.count);
  const naive = rmse(squares.naive);
  const seasonal = period !== null ? rmse(squares.seasonal) : Number.POSITIVE_INFINITY;
  const mean = rmse(squares.mean);
  const correctedNaive = rmse(squares.correctedNaive);
  const correctedSeasonal = rmse(squares.correctedSeasonal);
  const profileRmse = profile && squares.profile !== null ? rmse(squares.profile) : Number.POSITIVE_INFINITY;
  const where =
    stretches.length > 1
      ? `validation RMSE over ${stretches.length} rolling stretches of ${origins.length} origins`
      : 'validation RMSE';
  // Smoothing and ARIMA as the validation stretch (the first) fitted them, on everything before it.
  const smoothing = squares.smoothing !== null ? squares.fits.smoothing : null;
  const arima = squares.arima !== null ? squares.fits.arima : null;
  const smoothingRmse = smoothing && squares.smoothing !== null ? rmse(squares.smoothing) : Number.POSITIVE_INFINITY;
  const arimaRmse = arima && squares.arima !== null ? rmse(squares.arima) : Number.POSITIVE_INFINITY;
  const figures = `${where}: naive ${format(naive)}${period !== null ? `, seasonal naive ${format(seasonal)}` : ''}, training mean${period !== null ? ' per season step' : ''} ${format(mean)}${profile ? `, seasonal profile ${format(profileRmse)}` : ''}${smoothing ? `, exponential smoothing ${etsName(smoothing)} ${format(smoothingRmse)}` : ''}${arima ? `, ${arimaName(arima)} ${format(arimaRmse)}` : ''}`;

  // Without a period the corrected baselines are not computed (their sums stay 0).
  const corrected = period !== null ? Math.min(correctedNaive, correctedSeasonal) : Number.POSITIVE_INFINITY;
  // Smoothing must win clearly: where it only matches a simpler base (white noise, a random walk)
  // the simpler one is kept, as it is easier to explain and its correction easier to learn. It is
  // a base for seasonal series only: without a season, networks on the change from the last value
  // beat networks on the smoothing's residual on most tuning series (employment, sunspots, level
  // shifts); there smoothing competes as a forecast of its own in the validation guard instead.
  // ARIMA is a base on the same terms as smoothing, and must beat smoothing too. Without a season
  // it too is left to the validation guard: as a base there it cost the sunspots network 15%
  // (RMSE 15.5 on the change from the last value, 17.9 on ARIMA's residual).
  /** A fitted base's RMSE below the margin of every other base's (the other fitted one's included). */
  const clearlyBest = (own: number, otherFitted: number) =>
    own < SMOOTHING_MARGIN * Math.min(naive, seasonal, mean, corrected, profileRmse, otherFitted);
  const withCorrected = `${figures}; with the usual change added, naive ${format(correctedNaive)} and seasonal naive ${format(correctedSeasonal)}`;
  if (period !== null && arima && clearlyBest(arimaRmse, smoothingRmse)) {
    return {
      kind: 'arima',
      period,
      arima,
      reason: `ARIMA forecasts best: ${arimaDescription(arima)}, its coefficients fitted on the training part (${withCorrected}), so the network learns the correction to it.`,
    };
  }
  if (period !== null && smoothing && clearlyBest(smoothingRmse, arimaRmse)) {
    return {
      kind: 'exponential-smoothing',
      period,
      smoothing,
      reason: `Exponential smoothing forecasts best: ${etsDescription(smoothing)}, its weights fitted on the training part (${withCorrected}), so the network learns the correction to it.`,
    };
  }

  if (profile && profileRmse < Math.min(mean, correctedNaive, correctedSeasonal)) {
    return {
      kind: 'seasonal-profile',
      period,
      profile,
      reason: `The season keeps its shape: the recent level, carried forward by the usual change per step, plus the usual ${patternName(profile.unit)} pattern forecasts best (${figures}; with the usual change added, naive ${format(correctedNaive)} and seasonal naive ${format(correctedSeasonal)}), so the network learns the correction to it.`,
    };
  }

  if (Math.min(naive, seasonal) > mean) {
    return {
      kind: 'level',
      period,
      reason: `The series returns to its ${period !== null ? 'seasonal pattern: the training mean of each season step' : 'mean: the training mean'} forecasts better than the last value${period !== null ? ' or last season' : ''} (${figures}), so the network learns the level.`,
    };
  }
  if (period !== null && correctedSeasonal < correctedNaive) {
    return {
      kind: 'seasonal-residual',
      period,
      reason: `Last season's value forecasts best (${figures}; with the usual change added, seasonal naive ${format(correctedSeasonal)} and naive ${format(correctedNaive)}), so the network learns the correction to it.`,
    };
  }
  if (period !== null && seasonal < naive) {
    return {
      kind: 'difference',
      period,
      reason: `Last season's value forecasts better (${figures}), but the last value plus the usual change at that step of the season forecasts better still (${format(correctedNaive)} against ${format(correctedSeasonal)}), so the network learns the change from the last value.`,
    };
  }
  return {
    kind: 'difference',
    period,
    reason: `The last value forecasts best (${figures}), so the network learns the change from it.`,
  };
}

/** At most `max` of `origins`, evenly spaced from the first to the last (all of them when fewer). */
function evenlyKept(origins: number[], max: number): number[] {
  if (origins.length <= max) return origins;
  if (max <= 1) return origins.slice(0, Math.max(0, max));
  return evenlySpaced(origins.length, max).map((i) => origins[i]);
}

function requireProfile(plan: TargetTransformPlan): AlignedSeasonProfile {
  if (!plan.profile || plan.profile.values.length !== plan.period) {
    throw new RangeError('The seasonal-profile transform needs a fitted profile aligned to the series.');
  }
  return plan.profile;
}

function requireSmoothing(plan: TargetTransformPlan): EtsModel {
  if (!plan.smoothing) throw new RangeError('The exponential-smoothing transform needs a fitted smoothing model.');
  return plan.smoothing;
}

function requireArima(plan: TargetTransformPlan): ArimaModel {
  if (!plan.arima) throw new RangeError('The arima transform needs a fitted ARIMA model.');
  return plan.arima;
}

function requirePeriod(plan: TargetTransformPlan): number {
  if (plan.period === null || !Number.isInteger(plan.period) || plan.period < 1) {
    throw new RangeError('The seasonal-residual transform needs a seasonal period.');
  }
  return plan.period;
}

function format(value: number): string {
  return Number(value.toPrecision(3)).toString();
}
