/**
 * A backtest over a long series reaches the renderer bounded: at most MAX_CHART_POINTS actual
 * points (first and last kept, each with its original step) and fold points, scores untouched.
 */
import { describe, expect, it } from 'vitest';
import { evaluateBacktest, backtestFolds } from '../../src-main/forecast/backtest';
import { boundedBacktest } from '../../src-main/shared/bounded-backtest';
import { evenlySpaced } from '../../src-main/shared/evenly-spaced';
import { MAX_CHART_POINTS } from '../../src-main/shared/chart-series';
import type { BacktestReport } from '../../src-main/shared/types-model-use';

const STEPS = 60_000;
const HORIZON = 6;

/** A report shaped as backtestRun makes it, from a forecaster that repeats the last value plus a drift. */
function longReport(): BacktestReport {
  const actual = Array.from({ length: STEPS }, (_, i) => 100 + 20 * Math.sin(i / 300) + (i === 31_337 ? 500 : 0));
  const time = actual.map((_, i) => `t${i}`);
  const origins = backtestFolds(STEPS, { start: 40_000, step: 1, horizon: HORIZON });
  const r = evaluateBacktest(
    actual,
    origins,
    HORIZON,
    (t, h) => Array.from({ length: HORIZON }, () => h[t - 1]! + 0.5),
    12,
  );
  const json = (s: typeof r.model) => ({ overall: s.overall, perStep: s.perStep });
  return {
    runId: 'long',
    target: 'load',
    horizon: HORIZON,
    period: 12,
    origins: r.origins,
    model: json(r.model),
    baselines: {
      naive: json(r.baselines.naive),
      seasonalNaive: r.baselines.seasonalNaive ? json(r.baselines.seasonalNaive) : null,
      movingAverage: json(r.baselines.movingAverage),
    },
    beatsReference: r.beatsReference,
    verdict: r.verdict,
    folds: r.folds.map((f) => ({
      origin: f.origin,
      time: time.slice(f.origin, f.origin + HORIZON),
      forecast: f.model,
    })),
    series: { time, actual },
    retrainEvery: null,
  };
}

describe('boundedBacktest', () => {
  const full = longReport();
  const bounded = boundedBacktest(full);
  const steps = bounded.series.steps ?? [];

  it('keeps at most MAX_CHART_POINTS actual points, first, last and the peak among them, at their steps', () => {
    expect(bounded.series.actual.length).toBeLessThanOrEqual(MAX_CHART_POINTS);
    expect(steps).toHaveLength(bounded.series.actual.length);
    expect(steps[0]).toBe(0);
    expect(steps.at(-1)).toBe(STEPS - 1);
    expect(steps).toContain(31_337);
    steps.forEach((s, i) => {
      expect(bounded.series.actual[i]).toBe(full.series.actual[s]);
      expect(bounded.series.time[i]).toBe(`t${s}`);
    });
  });

  it('keeps evenly spaced folds within MAX_CHART_POINTS forecast points, the first and last among them', () => {
    expect(full.folds.length).toBe(STEPS - 40_000 - HORIZON + 1);
    const points = bounded.folds.reduce((sum, f) => sum + f.forecast.length, 0);
    expect(points).toBeLessThanOrEqual(MAX_CHART_POINTS);
    expect(bounded.folds[0]).toEqual(full.folds[0]);
    expect(bounded.folds.at(-1)).toEqual(full.folds.at(-1));
  });

  it('leaves the scores, verdict and origins of every fold as they were', () => {
    expect(bounded.model).toEqual(full.model);
    expect(bounded.baselines).toEqual(full.baselines);
    expect(bounded.verdict).toBe(full.verdict);
    expect(bounded.origins).toBe(full.origins);
  });

  it('returns a report that already fits as it is', () => {
    const short = { ...full, series: { time: ['a', 'b'], actual: [1, 2] }, folds: full.folds.slice(0, 3) };
    expect(boundedBacktest(short)).toBe(short);
  });

  it('spaces kept positions evenly from first to last', () => {
    expect(evenlySpaced(3, 5)).toEqual([0, 1, 2]);
    expect(evenlySpaced(101, 5)).toEqual([0, 25, 50, 75, 100]);
  });
});
