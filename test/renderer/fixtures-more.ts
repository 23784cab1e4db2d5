/**
 * Answers for the project, insight and comparison channels, shaped like main's and generated
 * from small formulas, so tests compare what the UI shows with what these hold.
 */
import type { ClassificationEvaluation, RunSummary } from '../../src-main/shared/types';
import type { ChartTheme } from '../../src-renderer/charts/theme';
import type { BacktestReport, Explanation, FutureForecast } from '../../src-main/shared/types-model-use';
import type { ProjectState, SampleInfo } from '../../src-main/shared/types-project';
import { spec } from './fixtures';

/** A light theme with two series colours, for building chart configurations outside a page. */
export const chartTheme: ChartTheme = {
  text: '#111',
  muted: '#666',
  grid: '#eee',
  series: ['#3461d1', '#e07b1f'],
  actual: '#444',
  validationRegion: 'rgba(0,0,0,0.1)',
  testRegion: 'rgba(0,0,0,0.1)',
};

export function projectState(over: Partial<ProjectState> = {}): ProjectState {
  return {
    path: '/projects/nile.rsproj',
    name: 'Nile study',
    dataset: { path: '/data/nile-yearly.csv', sha256: 'ab12', status: 'ok' },
    spec: spec({ lookback: 10 }),
    runs: [],
    dirty: false,
    savedAt: '2026-01-02T10:00:00.000Z',
    description: null,
    ...over,
  };
}

export const SAMPLES: SampleInfo[] = [
  {
    id: 'nile',
    title: 'Nile river flow',
    task: 'forecast',
    description: 'Yearly flow of the Nile at Aswan, 1871–1970.',
  },
  {
    id: 'reviews',
    title: 'Movie reviews',
    task: 'text-classification',
    description: 'Short reviews labelled positive or negative.',
  },
];

export function runSummary(runId: string, over: Partial<RunSummary> = {}): RunSummary {
  return {
    runId,
    name: `Run ${runId}`,
    task: 'forecast',
    status: 'completed',
    startedAt: '2026-01-02T03:04:05.000Z',
    durationSeconds: 30,
    backend: 'tensorflow',
    headline: { rmse: 10 },
    ...over,
  };
}

export function futureForecast(steps = 5): FutureForecast {
  const point = Array.from({ length: steps }, (_, i) => 100 + i * 2);
  return {
    runId: 'run-1',
    target: 'volume',
    time: point.map((_, i) => String(1971 + i)),
    point,
    intervals: [
      { level: 0.8, lower: point.map((v) => v - 5), upper: point.map((v) => v + 5) },
      { level: 0.95, lower: point.map((v) => v - 9), upper: point.map((v) => v + 9) },
    ],
    history: { time: ['1968', '1969', '1970'], values: [97, 99, 98] },
    intervalMethod: "The bands come from the model's errors on 20 validation windows (split-conformal).",
    longRangeNote: null,
  };
}

const m = (rmse: number) => ({ rmse, mae: rmse * 0.8, r2: 0.5, mape: 3, smape: 3 });

export function backtestReport(over: Partial<BacktestReport> = {}): BacktestReport {
  return {
    runId: 'run-1',
    target: 'volume',
    horizon: 2,
    period: 12,
    origins: [30, 32, 34],
    model: { overall: m(11), perStep: [m(10), m(12)] },
    baselines: {
      naive: { overall: m(15), perStep: [m(14), m(16)] },
      seasonalNaive: { overall: m(13), perStep: [m(9), m(17)] },
      movingAverage: { overall: m(20), perStep: [m(19), m(21)] },
    },
    beatsReference: true,
    verdict: null,
    folds: [30, 32, 34].map((origin) => ({
      origin,
      time: [String(1871 + origin), String(1872 + origin)],
      forecast: [100, 101],
    })),
    series: {
      time: Array.from({ length: 40 }, (_, i) => String(1871 + i)),
      actual: Array.from({ length: 40 }, (_, i) => 100 + i),
    },
    retrainEvery: null,
    ...over,
  };
}

export function explanation(): Explanation {
  return {
    runId: 'run-1',
    features: [
      { name: 'rain', importance: 0.2 },
      { name: 'volume', importance: 1.4 },
      { name: 'month', importance: 0.05 },
    ],
    heatmap: Array.from({ length: 4 }, (_, s) => [s * 0.1, s * 0.2, 0.01]),
    featureNames: ['volume', 'rain', 'month'],
    method: 'permutation importance over 40 test windows',
  };
}

export function classificationEvaluation(over: Partial<ClassificationEvaluation> = {}): ClassificationEvaluation {
  return {
    kind: 'classification',
    classes: ['negative', 'positive'],
    accuracy: 0.85,
    macroF1: 0.84,
    perClass: [
      { label: 'negative', precision: 0.8, recall: 0.9, f1: 0.847, support: 50 },
      { label: 'positive', precision: 0.89, recall: 0.78, f1: 0.831, support: 50 },
    ],
    confusion: [
      [45, 5],
      [11, 39],
    ],
    auc: 0.91,
    roc: { fpr: [0, 0.1, 0.3, 1], tpr: [0, 0.6, 0.9, 1] },
    ...over,
  };
}
