/**
 * Fitting exponential smoothing on the training part, as statsmodels' `ETSModel` does: the
 * weights of each form maximise the likelihood of the one-step errors over series[0 .. end-1]
 * under additive errors (the same size throughout) or, for positive series, multiplicative ones
 * (in proportion to the forecast), within the usual bounds; the form and error type with the
 * lowest AICc win. Nelder-Mead works in logistic coordinates, so every weight stays inside its
 * bounds, and restarts once from its answer, as a collapsed simplex can stop short.
 *
 * Compared with statsmodels on the euro-area electrical equipment series (fitted on its training
 * part): with additive errors only, a damped trend whose weights chase the 2008 fall won on AICc;
 * statsmodels' search, which weighs relative errors for positive series, prefers a steady
 * multiplicative season, and so does this one now.
 */
import { etsHistory, etsStates } from './exponential-smoothing';
import type { EtsError, EtsModel, EtsSeason, EtsTrend } from './exponential-smoothing';
import { nelderMead } from './nelder-mead';
import { seasonBuffer, streamingDeviance } from './ets-deviance';

/** The damping per step stays in [0.8, 0.98], the range of statsmodels and Hyndman's `forecast` package. */
const PHI_MIN = 0.8;
const PHI_MAX = 0.98;
/** Weights stay off 0 and 1, where a level or season would freeze or follow the noise alone. */
const W_MIN = 1e-4;
const W_MAX = 1 - 1e-4;

const squash = (u: number, lo: number, hi: number) => lo + (hi - lo) / (1 + Math.exp(-u));
const unsquash = (w: number, lo: number, hi: number) => Math.log((w - lo) / (hi - w));

type EtsForm = { trend: EtsTrend; season: EtsSeason; period: number | null };

/** Sum of one-step squared errors over series[from .. end-1]. */
export function etsSquaredError(series: ArrayLike<number>, m: EtsModel, end: number, from = 0): number {
  const { fitted } = etsStates(series, m, end);
  let sse = 0;
  for (let t = from; t < end; t++) sse += (series[t] - fitted[t]) ** 2;
  return sse;
}

/**
 * −2 × the log-likelihood of the one-step errors over series[0 .. end-1], without the constant
 * n·(log 2π + 1) both error types share (statsmodels' `ETSModel.loglike`). Multiplicative errors
 * are relative to the forecast, which must then stay positive. Computed in one pass without
 * keeping the states (ets-deviance.ts).
 */
export function etsDeviance(series: ArrayLike<number>, m: EtsModel, end: number): number {
  return streamingDeviance(series, m, end);
}

/**
 * The weights of one form fitted on series[0 .. end-1]: its one-step squared error and deviance.
 * The bounds are statsmodels' usual ones: every weight in (0, 1), the trend weight as a share of
 * the level's change, and the season weight below 1 − alpha.
 */
export function fitEtsForm(
  series: ArrayLike<number>,
  end: number,
  form: EtsForm,
  error: EtsError = 'additive',
): { model: EtsModel; sse: number; deviance: number } {
  const trended = form.trend !== 'none';
  const seasonal = form.season !== 'none';
  const damped = form.trend === 'damped';
  // Writes the weights of coordinates u into `into`: one model object serves every evaluation.
  const place = (u: number[], into: EtsModel): EtsModel => {
    let i = 0;
    into.alpha = squash(u[i++], W_MIN, W_MAX);
    into.beta = trended ? squash(u[i++], W_MIN, W_MAX) : 0;
    into.gamma = seasonal ? squash(u[i++], W_MIN, Math.max(2 * W_MIN, 1 - into.alpha - W_MIN)) : 0;
    into.phi = damped ? squash(u[i++], PHI_MIN, PHI_MAX) : 1;
    return into;
  };
  const empty = (): EtsModel => ({
    ...form,
    period: seasonal ? form.period : null,
    alpha: 0,
    beta: 0,
    gamma: 0,
    phi: 1,
    error,
  });
  const build = (u: number[]): EtsModel => place(u, empty());
  const scratch = empty();
  const start = [unsquash(0.3, W_MIN, W_MAX)];
  if (trended) start.push(unsquash(0.05, W_MIN, W_MAX));
  // The season's coordinate is its share of the room 1 − alpha leaves: 0.1 / 0.7.
  if (seasonal) start.push(unsquash(0.1 / 0.7, 0, 1));
  if (damped) start.push(unsquash(0.9, PHI_MIN, PHI_MAX));
  // One season buffer for every evaluation of this fit: Nelder-Mead makes hundreds.
  const buffer = seasonBuffer();
  const objective = (u: number[]) => streamingDeviance(series, place(u, scratch), end, buffer);
  const budget = 150 * start.length;
  const first = nelderMead(objective, start, { step: 1.5, maxEvaluations: budget });
  const found = nelderMead(objective, first.x, { step: 0.5, maxEvaluations: budget });
  const best = found.value <= first.value ? found : first;
  const model = build(best.x);
  return { model, sse: etsSquaredError(series, model, end), deviance: best.value };
}

/** The forms worth trying on series[0 .. end-1] with this period (none too long to start). */
export function etsForms(series: ArrayLike<number>, end: number, period: number | null): EtsForm[] {
  const seasons: EtsSeason[] = ['none'];
  // Two seasons start the model and at least two more teach it: shorter histories cannot tell a
  // season from noise.
  if (period !== null && period >= 2 && end >= 4 * period) {
    seasons.push('additive');
    if (positiveUpTo(series, end)) seasons.push('multiplicative');
  }
  const forms: EtsForm[] = [];
  for (const season of seasons) {
    for (const trend of ['none', 'additive', 'damped'] as const) {
      const form = { trend, season, period: season === 'none' ? null : period };
      if (end >= etsHistory(form) + 8) forms.push(form);
    }
  }
  return forms;
}

function positiveUpTo(series: ArrayLike<number>, end: number): boolean {
  for (let i = 0; i < end; i++) if (!(series[i] > 0)) return false;
  return true;
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
 * longer) with additive errors, and for a positive series with multiplicative ones too; the fit
 * with the lowest AICc, or null when the history is too short for any. Errors from the start
 * onwards count (the first values helped make the start, as in statsmodels), and the parameter
 * count includes the start values and the error variance.
 */
export function fitEts(
  whole: ArrayLike<number>,
  wholeEnd: number,
  period: number | null,
  /** Hears the share of the forms fitted so far. */
  onProgress: (done: number) => void = () => undefined,
): EtsModel | null {
  const { values: series, end } = etsFitStretch(whole, wholeEnd, period);
  // Multiplicative seasons and errors need every value positive, in the whole history they run over.
  const positive = positiveUpTo(whole, wholeEnd);
  const errors: EtsError[] = positive ? ['additive', 'multiplicative'] : ['additive'];
  let best: { model: EtsModel; aicc: number } | null = null;
  const forms = etsForms(series, end, period);
  for (const [i, form] of forms.entries()) {
    onProgress(i / forms.length);
    if (form.season === 'multiplicative' && !positive) continue;
    for (const error of errors) {
      const { model, deviance } = fitEtsForm(series, end, form, error);
      if (!Number.isFinite(deviance)) continue;
      const k =
        3 +
        (form.trend !== 'none' ? 2 : 0) +
        (form.trend === 'damped' ? 1 : 0) +
        (form.season !== 'none' ? (form.period as number) + 1 : 0);
      const n = end;
      if (n - k - 1 <= 0) continue;
      const aicc = deviance + 2 * k + (2 * k * (k + 1)) / (n - k - 1);
      if (!best || aicc < best.aicc) best = { model, aicc };
    }
  }
  return best?.model ?? null;
}

/**
 * The same form and error type with its weights fitted again on series[0 .. end-1]: once the
 * chosen model is the smoothing itself, its weights learn from everything before the test part,
 * as statsmodels' and the `forecast` package's fits do. Returns the model unchanged when the
 * longer fit is not finite. Long series are fitted on their latest values, as in `fitEts`.
 */
export function refitEts(whole: ArrayLike<number>, wholeEnd: number, m: EtsModel): EtsModel {
  const form = { trend: m.trend, season: m.season, period: m.period };
  const { values: series, end } = etsFitStretch(whole, wholeEnd, m.period);
  const { model, deviance } = fitEtsForm(series, end, form, m.error ?? 'additive');
  return Number.isFinite(deviance) ? model : m;
}
