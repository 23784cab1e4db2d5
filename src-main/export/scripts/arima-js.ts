/**
 * The ARIMA baseline inside predict.cjs: the same differencing, one-step errors and forecast as
 * src-main/forecast/arima.ts, in the same order of operations so the numbers agree to the last
 * bit, run over the whole history the script is given, with the saved model checked first (a
 * malformed one would move every forecast silently).
 */
export const ARIMA_JS = String.raw`// ARIMA as the app runs it: differences, autoregression, (seasonal) moving average, summed back.
function arimaModel() {
  const m = pre.target.arima;
  const bad = (why) => new Error('preprocessing.json is not usable: ' + why + '.');
  if (!m || typeof m !== 'object') throw bad('the arima target has no target.arima');
  if (m.d !== 0 && m.d !== 1) throw bad('target.arima.d must be 0 or 1');
  if (m.seasonalD !== 0 && m.seasonalD !== 1) throw bad('target.arima.seasonalD must be 0 or 1');
  const coefficients = (key, most) => {
    const v = m[key];
    const fine = (c) => typeof c === 'number' && Number.isFinite(c) && Math.abs(c) < 10;
    if (!Array.isArray(v) || v.length > most || !v.every(fine)) {
      throw bad('target.arima.' + key + ' must be a list of at most ' + most + ' number(s) between -10 and 10');
    }
  };
  coefficients('ar', 2);
  coefficients('ma', 1);
  coefficients('seasonalMa', 1);
  if (typeof m.mean !== 'number' || !Number.isFinite(m.mean)) throw bad('target.arima.mean must be a finite number');
  const period = pre.target.period;
  if (m.seasonalD === 1 || m.seasonalMa.length > 0) {
    if (period === null || m.period !== period) throw bad('a seasonal ARIMA model needs target.arima.period equal to target.period');
  } else if (m.period !== null && m.period !== period) {
    throw bad('target.arima.period must be null or equal to target.period');
  }
  return m;
}

/** Lags and coefficients of the differencing (1 - B)^d (1 - B^period)^seasonalD, lag 0 left out. */
function arimaDifferencing(m) {
  let poly = [1];
  const times = (lag) => {
    const next = new Array(poly.length + lag).fill(0);
    poly.forEach((c, l) => {
      next[l] += c;
      next[l + lag] -= c;
    });
    poly = next;
  };
  for (let i = 0; i < m.d; i++) times(1);
  if (m.seasonalD > 0) times(m.period);
  return poly.map((c, l) => [l, c]).filter(([l, c]) => l > 0 && c !== 0);
}

/** The prediction of difference w[i] from those before it and their errors e; steps before lag count as the mean (errors 0). */
function arimaPredict(m, w, e, i, lag) {
  let out = m.mean;
  m.ar.forEach((phi, j) => {
    if (i - j - 1 >= lag) out += phi * (w[i - j - 1] - m.mean);
  });
  const theta = m.ma.length > 0 ? m.ma[0] : 0;
  if (theta !== 0 && i - 1 >= lag) out += theta * e[i - 1];
  if (m.seasonalMa.length > 0) {
    const big = m.seasonalMa[0];
    const s = m.period;
    if (i - s >= lag) out += big * e[i - s];
    if (theta !== 0 && i - s - 1 >= lag) out += theta * big * e[i - s - 1];
  }
  return out;
}

/** Forecast of the value k steps (0-based) after the history. */
function arimaForecast(history, k) {
  const m = arimaModel();
  // The first difference exists at lag: d values, and a season more with a seasonal difference.
  const lag = m.d + (m.seasonalD > 0 ? m.period : 0);
  const n = history.length;
  if (n < lag + 1) throw new Error('The ARIMA baseline needs at least ' + (lag + 1) + ' rows of history; found ' + n + '.');
  const poly = arimaDifferencing(m);
  const y = Array.from(history);
  const w = new Array(n + k + 1).fill(0);
  const e = new Array(n + k + 1).fill(0);
  // The differences and one-step errors over the whole history, from its first difference.
  for (let i = lag; i < n; i++) {
    let v = y[i];
    for (const [l, c] of poly) v += c * y[i - l];
    w[i] = v;
    e[i] = v - arimaPredict(m, w, e, i, lag);
  }
  // Future errors are 0: each future difference is its prediction, summed back onto the values before it.
  for (let i = n; i <= n + k; i++) {
    w[i] = arimaPredict(m, w, e, i, lag);
    let v = w[i];
    for (const [l, c] of poly) v -= c * y[i - l];
    y[i] = v;
  }
  return y[n + k];
}
`;
