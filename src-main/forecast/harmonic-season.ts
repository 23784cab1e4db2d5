/**
 * Strength of a long season from a harmonic fit, for seasons the autocorrelation test cannot
 * judge yet: a yearly cycle in daily data needs three years for that test, while two years
 * already show whether the same shape comes back. Non-finite values are gaps.
 */

/** Sine–cosine pairs fitted per season: enough for a yearly temperature or demand curve, few enough not to chase noise. */
const MAX_HARMONICS = 3;

/** Result of fitting a linear trend plus harmonics of one cycle length. */
export interface HarmonicFit {
  /** Share of the variance left after the trend that the harmonics explain (0..1). */
  explained: number;
  /** Correlation of the season's shape fitted on the first half with the one fitted on the second half. */
  repeat: number;
  /** Lag-1 autocorrelation of what the fit leaves: near 1 when the series wanders like a random walk. */
  persistence: number;
}

/**
 * Fits level + trend + K harmonics of `cycle` (may be fractional, e.g. 365.25) to `values`.
 * `explained` is the variance the harmonics explain beyond the trend; `repeat` compares the shape
 * fitted on each half of the data over one cycle, so a slow wander that happens to look like one
 * wave (a random walk over two years) does not count as a season: its halves disagree.
 * `persistence` catches the rest: what a true season leaves behind is weather-like noise that
 * returns to the curve, what a random walk leaves behind still wanders.
 * Returns zero strength when fewer than two cycles of finite values exist.
 */
export function harmonicFit(values: ArrayLike<number>, cycle: number): HarmonicFit {
  const n = values.length;
  const none = { explained: 0, repeat: 0, persistence: 1 };
  if (!(cycle >= 2) || n < 2 * cycle) return none;
  const k = Math.max(1, Math.min(MAX_HARMONICS, Math.floor((cycle - 1) / 2)));
  const indices = Array.from({ length: n }, (_, i) => i).filter((i) => Number.isFinite(values[i]));
  if (indices.length < 2 * cycle) return none;

  const full = fitRows(values, indices, cycle, k);
  const trendOnly = fitRows(values, indices, cycle, 0);
  if (full === null || trendOnly === null || trendOnly.residual === 0) return none;
  const explained = Math.max(0, 1 - full.residual / trendOnly.residual);

  const half = Math.floor(n / 2);
  const first = fitRows(
    values,
    indices.filter((i) => i < half),
    cycle,
    k,
  );
  const second = fitRows(
    values,
    indices.filter((i) => i >= half),
    cycle,
    k,
  );
  const repeat = first && second ? correlation(shape(first.coef, cycle, k), shape(second.coef, cycle, k)) : 0;
  return { explained, repeat, persistence: full.persistence };
}

/** Least squares of values at `rows` on [1, t, sin/cos of harmonics 1..k]; null when singular. */
function fitRows(
  values: ArrayLike<number>,
  rows: number[],
  cycle: number,
  k: number,
): { coef: number[]; residual: number; persistence: number } | null {
  const p = 2 + 2 * k;
  if (rows.length <= p) return null;
  const scale = Math.max(1, rows[rows.length - 1]);
  const features = (t: number): number[] => {
    const f = [1, t / scale];
    for (let j = 1; j <= k; j++) {
      const angle = (2 * Math.PI * j * t) / cycle;
      f.push(Math.sin(angle), Math.cos(angle));
    }
    return f;
  };
  const ata = Array.from({ length: p }, () => new Float64Array(p));
  const aty = new Float64Array(p);
  for (const t of rows) {
    const f = features(t);
    for (let a = 0; a < p; a++) {
      aty[a] += f[a] * values[t];
      for (let b = 0; b < p; b++) ata[a][b] += f[a] * f[b];
    }
  }
  const coef = solve(ata, aty);
  if (coef === null) return null;
  let residual = 0;
  let lagged = 0;
  let previous: { t: number; e: number } | null = null;
  for (const t of rows) {
    const f = features(t);
    let fitted = 0;
    for (let a = 0; a < p; a++) fitted += coef[a] * f[a];
    const e = values[t] - fitted;
    residual += e ** 2;
    if (previous && previous.t === t - 1) lagged += previous.e * e;
    previous = { t, e };
  }
  return { coef, residual, persistence: residual > 0 ? lagged / residual : 0 };
}

/** The fitted season over one cycle (harmonic part only), sampled at whole steps. */
function shape(coef: number[], cycle: number, k: number): number[] {
  return Array.from({ length: Math.max(2, Math.round(cycle)) }, (_, t) => {
    let v = 0;
    for (let j = 1; j <= k; j++) {
      const angle = (2 * Math.PI * j * t) / cycle;
      v += coef[2 * j] * Math.sin(angle) + coef[2 * j + 1] * Math.cos(angle);
    }
    return v;
  });
}

function correlation(a: number[], b: number[]): number {
  const mean = (x: number[]) => x.reduce((s, v) => s + v, 0) / x.length;
  const ma = mean(a);
  const mb = mean(b);
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    ab += (a[i] - ma) * (b[i] - mb);
    aa += (a[i] - ma) ** 2;
    bb += (b[i] - mb) ** 2;
  }
  return aa > 0 && bb > 0 ? ab / Math.sqrt(aa * bb) : 0;
}

/** Gaussian elimination with partial pivoting on a small dense system; null when singular. */
function solve(matrix: Float64Array[], rhs: Float64Array): number[] | null {
  const p = rhs.length;
  const m = matrix.map((row, i) => [...row, rhs[i]]);
  for (let col = 0; col < p; col++) {
    let pivot = col;
    for (let r = col + 1; r < p; r++) if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) pivot = r;
    if (Math.abs(m[pivot][col]) < 1e-12) return null;
    [m[col], m[pivot]] = [m[pivot], m[col]];
    for (let r = 0; r < p; r++) {
      if (r === col) continue;
      const factor = m[r][col] / m[col][col];
      for (let c = col; c <= p; c++) m[r][c] -= factor * m[col][c];
    }
  }
  return m.map((row, i) => row[p] / row[i]);
}
