/**
 * The Backtest tab scores the forecast the Forecast view shows past the model's horizon: the
 * blend's weights are fitted on one half of the origins and scored on the other, never on the
 * origins they were fitted on. The cases are small enough to check by hand.
 */
import { describe, expect, it } from 'vitest';
import { backtestBlend, crossFitted } from '../../src-main/model-use/backtest-blend';
import { stepWeights, type LongBacktest } from '../../src-main/model-use/long-range-blend';

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

  it('scores each half with the weights of the other, so it is not', () => {
    const blended = crossFitted(target, backtest, refs, 2, 1);
    // Step 1 keeps the model (weight 1; the reference's 99 is not used).
    expect(blended.map((f) => f[0])).toEqual([0, 0, 0, 0]);
    // Earlier origins with the later half's ¾: 0.75 · 2 + 0.25 · (−2) = 1.
    // Later origins with the earlier half's ½: 0.5 · 2 + 0.5 · (−6) = −2.
    expect(blended.map((f) => f[1])).toEqual([1, 1, -2, -2]);
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
    expect(b!.note).toMatch(/scored here with the weights fitted on the other half, never on its own\.$/);
    // Identical to the blend with each half's weights fitted on the other half.
    // The same month in the five years before the origin.
    const mean = (t: number, k: number) =>
      [1, 2, 3, 4, 5].map((j) => target[t + k - (j + Math.floor(k / PERIOD)) * PERIOD]).reduce((a, c) => a + c, 0) / 5;
    const refs = origins.map((t) => Float64Array.from({ length: STEPS }, (_, k) => mean(t, k)));
    const expected = crossFitted(target, backtest, refs, STEPS, 1);
    for (const i of [0, 29, 30, 59]) {
      for (let k = 0; k < STEPS; k++) expect(b!.forecasts![i][k]).toBeCloseTo(expected[i][k], 9);
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
    expect(few?.note).toMatch(/needs at least 30 origins, and this backtest has 20 \(an earlier start gives more\)\.$/);
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
});
