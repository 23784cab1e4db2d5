/** Long forecast series are thinned for their chart without losing peaks, worst errors or split starts. */
import { describe, expect, it } from 'vitest';
import {
  boundedEvaluation,
  MAX_CHART_POINTS,
  thinChartSeries,
  type ChartSeries,
} from '../../src-main/shared/chart-series';
import { storedRunSchema } from '../../src-main/shared/run-file-schema';
import type { ForecastEvaluation } from '../../src-main/shared/types';

/** A smooth wave with one spike in the actuals and one huge miss of the forecast, far apart. */
function longSeries(n: number): ChartSeries {
  const actual = Array.from({ length: n }, (_, i) => Math.sin(i / 500) * 10 + (i === 123_457 ? 900 : 0));
  const predicted = actual.map((a, i) => (i < 24 ? null : i === 654_321 ? a - 500 : a + 0.1));
  return {
    time: actual.map((_, i) => `t${i}`),
    actual,
    predicted,
    validationStart: Math.floor(n * 0.7) + 3,
    testStart: Math.floor(n * 0.85) + 1,
  };
}

describe('thinChartSeries', () => {
  const full = longSeries(1_000_000);
  const thin = thinChartSeries(full);
  const steps = thin.steps ?? [];

  it('keeps at most MAX_CHART_POINTS points, each with its original step, ascending', () => {
    expect(thin.actual.length).toBeLessThanOrEqual(MAX_CHART_POINTS);
    expect(thin.actual.length).toBeGreaterThan(MAX_CHART_POINTS / 2);
    expect(steps).toHaveLength(thin.actual.length);
    expect(thin.predicted).toHaveLength(thin.actual.length);
    expect(thin.time).toHaveLength(thin.actual.length);
    expect(steps.every((s, i) => i === 0 || s > (steps[i - 1] ?? -1))).toBe(true);
    steps.forEach((s, i) => {
      expect(thin.actual[i]).toBe(full.actual[s]);
      expect(thin.time[i]).toBe(`t${s}`);
    });
  });

  it('keeps the first and last step and the start of validation and test', () => {
    expect(steps[0]).toBe(0);
    expect(steps.at(-1)).toBe(999_999);
    expect(steps).toContain(full.validationStart);
    expect(steps).toContain(full.testStart);
    expect(thin.validationStart).toBe(full.validationStart);
    expect(thin.testStart).toBe(full.testStart);
  });

  it('keeps the highest actual and the worst forecast error', () => {
    expect(steps).toContain(123_457);
    const highest = (values: number[]) => values.reduce((m, v) => Math.max(m, v), -Infinity);
    expect(highest(thin.actual)).toBe(highest(full.actual));
    expect(highest(thin.actual)).toBeGreaterThan(900);
    expect(steps).toContain(654_321);
  });

  it('keeps the missing forecasts of the first steps as missing', () => {
    expect(thin.predicted[0]).toBeNull();
  });

  it('leaves a series that already fits alone', () => {
    const short = longSeries(MAX_CHART_POINTS);
    expect(thinChartSeries(short)).toBe(short);
  });

  it('thins an already thinned series again in original steps', () => {
    const again = thinChartSeries(thin, 500);
    expect(again.actual.length).toBeLessThanOrEqual(500);
    expect(again.steps?.[0]).toBe(0);
    expect(again.steps?.at(-1)).toBe(999_999);
    expect(again.steps).toContain(123_457);
  });
});

describe('boundedEvaluation', () => {
  const evaluation = {
    kind: 'forecast',
    series: longSeries(200_000),
    global: { series: [], charts: { a: longSeries(10_000), b: longSeries(100) }, aggregate: {} },
    metrics: { rmse: 1, mae: 1, r2: 0, mape: null, smape: null },
  } as unknown as ForecastEvaluation;

  it("bounds the run's chart and every series' chart of a global model, metrics untouched", () => {
    const bounded = boundedEvaluation(evaluation);
    expect(bounded.series.actual.length).toBeLessThanOrEqual(MAX_CHART_POINTS);
    expect(bounded.global?.charts?.a?.actual.length).toBeLessThanOrEqual(MAX_CHART_POINTS);
    expect(bounded.global?.charts?.b).toBe(evaluation.global?.charts?.b);
    // Each thinned series' residual histogram counts every one of its test steps.
    const a = evaluation.global?.charts?.a;
    expect(bounded.global?.charts?.a?.residualHistogram?.total).toBe(10_000 - (a?.testStart ?? 0));
    expect(bounded.series.residualHistogram?.total).toBe(200_000 - evaluation.series.testStart);
    expect(bounded.metrics).toEqual(evaluation.metrics);
    expect(evaluation.series.actual).toHaveLength(200_000);
  });

  it('returns a short or non-forecast evaluation as it is', () => {
    const short = { ...evaluation, series: longSeries(10), global: undefined };
    expect(boundedEvaluation(short)).toBe(short);
    expect(boundedEvaluation(null)).toBeNull();
  });
});

describe('run.json schema', () => {
  const evaluationWith = (steps: number[]) => ({ kind: 'forecast', series: { actual: [1, 2, 3], steps } });
  const schema = storedRunSchema.shape.evaluation;

  it('accepts ascending steps and refuses steps that go back with a sentence', () => {
    expect(schema.safeParse(evaluationWith([0, 5, 9])).success).toBe(true);
    const bad = schema.safeParse(evaluationWith([0, 9, 5]));
    expect(bad.success).toBe(false);
    expect(bad.error?.issues[0]?.message).toBe('The steps of a chart series must go up from one point to the next.');
  });
});
