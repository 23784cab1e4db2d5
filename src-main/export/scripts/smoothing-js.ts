/**
 * The exponential-smoothing baseline inside predict.cjs: the same equations and start as
 * src-main/forecast/exponential-smoothing.ts, run over the whole history the script is given, with
 * the saved model checked first (a malformed one would move every forecast silently).
 */
export const SMOOTHING_JS = String.raw`// Exponential smoothing (Holt-Winters) as the app runs it: level, optional (damped) trend and season.
function smoothingModel() {
  const m = pre.target.smoothing;
  const bad = (why) => new Error('preprocessing.json is not usable: ' + why + '.');
  if (!m || typeof m !== 'object') throw bad('the exponential-smoothing target has no target.smoothing');
  if (!['none', 'additive', 'damped'].includes(m.trend)) throw bad('target.smoothing.trend must be one of none, additive, damped');
  if (!['none', 'additive', 'multiplicative'].includes(m.season)) {
    throw bad('target.smoothing.season must be one of none, additive, multiplicative');
  }
  if (m.season !== 'none' && (!Number.isInteger(m.period) || m.period < 2 || m.period !== pre.target.period)) {
    throw bad('a seasonal smoothing model needs target.smoothing.period equal to target.period');
  }
  for (const key of ['alpha', 'beta', 'gamma', 'phi']) {
    const v = m[key];
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0 || v > 1) throw bad('target.smoothing.' + key + ' must be a number from 0 to 1');
  }
  return m;
}

const TINY = 1e-12;
const safe = (x) => (Math.abs(x) < TINY ? (x < 0 ? -TINY : TINY) : x);

/** Forecast of the value k steps (0-based) after the history. */
function smoothingForecast(history, k) {
  const m = smoothingModel();
  const seasonal = m.season !== 'none';
  const p = seasonal ? m.period : 1;
  const mult = m.season === 'multiplicative';
  const trended = m.trend !== 'none';
  const phi = m.trend === 'damped' ? m.phi : 1;
  const n = history.length;
  const need = seasonal ? (trended ? 2 : 1) * p : trended ? 2 : 1;
  if (n < need) throw new Error('Exponential smoothing needs at least ' + need + ' rows of history to start; found ' + n + '.');
  // The start: the first season's mean, the change between the first two seasons' means per step,
  // the first season's deviations (ratios) from its mean; without a season the first value(s).
  let level;
  let trend = 0;
  const season = new Array(n + p).fill(mult ? 1 : 0);
  if (seasonal) {
    let first = 0;
    for (let i = 0; i < p; i++) first += history[i];
    first /= p;
    level = first;
    if (trended) {
      let second = 0;
      for (let i = p; i < 2 * p; i++) second += history[i];
      trend = (second / p - first) / p;
    }
    for (let i = 0; i < p; i++) season[i] = mult ? history[i] / safe(first) : history[i] - first;
  } else {
    level = history[0];
    if (trended) trend = history[1] - history[0];
  }
  for (let t = 0; t < n; t++) {
    const base = level + phi * trend;
    const s = seasonal ? season[t] : mult ? 1 : 0;
    const y = history[t];
    const next = m.alpha * (mult ? y / safe(s) : y - s) + (1 - m.alpha) * base;
    if (trended) trend = m.beta * (next - level) + (1 - m.beta) * phi * trend;
    if (seasonal) season[t + p] = m.gamma * (mult ? y / safe(base) : y - base) + (1 - m.gamma) * s;
    level = next;
  }
  let damped = 0;
  let power = 1;
  for (let j = 0; j <= k; j++) {
    power *= phi;
    damped += power;
  }
  const base = level + damped * trend;
  if (!seasonal) return base;
  const s = season[n + k - p * Math.ceil((k + 1) / p) + p];
  return mult ? base * s : base + s;
}
`;
