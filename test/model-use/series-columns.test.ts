import { describe, expect, it } from 'vitest';
import { extendColumns, futureTimes, rowLabels, timeLabels } from '../../src-main/model-use/series-columns';

const utc = (y: number, m: number, d: number) => Date.UTC(y, m - 1, d);

describe('future time stamps', () => {
  it('adds calendar months to a monthly series, keeping month ends', () => {
    const time = Float64Array.from([utc(2023, 11, 30), utc(2023, 12, 31), utc(2024, 1, 31)]);
    expect(timeLabels(futureTimes(time, 'monthly', 3))).toEqual(['2024-02-29', '2024-03-31', '2024-04-30']);
  });

  it('adds years to a yearly series and days to a daily one', () => {
    const years = Float64Array.from([utc(1969, 1, 1), utc(1970, 1, 1)]);
    expect(timeLabels(futureTimes(years, 'yearly', 2))).toEqual(['1971-01-01', '1972-01-01']);
    const days = Float64Array.from([utc(2024, 2, 27), utc(2024, 2, 28)]);
    expect(timeLabels(futureTimes(days, 'daily', 3))).toEqual(['2024-02-29', '2024-03-01', '2024-03-02']);
  });

  it('continues irregular series on their median spacing, with the time of day when present', () => {
    const h = 3_600_000;
    const time = Float64Array.from([0, 2 * h, 4 * h, 7 * h]);
    expect(timeLabels(futureTimes(time, 'irregular', 1))).toEqual(['1970-01-01T09:00:00']);
  });

  it('numbers rows on after the data when there is no time column', () => {
    expect(rowLabels(100, 3)).toEqual(['101', '102', '103']);
  });
});

describe('extendColumns', () => {
  it('appends forecasts to the target and holds other columns at their last value', () => {
    const target = Float64Array.from([1, 2, 3]);
    const c = {
      target,
      columns: new Map([
        ['y', target],
        ['x', Float64Array.from([5, 6, 7])],
      ]),
      time: null,
    };
    const out = extendColumns(c, 'y', [4, 5], null);
    expect(Array.from(out.target)).toEqual([1, 2, 3, 4, 5]);
    expect(Array.from(out.columns.get('y') ?? [])).toEqual([1, 2, 3, 4, 5]);
    expect(Array.from(out.columns.get('x') ?? [])).toEqual([5, 6, 7, 7, 7]);
    expect(Array.from(target)).toEqual([1, 2, 3]);
  });
});
