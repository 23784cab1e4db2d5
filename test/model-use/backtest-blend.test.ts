/**
 * The Backtest tab scores the forecast the Forecast view shows past the model's horizon: the
 * whole rule (reference, weights, whether to blend) is run on one half of the origins and scored
 * on the other, never on the origins it was fitted on.
 */
import { describe, expect, it } from 'vitest';
import { backtestBlend, ruleOutOfSample } from '../../src-main/model-use/backtest-blend';
import { blend, chooseReference, stepWeights, type LongBacktest } from '../../src-main/model-use/long-range-blend';

describe('cross-fitted blend', () => {
  // Truth 0 everywhere; step 1 is the model's own horizon, step 2 is fed back. On the earlier two
  // origins the model says 2 and the reference −2 (best weight ½); on the later two the model
  // says 2 and the reference −6 (best weight ¾: 0.75 · 2 + 0.25 · (−6) = 0).
  const target = new Float64Array(20);
  const backtest: LongBacktest = {
    origins: [4, 5, 6, 7],
    forecasts: [0, 1, 2, 3].map(() => Float64Array.of(0, 2)),
  };
  const refs = [-2, -2, -6, -6].map((r) => Float64Array.of(99, r));

  it('fitted on the origins it scores, each half would be perfect', () => {
    const earlier = stepWeights(
      target,
      { origins: [4, 5], forecasts: backtest.forecasts.slice(0, 2) },
      refs.slice(0, 2),
      2,
      1,
    );
    const later = stepWeights(target, { origins: [6, 7], forecasts: backtest.forecasts.slice(2) }, refs.slice(2), 2, 1);
    expect(earlier.weights).toEqual([1, 0.5]);
    expect(later.weights).toEqual([1, 0.75]);
    expect(earlier.errors[1].blend).toBe(0);
    expect(later.errors[1].blend).toBe(0);
  });

  it('so weights fitted on the other half score each half worse than its own would', () => {
    const other = (from: number, to: number) =>
      stepWeights(
        target,
        { origins: backtest.origins.slice(from, to), forecasts: backtest.forecasts.slice(from, to) },
        refs.slice(from, to),
        2,
        1,
      ).weights;
    // Earlier origins with the later half's ¾: 0.75 · 2 + 0.25 · (−2) = 1, not 0.
    expect(blend(backtest.forecasts[0], refs[0], other(2, 4))[1]).toBe(1);
    // Later origins with the earlier half's ½: 0.5 · 2 + 0.5 · (−6) = −2, not 0.
    expect(blend(backtest.forecasts[3], refs[3], other(0, 2))[1]).toBe(-2);
  });
});

describe('backtest blend', () => {
  const PERIOD = 12;
  const STEPS = 24;
  const seasons = [{ period: PERIOD, label: '1 year' }];
  const target = Float64Array.from(
    { length: 240 },
    (_, t) => 10 * Math.sin((2 * Math.PI * t) / PERIOD) + Math.sin(t * 1.7),
  );
  const drifting = (origins: number[], drift: number): LongBacktest => ({
    origins,
    forecasts: origins.map((t) => Float64Array.from({ length: STEPS }, (_, k) => target[t + k] + drift * k)),
  });
  const origins = Array.from({ length: 60 }, (_, i) => 150 + i);

  it('scores a drifting model blended with the season out of sample, and says so', () => {
    const backtest = drifting(origins, 0.8);
    const b = backtestBlend(target, backtest, seasons, { lookback: 12, horizon: 1 }, STEPS);
    expect(b?.forecasts).toHaveLength(60);
    expect(b!.note).toMatch(
      /a future forecast leans on the average of the same point in the last 5 seasons \(a season of 1 year\)/,
    );
    expect(b!.note).toMatch(
      /each half of the origins is scored here as the same rule, run on the other half alone, forecasts it .*never on its own\.$/,
    );
    // Each half blended as the rule run on the other half alone says.
    const half = 30;
    const part = (from: number, to: number) => ({
      origins: origins.slice(from, to),
      forecasts: backtest.forecasts.slice(from, to),
    });
    const fromLater = chooseReference(target, part(half, 60), seasons, { lookback: 12, horizon: 1 }, STEPS);
    const fromEarlier = chooseReference(target, part(0, half), seasons, { lookback: 12, horizon: 1 }, STEPS);
    expect(fromLater && fromEarlier).toBeTruthy();
    for (const i of [0, 29, 30, 59]) {
      const rule = i < half ? fromLater! : fromEarlier!;
      const expected = blend(backtest.forecasts[i], rule.ref.forecast(target, origins[i], STEPS), rule.weights);
      for (let k = 0; k < STEPS; k++) expect(b!.forecasts![i][k]).toBeCloseTo(expected[k], 9);
    }
    // The model's own step is untouched; the far step is much closer to the truth than the drift.
    expect(b!.forecasts![0][0]).toBe(backtest.forecasts[0][0]);
    const far = STEPS - 1;
    const err = (f: Float64Array[]) => origins.reduce((s, t, i) => s + (target[t + far] - f[i][far]) ** 2, 0);
    expect(err(b!.forecasts!)).toBeLessThan(err(backtest.forecasts) / 4);
  });

  it('has no row within the model horizon', () => {
    expect(backtestBlend(target, drifting(origins, 0.8), seasons, { lookback: 12, horizon: STEPS }, STEPS)).toBeNull();
  });

  it('says why there is no row with too few origins, or when no reference helps', () => {
    const few = backtestBlend(
      target,
      drifting(origins.slice(0, 20), 0.8),
      seasons,
      { lookback: 12, horizon: 1 },
      STEPS,
    );
    expect(few?.forecasts).toBeNull();
    expect(few?.note).toMatch(
      /only when at least 30 backtest origins support it, and this backtest has 20 \(an earlier start gives more\)\.$/,
    );
    // The model drifts from the earlier origins only: weights fitted there hurt on the later ones.
    const early = drifting(origins.slice(0, 30), 0.8);
    const late = drifting(origins.slice(30), 0);
    const mixed = { origins, forecasts: [...early.forecasts, ...late.forecasts] };
    const none = backtestBlend(target, mixed, seasons, { lookback: 12, horizon: 1 }, STEPS);
    expect(none?.forecasts).toBeNull();
    expect(none?.note).toMatch(
      /^No "forecast as shown" row: neither the average .* nor the mean of the last 60 values/,
    );
    expect(none?.note).toMatch(/the forecast shown is the network's own\.$/);
    const right = backtestBlend(target, drifting(origins, 0), seasons, { lookback: 12, horizon: 1 }, STEPS);
    expect(right?.forecasts).toBeNull();
    expect(right?.note).toMatch(/^No "forecast as shown" row/);
  });

  it('keeps the network where the other half alone would not blend, however much blending helps in sample', () => {
    // 90 origins: the model drifts on the first 60 and is right on the last 30. On all origins the
    // rule blends; the later half's rule (30 right origins) does not, so the earlier half keeps the drift.
    const many = Array.from({ length: 90 }, (_, i) => 120 + i);
    const drift = drifting(many.slice(0, 60), 0.8);
    const right = drifting(many.slice(60), 0);
    const mixed = { origins: many, forecasts: [...drift.forecasts, ...right.forecasts] };
    const out = ruleOutOfSample(target, mixed, seasons, { lookback: 12, horizon: 1 }, STEPS);
    expect(out.blended).toEqual({ earlier: false, later: true });
    for (const i of [0, 44]) expect(Array.from(out.forecasts[i])).toEqual(Array.from(mixed.forecasts[i]));
    const b = backtestBlend(target, mixed, seasons, { lookback: 12, horizon: 1 }, STEPS);
    expect(b?.forecasts).toHaveLength(90);
    expect(b?.note).toMatch(
      /only the earlier half of the origins supports that on its own, so the later half is blended/,
    );
  });
});
