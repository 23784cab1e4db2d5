import { describe, expect, it } from 'vitest';
import {
  DECIMATION_THRESHOLD,
  forecastChartConfig,
  forecastRegions,
} from '../../../src-renderer/charts/forecast-chart-config';
import { gradNormChartConfig } from '../../../src-renderer/charts/grad-norm-chart-config';
import { lossChartConfig } from '../../../src-renderer/charts/loss-chart-config';
import { chartTheme } from '../../../src-renderer/charts/theme';
import { epoch, forecastEvaluation } from '../fixtures';

const theme = chartTheme();

describe('forecast chart', () => {
  it('shades validation and test from the split indices', () => {
    const { series } = forecastEvaluation();
    const regions = forecastRegions(series, theme);
    expect(regions.map((r) => r.label)).toEqual(['Validation', 'Test']);
    expect(regions[0]!.from).toBeLessThan(series.validationStart);
    expect(regions[0]!.to).toBeGreaterThan(series.testStart - 1);
    expect(regions[1]!.to).toBeGreaterThan(series.actual.length - 1);
  });

  it('plots only the steps that have a forecast and thins long series', () => {
    const short = forecastEvaluation();
    const config = forecastChartConfig(short.series, 'volume', theme);
    const expected = short.series.predicted.filter((v) => v !== null).length;
    expect(config.data.datasets[1]!.data).toHaveLength(expected);
    expect(config.options.plugins.decimation?.enabled).toBe(false);
    expect(config.options.animation).toBe(false);

    const n = DECIMATION_THRESHOLD + 500;
    const actual = Array.from({ length: n }, (_, i) => Math.sin(i));
    const long = forecastChartConfig(
      { time: actual.map(String), actual, predicted: actual, validationStart: n - 400, testStart: n - 200 },
      'y',
      theme,
    );
    expect(long.options.plugins.decimation?.enabled).toBe(true);
  });
});

describe('training charts', () => {
  it('draws training and validation loss per epoch, switching to a log axis across decades', () => {
    const flat = [epoch('r', 1), epoch('r', 2, { valLoss: null })];
    const config = lossChartConfig(flat, theme);
    expect(config.data.datasets[0]!.data).toEqual(flat.map((r) => ({ x: r.epoch, y: r.loss })));
    expect(config.data.datasets[1]!.data).toHaveLength(1);
    expect(config.options?.scales?.y?.type).toBe('linear');

    const steep = [epoch('r', 1, { loss: 100, valLoss: 120 }), epoch('r', 2, { loss: 0.05, valLoss: 0.08 })];
    expect(lossChartConfig(steep, theme).options?.scales?.y?.type).toBe('logarithmic');
  });

  it("adds one line per other network of an ensemble and names the first network's curves", () => {
    const history = [epoch('r', 1, { loss: 1, valLoss: 1.2 }), epoch('r', 2, { loss: 0.8, valLoss: 1 })];
    const networks = [
      epoch('r', 1, { network: 2, valLoss: 1.1 }),
      epoch('r', 2, { network: 2, valLoss: 0.9 }),
      epoch('r', 1, { network: 3, valLoss: null, loss: 0.7 }),
    ];
    const config = lossChartConfig(history, theme, networks);
    expect(config.data.datasets.map((d) => d.label)).toEqual([
      'Network 1 training loss',
      'Network 1 validation loss',
      'Network 2 validation loss',
      'Network 3 training loss',
    ]);
    expect(config.data.datasets[2]!.data).toEqual([
      { x: 1, y: 1.1 },
      { x: 2, y: 0.9 },
    ]);
    expect(config.data.datasets[3]!.data).toEqual([{ x: 1, y: 0.7 }]);
    // A single network keeps its plain names.
    expect(lossChartConfig(history, theme).data.datasets.map((d) => d.label)).toEqual([
      'Training loss',
      'Validation loss',
    ]);
  });

  it('draws one gradient-norm line per layer', () => {
    const history = [epoch('r', 1), epoch('r', 2)];
    const config = gradNormChartConfig(history, theme);
    expect(config.data.datasets.map((d) => d.label)).toEqual(Object.keys(history[0]!.gradNorms));
    expect(config.data.datasets[0]!.data).toHaveLength(2);
  });
});
