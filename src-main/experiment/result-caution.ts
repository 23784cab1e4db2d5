/** The small-test-set caution a finished run's evaluation carries beside its verdict. */
import type { ExperimentSpec } from '../shared/spec';
import { mapeOmission } from '../forecast/metrics';
import type { Evaluation, ForecastEvaluation } from '../shared/types';
import { smallTestCaution } from './training-checks';
import { forecastWindows } from './training-windows';

/** A sentence when the evaluation rests on fewer test samples than a firm verdict needs; else null. */
export function resultCaution(evaluation: Evaluation, spec: ExperimentSpec): string | null {
  switch (evaluation.kind) {
    case 'forecast': {
      // A model over every series is judged on the test windows of all of them.
      const charts = evaluation.global?.charts ? Object.values(evaluation.global.charts) : [evaluation.series];
      const tested = charts.reduce((sum, c) => sum + forecastWindows(c.actual.length, spec).test, 0);
      return smallTestCaution(tested, 'windows');
    }
    case 'classification': {
      const tested = evaluation.perClass.reduce((sum, c) => sum + c.support, 0);
      return smallTestCaution(tested, spec.task === 'text-classification' ? 'texts' : 'sequences');
    }
    case 'sequence-to-sequence':
      return smallTestCaution(evaluation.pairs, 'pairs');
    case 'generation':
      // Perplexity averages over every test token: even a short test text has thousands.
      return null;
  }
}

/** Why the forecast's MAPE is left out, from the test part of its series; null when MAPE is given. */
export function forecastMapeNote(evaluation: ForecastEvaluation): string | null {
  return evaluation.metrics.mape === null
    ? mapeOmission(evaluation.series.actual.slice(evaluation.series.testStart))
    : null;
}
