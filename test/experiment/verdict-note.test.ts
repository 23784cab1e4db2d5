/** The automatic search's note in front of a forecast run's verdict, with the test figures of every simple forecast scored. */
import { describe, expect, it } from 'vitest';
import { withVerdictNote } from '../../src-main/experiment/verdict-note';
import type { Evaluation, ForecastEvaluation, RegressionMetrics } from '../../src-main/shared/types';

const rmse = (x: number) => ({ rmse: x, mae: x, r2: 0, mape: null }) as unknown as RegressionMetrics;

function evaluation(extra: Partial<ForecastEvaluation> = {}): Evaluation {
  return {
    kind: 'forecast',
    metrics: rmse(1.25),
    baselines: { naive: rmse(2), seasonalNaive: rmse(3) },
    verdict: null,
    ...extra,
  } as unknown as Evaluation;
}

const NOTE = 'Automatic search: it chose GRU.';

/** The verdict of a forecast run after the note. */
function verdictOf(e: Evaluation): string | null {
  return (withVerdictNote(e, NOTE) as ForecastEvaluation).verdict;
}

describe('withVerdictNote', () => {
  it('names the same time one long season before beside naive and seasonal naive when it was scored', () => {
    const e = evaluation({
      baselines: { naive: rmse(2), seasonalNaive: rmse(3), longSeasonNaive: rmse(1.5) },
      longSeason: { period: 365, label: '1 year' },
    });
    expect(verdictOf(e)).toBe(
      `${NOTE} On the test split it beats the simple forecasts: RMSE 1.25 against naive 2, seasonal naive 3 and the same time 1 year before 1.5.`,
    );
  });

  it('names naive and seasonal naive only when there is no longer season or it could not be scored', () => {
    const plain = `${NOTE} On the test split it beats the simple forecasts: RMSE 1.25 against naive 2 and seasonal naive 3.`;
    expect(verdictOf(evaluation())).toBe(plain);
    const unscored = evaluation({
      baselines: { naive: rmse(2), seasonalNaive: rmse(3), longSeasonNaive: rmse(NaN) },
      longSeason: { period: 365, label: '1 year' },
    });
    expect(verdictOf(unscored)).toBe(plain);
    const noSeason = evaluation({ baselines: { naive: rmse(2), seasonalNaive: null } });
    expect(verdictOf(noSeason)).toMatch(/RMSE 1\.25 against naive 2\.$/);
  });

  it('keeps a losing model’s own verdict after the note, and leaves runs without a note alone', () => {
    const losing = evaluation({
      metrics: rmse(2.5),
      verdict: 'On the test data the model does not beat the naive forecast.',
    });
    expect(verdictOf(losing)).toBe(`${NOTE} On the test data the model does not beat the naive forecast.`);
    expect(withVerdictNote(losing, undefined)).toBe(losing);
  });

  it('keeps what the validation guard decided before the test figures of a model that beats them', () => {
    const guarded = evaluation({ verdict: 'Validation guard: ARIMA(0,1,1) forecast the validation windows better.' });
    expect(verdictOf(guarded)).toBe(
      `${NOTE} Validation guard: ARIMA(0,1,1) forecast the validation windows better. On the test split it beats the simple forecasts: RMSE 1.25 against naive 2 and seasonal naive 3.`,
    );
  });
});
