import { describe, expect, it } from 'vitest';
import { StudioError } from '../../../src-main/shared/contract';
import { backtestChartConfig, foldPoints, MAX_DRAWN_FOLDS } from '../../../src-renderer/charts/backtest-chart-config';
import { withoutCrowdedEnd } from '../../../src-renderer/charts/step-line-options';
import { withAlpha } from '../../../src-renderer/charts/color';
import { futureChartConfig } from '../../../src-renderer/charts/future-chart-config';
import { histogram, residuals } from '../../../src-renderer/charts/residuals';
import { tryDialog } from '../../../src-renderer/utils/host-dialog';
import { diffSpecs, flatten } from '../../../src-renderer/utils/spec-diff';
import { spec } from '../fixtures';
import { backtestReport, chartTheme, futureForecast } from '../fixtures-more';

const theme = chartTheme;

describe('residuals and histogram', () => {
  it('takes actual minus forecast where there is a forecast', () => {
    const r = residuals({
      time: ['a', 'b', 'c'],
      actual: [10, 12, 9],
      predicted: [null, 11, 10],
      validationStart: 1,
      testStart: 2,
    });
    expect(r).toEqual([
      { x: 1, y: 1 },
      { x: 2, y: -1 },
    ]);
  });

  it('bins every finite value once, the maximum in the last bin', () => {
    const values = [0, 1, 2, 3, 4, 5, 6, 7, 8, 10, Number.NaN];
    const h = histogram(values, 5);
    expect(h.counts.reduce((a, b) => a + b, 0)).toBe(10);
    expect(h.width).toBe(2);
    expect(h.counts).toEqual([2, 2, 2, 2, 2]);
    expect(histogram([3, 3, 3]).counts).toEqual([3]);
    expect(histogram([]).counts).toEqual([]);
  });
});

describe('future and backtest charts', () => {
  it('draws the bands widest first and starts the forecast at the last observation', () => {
    const f = futureForecast(4);
    const config = futureChartConfig(f, theme);
    const labels = config.data.datasets.map((d) => d.label);
    expect(labels.slice(0, 4)).toEqual(['95% interval', '95% lower', '80% interval', '80% lower']);
    const forecast = config.data.datasets.at(-1)!.data as { x: number; y: number }[];
    expect(forecast[0]).toEqual({ x: f.history.values.length - 1, y: f.history.values.at(-1) });
    expect(forecast.at(-1)).toEqual({ x: f.history.values.length + f.point.length - 1, y: f.point.at(-1) });
  });

  it('places each fold by its time labels and thins very many folds', () => {
    const report = backtestReport();
    const points = foldPoints(report);
    expect(points[1]!.map((p) => p.x)).toEqual([32, 33]);
    const many = backtestReport({
      folds: Array.from({ length: MAX_DRAWN_FOLDS * 3 }, (_, i) => ({
        origin: i % 40,
        time: ['1871', '1872'],
        forecast: [1, 2],
      })),
    });
    const drawn = backtestChartConfig(many, theme).data.datasets.length - 1;
    expect(drawn).toBeLessThanOrEqual(MAX_DRAWN_FOLDS);
    expect(drawn).toBeGreaterThan(MAX_DRAWN_FOLDS / 2);
  });

  it('draws one-step forecasts as one visible line through every origin, in step order', () => {
    const report = backtestReport({
      origins: [12, 10, 11],
      folds: [12, 10, 11].map((origin) => ({ origin, time: [`t${origin}`], forecast: [origin / 10] })),
    });
    const config = backtestChartConfig(report, theme);
    expect(config.data.datasets).toHaveLength(2);
    const line = config.data.datasets[1]!;
    expect(line.label).toBe('One-step forecasts (3 origins)');
    expect(line.data).toEqual([
      { x: 10, y: 1 },
      { x: 11, y: 1.1 },
      { x: 12, y: 1.2 },
    ]);
    // Points are drawn: a single point per fold on a line without markers was invisible.
    expect((line as { pointRadius?: number }).pointRadius).toBeGreaterThan(0);
  });

  it('turns hex and rgb colours translucent', () => {
    expect(withAlpha('#3461d1', 0.5)).toBe('rgba(52, 97, 209, 0.5)');
    expect(withAlpha('#fff', 0.2)).toBe('rgba(255, 255, 255, 0.2)');
    expect(withAlpha('rgb(1, 2, 3)', 0.1)).toBe('rgba(1, 2, 3, 0.1)');
  });
});

describe('spec diff', () => {
  it('lists every leaf by dotted path and marks only what differs', () => {
    const a = spec({ lookback: 12 });
    // A deep copy: parseSpec hands out shared default objects, which must not be edited in place.
    const b = structuredClone(spec({ lookback: 24, featureColumns: ['rain'] }));
    b.model.layers.push({ ...b.model.layers[0]! });
    const rows = diffSpecs(a, b);
    const differing = rows.filter((r) => r.differs).map((r) => r.path);
    expect(differing).toContain('data.lookback');
    expect(differing).toContain('data.featureColumns');
    expect(differing).toContain('data.featureColumns.0');
    expect(differing).toContain('model.layers.1.units');
    expect(differing).not.toContain('model.layers.0.units');
    expect(rows.length).toBeGreaterThanOrEqual(flatten(b).size);
    expect(diffSpecs(a, a).some((r) => r.differs)).toBe(false);
  });
});

describe('tryDialog', () => {
  it('sorts dialog answers into chosen, cancelled and unavailable, and rethrows other failures', async () => {
    expect(await tryDialog(async () => '/x')).toEqual({ kind: 'chosen', path: '/x' });
    expect(await tryDialog(async () => null)).toEqual({ kind: 'cancelled' });
    const unavailable = new StudioError({ code: 'unavailable', message: 'no' });
    expect(await tryDialog(() => Promise.reject(unavailable))).toEqual({ kind: 'unavailable' });
    const io = new StudioError({ code: 'io', message: 'disk' });
    await expect(tryDialog(() => Promise.reject(io))).rejects.toBe(io);
  });
});

describe('backtest chart of a long series', () => {
  it('draws thinned actuals and the kept folds at their original steps', () => {
    const report = backtestReport({
      origins: Array.from({ length: 500 }, (_, i) => 9000 + i),
      series: { time: ['t0', 't4000', 't9500', 't9999'], actual: [1, 2, 3, 4], steps: [0, 4000, 9500, 9999] },
      folds: [{ origin: 9500, time: ['t9500', 't9501'], forecast: [3, 3.5] }],
    });
    expect(foldPoints(report)[0]!.map((p) => p.x)).toEqual([9500, 9501]);
    const config = backtestChartConfig(report, theme);
    const actual = config.data.datasets[0]!.data as { x: number; y: number }[];
    expect(actual.map((p) => p.x)).toEqual([0, 4000, 9500, 9999]);
    expect(config.data.datasets[1]!.label).toBe('Forecasts (500 origins, 1 drawn)');
  });
});

describe('future chart of a long forecast', () => {
  it('puts thinned history and future points at their original steps', () => {
    const f = {
      ...futureForecast(3),
      steps: [0, 5000, 9999],
      history: { time: ['h0', 'h700', 'h999'], values: [1, 2, 3], steps: [0, 700, 999] },
    };
    const config = futureChartConfig(f, theme);
    const xs = (label: string) =>
      (config.data.datasets.find((d) => d.label === label)!.data as { x: number }[]).map((p) => p.x);
    expect(xs('Observed volume')).toEqual([0, 700, 999]);
    expect(xs('Forecast')).toEqual([999, 1000, 6000, 10_999]);
    expect(xs('80% interval')).toEqual([1000, 6000, 10_999]);
  });
});

describe('step axis ticks', () => {
  it('drops the tick crowding the last step, which is always labelled', () => {
    const ticks = (values: number[]) => values.map((value) => ({ value }));
    // A 12-month future after 72 months: ticks every 10 and the last step, 83, beside 80.
    expect(withoutCrowdedEnd(ticks([0, 10, 20, 70, 80, 83])).map((t) => t.value)).toEqual([0, 10, 20, 70, 83]);
    expect(withoutCrowdedEnd(ticks([0, 10, 20, 30, 37])).map((t) => t.value)).toEqual([0, 10, 20, 30, 37]);
    expect(withoutCrowdedEnd(ticks([0, 3])).map((t) => t.value)).toEqual([0, 3]);
  });
});
