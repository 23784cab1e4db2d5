import { describe, expect, it } from 'vitest';
import { verdict } from '../../../../src-main/engine/tasks/forecast/forecast-evaluation';
import type { RegressionMetrics } from '../../../../src-main/shared/types';

const rmse = (value: number): RegressionMetrics => ({ rmse: value, mae: value, r2: 0, mape: null, smape: null });

describe('forecast verdict', () => {
  it('is null when the model beats both baselines', () => {
    expect(verdict(rmse(1), rmse(2), rmse(3), 12)).toBeNull();
    expect(verdict(rmse(1), rmse(2), null)).toBeNull();
  });

  it('names the baseline the model loses to, what it does, and both errors', () => {
    const text = verdict(rmse(5), rmse(4), rmse(9), 12) ?? '';
    expect(text).toContain('model (RMSE 5)');
    expect(text).toContain('the naive forecast, which repeats the last value (RMSE 4)');
    expect(text).not.toContain('seasonal');
    expect(text).toContain('use that simpler forecast');
  });

  it('names both baselines, with the season length, when the model loses to both', () => {
    const text = verdict(rmse(5), rmse(5), rmse(4.5), 12) ?? '';
    expect(text).toContain('naive forecast, which repeats the last value (RMSE 5)');
    expect(text).toContain('seasonal naive forecast, which repeats the value 12 steps earlier (RMSE 4.5)');
    expect(text).toContain('the better of these simpler forecasts');
  });

  it('names the same time one long season before, and the best of three simpler forecasts', () => {
    const long = { period: 365, label: '1 year', metrics: rmse(3) };
    const text = verdict(rmse(5), rmse(5), rmse(4.5), 7, long) ?? '';
    expect(text).toContain('the same time 1 year before, which repeats the value 365 steps earlier (RMSE 3)');
    expect(text).toContain('use the best of these simpler forecasts, the same time 1 year before;');
    expect(verdict(rmse(2), rmse(5), rmse(4.5), 7, long)).toBeNull();
  });
});
