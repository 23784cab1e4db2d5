// @vitest-environment happy-dom
/** A thinned forecast series (with `steps`) is drawn at its original time steps. */
import { mount } from '@vue/test-utils';
import { describe, expect, it } from 'vitest';
import { forecastChartConfig, forecastRegions } from '../../../src-renderer/charts/forecast-chart-config';
import { residualHistogramConfig, residualTimeConfig } from '../../../src-renderer/charts/residual-chart-config';
import { indexAtStep, labelAtStep, lastStep } from '../../../src-renderer/charts/series-steps';
import { chartTheme } from '../../../src-renderer/charts/theme';
import MetricsTable from '../../../src-renderer/components/MetricsTable.vue';
import type { ForecastEvaluation } from '../../../src-main/shared/types';
import { forecastEvaluation } from '../fixtures';

const theme = chartTheme();

/** Five kept points of a 1,000-step series; validation starts at step 700, test at 850. */
const thinned: ForecastEvaluation['series'] = {
  time: ['s0', 's300', 's700', 's850', 's999'],
  actual: [1, 5, 2, -3, 4],
  predicted: [null, 4, 2.5, -2, 3],
  validationStart: 700,
  testStart: 850,
  steps: [0, 300, 700, 850, 999],
};

describe('series steps', () => {
  it('finds positions and labels by time step', () => {
    expect(lastStep(thinned)).toBe(999);
    expect(indexAtStep(thinned, 850)).toBe(3);
    expect(indexAtStep(thinned, 851)).toBe(4);
    expect(indexAtStep(thinned, 5000)).toBe(5);
    expect(labelAtStep(thinned, thinned.time, 320)).toBe('s300');
    expect(labelAtStep(thinned, thinned.time, 690)).toBe('s700');
  });

  it('places forecast points, regions and the axis at the original steps', () => {
    const config = forecastChartConfig(thinned, 'y', theme);
    expect(config.data.datasets[0]!.data).toEqual([
      { x: 0, y: 1 },
      { x: 300, y: 5 },
      { x: 700, y: 2 },
      { x: 850, y: -3 },
      { x: 999, y: 4 },
    ]);
    expect((config.data.datasets[1]!.data as { x: number }[]).map((p) => p.x)).toEqual([300, 700, 850, 999]);
    expect(config.options?.scales?.x?.max).toBe(999);
    const regions = forecastRegions(thinned, theme);
    expect(regions.map((r) => [r.from, r.to])).toEqual([
      [699.5, 849.5],
      [849.5, 999.5],
    ]);
  });

  it('puts residuals at their steps and takes the test residuals by step', () => {
    const overTime = residualTimeConfig(thinned, theme);
    expect((overTime.data.datasets[0]!.data as { x: number }[]).map((p) => p.x)).toEqual([300, 700, 850, 999]);
    const spread = residualHistogramConfig(thinned, theme);
    expect(spread.data.datasets[0]!.label).toBe('Test residuals');
    expect((spread.data.datasets[0]!.data as number[]).reduce((a, b) => a + b, 0)).toBe(2);
  });

  it('lets the metrics table find the test part of a thinned series by step', () => {
    const evaluation = forecastEvaluation({ series: thinned });
    const w = mount(MetricsTable, { props: { evaluation } });
    // The test part holds -3 and 4: it crosses zero, so MAPE gives way to the reason.
    expect(w.get('[data-testid="mape-caveat"]').text()).toContain('cross zero (from -3 to 4)');
  });
});
