/**
 * The residual histogram of a long forecast comes from every test step, made before the chart
 * series is thinned: the thinned points keep mostly extremes and would misstate the spread.
 */
import { describe, expect, it } from 'vitest';
import { thinChartSeries, type ChartSeries } from '../../src-main/shared/chart-series';
import { histogram, residualHistogram } from '../../src-main/shared/residual-histogram';
import { storedRunSchema } from '../../src-main/shared/run-file-schema';

const STEPS = 9000;

/** Small everyday misses and a few large ones: the kind of run the thinned points misstate. */
function series(n: number): ChartSeries {
  const actual = Array.from({ length: n }, (_, i) => 20 + 5 * Math.sin(i / 40));
  const predicted = actual.map((a, i) => (i < 4 ? null : a + ((i * 7919) % 13) / 100 - (i % 997 === 0 ? 3 : 0)));
  return {
    time: actual.map((_, i) => `t${i}`),
    actual,
    predicted,
    validationStart: Math.floor(n * 0.7),
    testStart: Math.floor(n * 0.85),
  };
}

/** Every test residual of the full series, worked out here independently of the module. */
function testResiduals(s: ChartSeries): number[] {
  const out: number[] = [];
  s.actual.forEach((a, i) => {
    const p = s.predicted[i];
    if (i >= s.testStart && p !== null && p !== undefined) out.push(a - p);
  });
  return out;
}

describe('residual histogram of a thinned series', () => {
  const full = series(STEPS);
  const thin = thinChartSeries(full);

  it('bins every test residual of the full series, not the kept points', () => {
    const every = testResiduals(full);
    const h = thin.residualHistogram;
    expect(h).toBeDefined();
    expect(h?.total).toBe(every.length);
    expect(h?.counts.reduce((a, b) => a + b, 0)).toBe(STEPS - Math.floor(STEPS * 0.85));
    expect(h?.split).toBe('test');
    const expected = histogram(every);
    expect(h?.counts).toEqual(expected.counts);
    expect(h?.edges).toEqual(expected.edges);
    // What the kept points alone would have shown is a different distribution.
    const fromKept = residualHistogram({ ...thin, residualHistogram: undefined });
    expect(fromKept.total).toBeLessThan(every.length);
    expect(fromKept.counts).not.toEqual(expected.counts);
  });

  it('keeps the histogram when a thinned series is thinned again, and makes none from kept points', () => {
    expect(thinChartSeries(thin, 500).residualHistogram).toEqual(thin.residualHistogram);
    const savedBefore = { ...thin, residualHistogram: undefined };
    expect(thinChartSeries(savedBefore, 500).residualHistogram).toBeUndefined();
  });

  it('leaves a series that fits without a histogram (its points give it exactly)', () => {
    expect(thinChartSeries(series(100)).residualHistogram).toBeUndefined();
  });

  it('bins all residuals when the test split has no forecast', () => {
    const s = { ...series(50), testStart: 50 };
    const h = residualHistogram(s);
    expect(h.split).toBe('all');
    expect(h.total).toBe(46);
  });

  it('bins a million residuals (no spread of the values into one call)', () => {
    const values = Float64Array.from({ length: 1_000_000 }, (_, i) => i % 1000);
    const h = histogram(values);
    expect(h.counts).toHaveLength(40);
    expect(h.counts.reduce((a, b) => a + b, 0)).toBe(1_000_000);
  });
});

describe('run.json schema and the residual histogram', () => {
  const schema = storedRunSchema.shape.evaluation;
  const withHistogram = (residualHistogram?: unknown) => ({
    kind: 'forecast',
    series: { actual: [1, 2, 3], steps: [0, 4, 9], ...(residualHistogram ? { residualHistogram } : {}) },
  });

  it('reads runs saved before the histogram existed and runs that carry one', () => {
    expect(schema.safeParse(withHistogram()).success).toBe(true);
    const good = { edges: [0, 1], width: 1, counts: [2, 3], total: 5, split: 'test' };
    expect(schema.safeParse(withHistogram(good)).success).toBe(true);
    expect(schema.safeParse(withHistogram({ ...good, counts: [2, -1] })).success).toBe(false);
  });
});
