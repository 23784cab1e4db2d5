/** Daily series with chosen cycles, for the tests of the same time one long season before. */
import type { PreparedSeries } from '../../../../src-main/data/prepare/series';
import { seededGaussian } from '../../../forecast/helpers/random';
import type { ExperimentSpec, ExperimentSpecInput } from '../../../../src-main/shared/spec';
import { preparedSeries, testSpec } from '../../synthetic';

/** Four years of daily values around 50: a sine of each [cycle, amplitude] plus seeded unit noise. */
export function dailySeries(cycles: [number, number][], seed = 3): PreparedSeries {
  const length = 4 * 365;
  const gaussian = seededGaussian(seed);
  const target = Float64Array.from({ length }, (_, i) => {
    let v = 50;
    for (const [cycle, amplitude] of cycles) v += amplitude * Math.sin((2 * Math.PI * i) / cycle);
    return v + gaussian();
  });
  return preparedSeries(target, 'daily');
}

/** A spec for a small GRU over every series of a long file of shops (difference transform). */
export function shopsSpec(data: Partial<ExperimentSpecInput['data']> = {}): ExperimentSpec {
  return testSpec({
    data: {
      file: '/shops.csv',
      idColumn: 'shop',
      targetColumns: ['y'],
      lookback: 14,
      targetTransform: 'difference',
      series: { scope: 'all' },
      ...data,
    },
    model: { cell: 'GRU', layers: [{ units: 4 }] },
  });
}
