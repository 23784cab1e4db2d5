// @vitest-environment happy-dom
/**
 * The residual histogram shows the distribution main binned from every test step when the run
 * carries it; older runs fall back to their points, and a thinned older run says it is approximate.
 */
import { mount } from '@vue/test-utils';
import type { ChartConfiguration } from 'chart.js';
import { describe, expect, it } from 'vitest';
import type { ChartTheme } from '../../../../src-renderer/charts/theme';
import ResidualPanel from '../../../../src-renderer/components/results/ResidualPanel.vue';
import type { ForecastEvaluation, ResidualHistogram } from '../../../../src-main/shared/types';
import { chartTheme } from '../../fixtures-more';

/** Ten points, the last four in the test split with residuals 1, 1, 1 and 9. */
function evaluation(series: Partial<ForecastEvaluation['series']> = {}): ForecastEvaluation {
  const actual = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
  const predicted = actual.map((a, i) => (i === 9 ? a - 9 : a - 1));
  return {
    kind: 'forecast',
    series: { time: actual.map(String), actual, predicted, validationStart: 3, testStart: 6, ...series },
  } as unknown as ForecastEvaluation;
}

/** The histogram chart the panel would draw, and whether it warns that it is approximate. */
function shown(ev: ForecastEvaluation): { counts: number[]; label: string; approximate: boolean } {
  const wrapper = mount(ResidualPanel, { props: { evaluation: ev }, global: { stubs: { ChartBox: true } } });
  const box = wrapper.findAllComponents({ name: 'ChartBox' }).find((c) => c.props('testid') === 'residual-histogram');
  const build = box?.props('build') as (t: ChartTheme) => ChartConfiguration<'bar'>;
  const dataset = build(chartTheme).data.datasets[0]!;
  return {
    counts: dataset.data as number[],
    label: String(dataset.label),
    approximate: wrapper.find('[data-testid="residual-histogram-approximate"]').exists(),
  };
}

describe('ResidualPanel histogram', () => {
  it('draws the histogram the run carries, not one from its points', () => {
    const stored: ResidualHistogram = {
      edges: [-2, 0, 2],
      width: 2,
      counts: [40, 900, 60],
      total: 1000,
      split: 'test',
    };
    const h = shown(evaluation({ steps: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9000], residualHistogram: stored }));
    expect(h.counts).toEqual([40, 900, 60]);
    expect(h.label).toBe('Test residuals');
    expect(h.approximate).toBe(false);
  });

  it('bins the test points of an older run that kept every step, without a warning', () => {
    const h = shown(evaluation());
    expect(h.counts.reduce((a, b) => a + b, 0)).toBe(4);
    expect(h.counts[0]).toBe(3);
    expect(h.counts.at(-1)).toBe(1);
    expect(h.approximate).toBe(false);
  });

  it('says an older thinned run shows only its kept points', () => {
    const h = shown(evaluation({ steps: [0, 1, 2, 3, 4, 5, 6, 7, 8, 9000] }));
    expect(h.counts.reduce((a, b) => a + b, 0)).toBe(4);
    expect(h.approximate).toBe(true);
  });
});
