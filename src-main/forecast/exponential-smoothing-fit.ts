/**
 * Fitting exponential smoothing on the training part: the weights of each form minimise the
 * one-step squared error over series[0 .. end-1] (Nelder-Mead in logistic coordinates, so every
 * weight stays inside its bounds), and the form is chosen by AICc, as statsmodels and Hyndman's
 * `forecast` package do.
 */
import { etsHistory, etsStates } from './exponential-smoothing';
import type { EtsModel, EtsSeason, EtsTrend } from './exponential-smoothing';
import { nelderMead } from './nelder-mead';

/** The damping per step stays in [0.8, 0.98], the range of Hyndman's `forecast` package. */
const PHI_MIN = 0.8;
const PHI_MAX = 0.98;
/** Weights stay off 0 and 1, where a level or season would freeze or follow the noise alone. */
const W_MIN = 1e-4;
const W_MAX = 1 - 1e-4;

const squash = (u: number, lo: number, hi: number) => lo + (hi - lo) / (1 + Math.exp(-u));
const unsquash = (w: number, lo: number, hi: number) => Math.log((w - lo) / (hi - w));

/** Sum of one-step squared errors over series[from .. end-1]. */
export function etsSquaredError(series: ArrayLike<number>, m: EtsModel, end: number, from = 0): number {
  const { fitted } = etsStates(series, m, end);
  let sse = 0;
  for (let t = from; t < end; t++) sse += (series[t] - fitted[t]) ** 2;
  return sse;
}

/** The weights of one form fitted on series[0 .. end-1], with their one-step squared error. */
export function fitEtsForm(
  series: ArrayLike<number>,
  end: number,
  form: { trend: EtsTrend; season: EtsSeason; period: number | null },
): { model: EtsModel; sse: number } {
  const trended = form.trend !== 'none';
  const seasonal = form.season !== 'none';
  const damped = form.trend === 'damped';
  const build = (u: number[]): EtsModel => {
    let i = 0;
    const alpha = squash(u[i++], W_MIN, W_MAX);
    const beta = trended ? squash(u[i++], W_MIN, W_MAX) : 0;
    const gamma = seasonal ? squash(u[i++], W_MIN, W_MAX) : 0;
    const phi = damped ? squash(u[i++], PHI_MIN, PHI_MAX) : 1;
    return { ...form, period: seasonal ? form.period : null, alpha, beta, gamma, phi };
  };
  const start = [unsquash(0.3, W_MIN, W_MAX)];
  if (trended) start.push(unsquash(0.05, W_MIN, W_MAX));
  if (seasonal) start.push(unsquash(0.1, W_MIN, W_MAX));
  if (damped) start.push(unsquash(0.9, PHI_MIN, PHI_MAX));
  const found = nelderMead((u) => etsSquaredError(series, build(u), end), start, {
    step: 1.5,
    maxEvaluations: 150 * start.length,
  });
  return { model: build(found.x), sse: found.value };
}

function allPositive(series: ArrayLike<number>, end: number): boolean {
  for (let i = 0; i < end; i++) if (!(series[i] > 0)) return false;
  return true;
}

/** The forms worth trying on series[0 .. end-1] with this period (none too long to start). */
export function etsForms(
  series: ArrayLike<number>,
  end: number,
  period: number | null,
): { trend: EtsTrend; season: EtsSeason; period: number | null }[] {
  const positive = allPositive(series, end);
  const seasons: EtsSeason[] = ['none'];
  // Two seasons start the model and at least two more teach it: shorter histories cannot tell a
  // season from noise.
  if (period !== null && period >= 2 && end >= 4 * period) {
    seasons.push('additive');
    if (positive) seasons.push('multiplicative');
  }
  const forms: { trend: EtsTrend; season: EtsSeason; period: number | null }[] = [];
  for (const season of seasons) {
    for (const trend of ['none', 'additive', 'damped'] as const) {
      const form = { trend, season, period: season === 'none' ? null : period };
      if (end >= etsHistory(form) + 8) forms.push(form);
    }
  }
  return forms;
}

/**
 * Most values the weights are fitted on: the latest ones before the end (and at least twenty
 * seasons). Each fit runs the smoothing hundreds of times, so on a series of millions of steps
 * fitting on all of it took hours; the weights describe how fast the recent level and season
 * move, which the latest stretch shows as well as the whole history. Shorter series are fitted
 * on every value, as before.
 */
export const ETS_FIT_SPAN = 10_000;

/** The stretch of series[0 .. end-1] the weights are fitted on (see ETS_FIT_SPAN). */
export function etsFitStretch(
  series: ArrayLike<number>,
  end: number,
  period: number | null,
): { values: ArrayLike<number>; end: number } {
  const span = Math.max(ETS_FIT_SPAN, 20 * (period ?? 1));
  if (end <= span) return { values: series, end };
  const values = new Float64Array(span);
  for (let i = 0; i < span; i++) values[i] = series[end - span + i];
  return { values, end: span };
}

/**
 * Every form of `etsForms` fitted on series[0 .. end-1] (its latest ETS_FIT_SPAN values when
 * longer); the one with the lowest AICc, or null when the history is too short for any. Errors
 * from the start onwards count (the first values helped make the start, as in statsmodels), and
 * the parameter count includes the start values.
 */
export function fitEts(whole: ArrayLike<number>, wholeEnd: number, period: number | null): EtsModel | null {
  const { values: series, end } = etsFitStretch(whole, wholeEnd, period);
  let best: { model: EtsModel; aicc: number } | null = null;
  // A multiplicative season needs every value positive, in the whole history it will run over.
  const positive = series === whole || allPositive(whole, wholeEnd);
  for (const form of etsForms(series, end, period)) {
    if (form.season === 'multiplicative' && !positive) continue;
    const { model, sse } = fitEtsForm(series, end, form);
    if (!Number.isFinite(sse)) continue;
    const k =
      2 +
      (form.trend !== 'none' ? 2 : 0) +
      (form.trend === 'damped' ? 1 : 0) +
      (form.season !== 'none' ? (form.period as number) + 1 : 0);
    const n = end;
    if (n - k - 1 <= 0) continue;
    const aicc = n * Math.log(Math.max(sse, 1e-300) / n) + 2 * k + (2 * k * (k + 1)) / (n - k - 1);
    if (!best || aicc < best.aicc) best = { model, aicc };
  }
  return best?.model ?? null;
}
