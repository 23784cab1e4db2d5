/**
 * A long future forecast reaches the chart bounded: history and future thinned to at most
 * MAX_CHART_POINTS in all, at their original steps, the table's first steps, the last step and
 * the widest band kept, every kept value as forecast and calibrated on every step.
 */
import { describe, expect, it } from 'vitest';
import { boundedFuture, FUTURE_TABLE_ROWS, futureStepCount } from '../../src-main/shared/bounded-future';
import { MAX_CHART_POINTS } from '../../src-main/shared/chart-series';
import type { FutureForecast } from '../../src-main/shared/types-model-use';

const STEPS = 10_000;
const HISTORY = 20_000;

/** A forecast as futureForecast makes it for the longest horizon allowed; its bands widen once, at step 7,777. */
function longForecast(): FutureForecast {
  const point = Array.from({ length: STEPS }, (_, i) => 50 + 10 * Math.sin(i / 90));
  const width = (k: number, scale: number) => scale * (k === 7_777 ? 40 : 1 + Math.sqrt(k) / 50);
  const values = Array.from({ length: HISTORY }, (_, i) => 50 + 10 * Math.sin(i / 90) + (i % 5));
  return {
    runId: 'long',
    target: 'load',
    time: point.map((_, i) => `f${i}`),
    point,
    intervals: [
      { level: 0.8, lower: point.map((p, k) => p - width(k, 1)), upper: point.map((p, k) => p + width(k, 1)) },
      { level: 0.95, lower: point.map((p, k) => p - width(k, 2)), upper: point.map((p, k) => p + width(k, 2)) },
    ],
    history: { time: values.map((_, i) => `h${i}`), values },
    intervalMethod: 'split-conformal',
    longRangeNote: null,
  };
}

describe('boundedFuture', () => {
  const full = longForecast();
  const bounded = boundedFuture(full);
  const steps = bounded.steps ?? [];
  const historySteps = bounded.history.steps ?? [];

  it('keeps at most MAX_CHART_POINTS points of history and future in all', () => {
    expect(bounded.history.values.length + bounded.point.length).toBeLessThanOrEqual(MAX_CHART_POINTS);
    expect(bounded.point.length).toBeGreaterThan(MAX_CHART_POINTS / 4);
    expect(historySteps[0]).toBe(0);
    expect(historySteps.at(-1)).toBe(HISTORY - 1);
  });

  it("keeps the table's first steps, the last step and the widest band, each value at its step", () => {
    expect(steps.slice(0, FUTURE_TABLE_ROWS)).toEqual(Array.from({ length: FUTURE_TABLE_ROWS }, (_, i) => i));
    expect(steps.at(-1)).toBe(STEPS - 1);
    expect(steps).toContain(7_777);
    expect(steps.every((s, i) => i === 0 || s > (steps[i - 1] ?? -1))).toBe(true);
    steps.forEach((s, i) => {
      expect(bounded.time[i]).toBe(`f${s}`);
      expect(bounded.point[i]).toBe(full.point[s]);
      bounded.intervals.forEach((b, l) => {
        expect(b.lower[i]).toBe(full.intervals[l]!.lower[s]);
        expect(b.upper[i]).toBe(full.intervals[l]!.upper[s]);
      });
    });
    historySteps.forEach((s, i) => expect(bounded.history.values[i]).toBe(full.history.values[s]));
    expect(futureStepCount(bounded)).toBe(STEPS);
    expect(bounded.intervalMethod).toBe(full.intervalMethod);
  });

  it('returns a forecast that already fits as it is', () => {
    const short = { ...full, history: { time: ['a'], values: [1] } };
    const shorter = {
      ...short,
      time: full.time.slice(0, 100),
      point: full.point.slice(0, 100),
      intervals: [],
    };
    expect(boundedFuture(shorter)).toBe(shorter);
    expect(futureStepCount(shorter)).toBe(100);
  });
});
