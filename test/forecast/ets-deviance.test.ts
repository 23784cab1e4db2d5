import { describe, expect, it } from 'vitest';
import { seasonBuffer, streamingDeviance } from '../../src-main/forecast/ets-deviance';
import { etsStates } from '../../src-main/forecast/exponential-smoothing';
import type { EtsError, EtsModel, EtsSeason, EtsTrend } from '../../src-main/forecast/exponential-smoothing';
import { seededGaussian } from './helpers/random';

/** The deviance from the states `etsStates` keeps: the definition the one-pass version must match. */
function keptStatesDeviance(series: ArrayLike<number>, m: EtsModel, end: number): number {
  const { fitted } = etsStates(series, m, end);
  const relative = m.error === 'multiplicative';
  let squares = 0;
  let logs = 0;
  for (let t = 0; t < end; t++) {
    const f = fitted[t];
    if (relative) {
      if (!(f > 0)) return Number.POSITIVE_INFINITY;
      squares += ((series[t] - f) / f) ** 2;
      logs += Math.log(f);
    } else squares += (series[t] - f) ** 2;
  }
  return end * Math.log(Math.max(squares, 1e-300) / end) + 2 * logs;
}

const noise = seededGaussian(11);
const positive = Float64Array.from(
  { length: 150 },
  (_, i) => 50 + 0.2 * i + 8 * Math.sin((2 * Math.PI * i) / 12) + noise(),
);

describe('the one-pass smoothing deviance', () => {
  const trends: EtsTrend[] = ['none', 'additive', 'damped'];
  const seasons: EtsSeason[] = ['none', 'additive', 'multiplicative'];
  const errors: EtsError[] = ['additive', 'multiplicative'];
  const weights = [
    { alpha: 0.3, beta: 0.05, gamma: 0.1, phi: 0.9 },
    { alpha: 0.9999, beta: 0.5, gamma: 1e-4, phi: 0.8 },
  ];
  for (const trend of trends)
    for (const season of seasons)
      for (const error of errors)
        it(`is bit for bit the deviance of the kept states: trend ${trend}, season ${season}, ${error} errors`, () => {
          // One buffer across every call, as a fit uses it: nothing of one evaluation leaks into the next.
          const buffer = seasonBuffer();
          for (const w of weights) {
            const m: EtsModel = { trend, season, error, period: season === 'none' ? null : 12, ...w };
            for (const end of [150, 97]) {
              expect(streamingDeviance(positive, m, end, buffer)).toBe(keptStatesDeviance(positive, m, end));
            }
          }
        });

  it('is infinite when a relative error meets a forecast at or below zero, as from the kept states', () => {
    const crossing = Float64Array.from(positive, (v, i) => (i > 100 ? v - 200 : v));
    const m: EtsModel = {
      trend: 'none',
      season: 'none',
      error: 'multiplicative',
      period: null,
      alpha: 0.8,
      beta: 0,
      gamma: 0,
      phi: 1,
    };
    expect(streamingDeviance(crossing, m, 150)).toBe(Number.POSITIVE_INFINITY);
    expect(keptStatesDeviance(crossing, m, 150)).toBe(Number.POSITIVE_INFINITY);
  });

  it('refuses a history too short to start, as the smoothing does', () => {
    const m: EtsModel = {
      trend: 'additive',
      season: 'additive',
      error: 'additive',
      period: 12,
      alpha: 0.3,
      beta: 0.1,
      gamma: 0.1,
      phi: 1,
    };
    expect(() => streamingDeviance(positive, m, 20)).toThrow(RangeError);
  });
});
