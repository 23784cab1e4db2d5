import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadTable } from '../../src-main/data/import/load-table';
import { suggestSpec } from '../../src-main/experiment/suggest-spec';
import { FORECAST_TRAINING_DEFAULTS, defaultLookback } from '../../src-main/forecast/defaults';
import { withSeasons } from '../../src-main/forecast/seasons-summary';
import { tempFile } from '../data/helpers';

describe('defaultLookback', () => {
  it('uses two seasons for a long seasonal series', () => {
    expect(defaultLookback(120, 12, 1)).toBe(24);
    expect(defaultLookback(1000, 7, 3)).toBe(14);
  });

  it('uses about a tenth of a plain series, at most 24', () => {
    expect(defaultLookback(100, null, 1)).toBe(10);
    expect(defaultLookback(5000, null, 1)).toBe(24);
  });

  it('shortens the window for a short seasonal series but keeps one season plus a step', () => {
    const lookback = defaultLookback(40, 12, 1);
    expect(lookback).toBeGreaterThanOrEqual(13);
    expect(lookback).toBeLessThan(24);
  });

  it('is never shorter than the horizon when the data allows it', () => {
    expect(defaultLookback(100, null, 20)).toBe(20);
  });

  it('always leaves at least one window and is at least 1', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 2, max: 3000 }),
        fc.option(fc.integer({ min: 2, max: 400 })),
        fc.integer({ min: 1, max: 100 }),
        (length, period, horizonWanted) => {
          const horizon = Math.min(horizonWanted, length - 1);
          const lookback = defaultLookback(length, period, horizon);
          expect(Number.isInteger(lookback)).toBe(true);
          expect(lookback).toBeGreaterThanOrEqual(1);
          expect(length - lookback - horizon + 1).toBeGreaterThanOrEqual(1);
          if (period !== null && length >= 3 * period + horizon) expect(lookback).toBeGreaterThan(period);
          if (length >= 2 * horizon) expect(lookback).toBeGreaterThanOrEqual(horizon);
        },
      ),
    );
  });
});

describe('forecast training defaults in a suggested spec', () => {
  it('a suggested forecast spec trains with the measured defaults and early stopping', async () => {
    const { summary } = await loadTable(new URL('../../resources/samples/nile-yearly.csv', import.meta.url).pathname);
    const spec = suggestSpec(summary, { target: 'volume' });
    expect(spec.task).toBe('forecast');
    expect(spec.training.batchSize).toBe(FORECAST_TRAINING_DEFAULTS.batchSize);
    expect(spec.training.optimizer.learningRate).toBe(FORECAST_TRAINING_DEFAULTS.learningRate);
    expect(spec.training.earlyStopping).toEqual({
      enabled: true,
      patience: FORECAST_TRAINING_DEFAULTS.patience,
      restoreBest: true,
      minEpochs: 0,
    });
    // The window follows the series: 100 yearly values without a season give a tenth of it.
    expect(spec.data.lookback).toBe(defaultLookback(100, null, 1));
  });
});

describe('a long file of several series in a suggested spec', () => {
  const sample = (name: string) => new URL(`../../resources/samples/${name}`, import.meta.url).pathname;

  it('forecasts every series with one network, the id column naming them', async () => {
    // Three sources of electricity, one row per source and year.
    const { summary } = await loadTable(sample('iowa-electricity-long.csv'));
    const spec = suggestSpec(summary);
    expect(spec.data.idColumn).toBe(summary.idColumn);
    expect(spec.data.series).toMatchObject({ scope: 'all', id: null });
  });

  it('keeps one series for a file that holds one, and for the tasks that read sequences', async () => {
    const { summary } = await loadTable(sample('nile-yearly.csv'));
    expect(suggestSpec(summary).data.series.scope).toBe('one');
    const lines = ['unit,step,reading,state'];
    for (let u = 0; u < 40; u++)
      for (let t = 0; t < 10; t++) lines.push(`u${u},${t},${(u * t) % 7},${u % 2 ? 'ok' : 'worn'}`);
    const { summary: units } = await loadTable(tempFile(`${lines.join('\n')}\n`));
    const classify = suggestSpec(units, { task: 'sequence-classification', target: 'state' });
    expect(classify.data.series.scope).toBe('one');
  });
});

describe('the yearly season in a suggested spec', () => {
  const daily = (days: number, amplitude: number) =>
    [
      'date,temp',
      ...Array.from({ length: days }, (_, i) => {
        const date = new Date(Date.UTC(2018, 0, 1 + i)).toISOString().slice(0, 10);
        const value = 12 + amplitude * Math.sin((2 * Math.PI * i) / 365.25) + ((i * 7919) % 17) / 8;
        return `${date},${value.toFixed(2)}`;
      }),
    ].join('\n');

  it('gives daily data with a yearly season the year sine and cosine as inputs', async () => {
    const { summary } = withSeasons(await loadTable(tempFile(daily(900, 8))));
    expect(suggestSpec(summary, { target: 'temp' }).data.calendarFeatures).toEqual(['year-sin', 'year-cos']);
  });

  it('gives hourly data with a weekly season the day of the week', async () => {
    const hourly = [
      'time,load',
      ...Array.from({ length: 24 * 7 * 5 }, (_, i) => {
        const stamp = new Date(Date.UTC(2021, 0, 4, i)).toISOString().slice(0, 16).replace('T', ' ');
        const value = 50 + 10 * Math.sin((2 * Math.PI * i) / 24) + 6 * Math.sin((2 * Math.PI * i) / 168);
        return `${stamp},${(value + ((i * 7919) % 13) / 6).toFixed(2)}`;
      }),
    ].join('\n');
    const { summary } = withSeasons(await loadTable(tempFile(hourly)));
    expect(summary.seasons?.labels).toEqual(['1 day', '1 week']);
    expect(suggestSpec(summary, { target: 'load' }).data.calendarFeatures).toEqual(['weekday']);
  });

  it('adds nothing without a yearly season, or before the seasons are known', async () => {
    const flat = withSeasons(await loadTable(tempFile(daily(900, 0))));
    expect(suggestSpec(flat.summary, { target: 'temp' }).data.calendarFeatures).toEqual([]);
    const unknown = await loadTable(tempFile(daily(900, 8)));
    expect(suggestSpec(unknown.summary, { target: 'temp' }).data.calendarFeatures).toEqual([]);
  });
});
