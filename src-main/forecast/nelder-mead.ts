/**
 * A compact Nelder-Mead minimiser (reflection, expansion, contraction, shrink) for the few
 * smoothing weights of exponential smoothing: no gradients, a handful of dimensions, a bounded
 * number of evaluations.
 */

export interface MinimumFound {
  x: number[];
  value: number;
  evaluations: number;
}

/**
 * Minimises `f` from `start`, with an initial simplex of `step` along each axis. Stops after
 * `maxEvaluations` or when the simplex's values agree within `tolerance` (relative).
 */
export function nelderMead(
  f: (x: number[]) => number,
  start: number[],
  opts: { step?: number; maxEvaluations?: number; tolerance?: number } = {},
): MinimumFound {
  const step = opts.step ?? 0.5;
  const maxEvaluations = opts.maxEvaluations ?? 400;
  const tolerance = opts.tolerance ?? 1e-9;
  const n = start.length;
  let evaluations = 0;
  // Non-finite values (a diverging filter) rank last instead of poisoning the comparisons.
  const value = (x: number[]) => {
    evaluations++;
    const v = f(x);
    return Number.isFinite(v) ? v : Number.POSITIVE_INFINITY;
  };
  let simplex = [start, ...start.map((_, i) => start.map((v, j) => (i === j ? v + step : v)))].map((x) => ({
    x,
    v: value(x),
  }));
  const along = (a: number[], b: number[], t: number) => a.map((ai, i) => ai + t * (b[i] - ai));
  while (evaluations < maxEvaluations) {
    simplex.sort((a, b) => a.v - b.v);
    const best = simplex[0];
    const worst = simplex[n];
    if (Math.abs(worst.v - best.v) <= tolerance * (Math.abs(best.v) + tolerance)) break;
    const centroid = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) centroid[j] += simplex[i].x[j] / n;
    const reflected = along(centroid, worst.x, -1);
    const rv = value(reflected);
    if (rv < best.v) {
      const expanded = along(centroid, worst.x, -2);
      const ev = value(expanded);
      simplex[n] = ev < rv ? { x: expanded, v: ev } : { x: reflected, v: rv };
    } else if (rv < simplex[n - 1].v) {
      simplex[n] = { x: reflected, v: rv };
    } else {
      const contracted = rv < worst.v ? along(centroid, reflected, 0.5) : along(centroid, worst.x, 0.5);
      const cv = value(contracted);
      if (cv < Math.min(rv, worst.v)) simplex[n] = { x: contracted, v: cv };
      else
        simplex = simplex.map((p, i) =>
          i === 0 ? p : { x: along(best.x, p.x, 0.5), v: value(along(best.x, p.x, 0.5)) },
        );
    }
  }
  simplex.sort((a, b) => a.v - b.v);
  return { x: simplex[0].x, value: simplex[0].v, evaluations };
}
