/**
 * The likelihood a smoothing fit maximises, computed in one pass without keeping the states.
 * Nelder-Mead evaluates it hundreds of times per form; keeping four state arrays of the series'
 * length for each evaluation made a many-series run spend most of its preparation allocating and
 * collecting them. The arithmetic is that of `etsStates` step for step (same operations, same
 * order), so the deviance is bit for bit the one computed from the kept states.
 */
import { etsHistory, etsName, safe, simpleStart } from './exponential-smoothing';
import type { EtsModel } from './exponential-smoothing';

/** One season's states, reused by every evaluation of a fit (one per period length). */
export type SeasonBuffer = { values: Float64Array };

/** A buffer for the season's states; pass the same one to every `streamingDeviance` of a fit. */
export function seasonBuffer(): SeasonBuffer {
  return { values: new Float64Array(0) };
}

/**
 * −2 × the log-likelihood of the one-step errors over series[0 .. end-1], without the constant
 * both error types share (statsmodels' `ETSModel.loglike`): see `etsDeviance`. `buffer` holds the
 * season between calls, so an evaluation allocates nothing. @throws RangeError with fewer values
 * than `etsHistory`.
 */
export function streamingDeviance(
  series: ArrayLike<number>,
  m: EtsModel,
  end: number,
  buffer: SeasonBuffer = seasonBuffer(),
): number {
  const need = etsHistory(m);
  if (end < need) throw new RangeError(`${etsName(m)} needs at least ${need} values to start; the series has ${end}.`);
  const seasonal = m.season !== 'none' && m.period !== null;
  const p = seasonal ? (m.period as number) : 1;
  const mult = m.season === 'multiplicative';
  const trended = m.trend !== 'none';
  const phi = m.trend === 'damped' ? m.phi : 1;
  const { alpha, beta, gamma } = m;
  if (buffer.values.length < p) buffer.values = new Float64Array(p);
  const season = buffer.values;
  // statsmodels' "simple" start, as the smoothing makes it.
  const start = simpleStart(series, m, season);
  let level = start.level;
  let trend = start.trend;
  const relative = m.error === 'multiplicative';
  let squares = 0;
  let logs = 0;
  for (let t = 0; t < end; t++) {
    const base = level + phi * trend;
    // season[t % p] holds the state etsStates keeps at season[t]; it is replaced by season[t + p].
    const slot = t % p;
    const s = seasonal ? season[slot] : mult ? 1 : 0;
    const f = mult ? base * s : base + s;
    const y = series[t];
    if (relative) {
      if (!(f > 0)) return Number.POSITIVE_INFINITY;
      squares += ((y - f) / f) ** 2;
      logs += Math.log(f);
    } else squares += (y - f) ** 2;
    const l = alpha * (mult ? y / safe(s) : y - s) + (1 - alpha) * base;
    if (trended) trend = beta * (l - level) + (1 - beta) * phi * trend;
    level = l;
    if (seasonal) season[slot] = gamma * (mult ? y / safe(base) : y - base) + (1 - gamma) * s;
  }
  return end * Math.log(Math.max(squares, 1e-300) / end) + 2 * logs;
}
