/**
 * Small, self-consistent objects shaped like main's answers. Numbers are generated, not
 * copied from real runs, so tests compare what the UI shows with what these hold.
 */
import { parseSpec, type ExperimentSpec } from '../../src-main/shared/spec';
import type {
  DatasetSummary,
  EpochRecord,
  ForecastEvaluation,
  ModelSummary,
  RegressionMetrics,
  RunResult,
  TrainProgress,
} from '../../src-main/shared/types';

/** A yearly single-series file like the Nile sample: one time column, one numeric column. */
export function datasetSummary(overrides: Partial<DatasetSummary> = {}): DatasetSummary {
  const volume = Array.from({ length: 64 }, (_, i) => 900 + 150 * Math.sin(i / 5));
  return {
    id: 'ds-1',
    path: '/data/nile-yearly.csv',
    fileName: 'nile-yearly.csv',
    sizeBytes: 1234,
    format: 'csv',
    encoding: 'utf-8',
    delimiter: ',',
    decimalComma: false,
    sheets: [],
    sheet: null,
    rows: 100,
    layout: 'single',
    columns: [
      {
        name: 'year',
        type: 'datetime',
        detectedType: 'datetime',
        missing: 0,
        distinct: 100,
        min: null,
        max: null,
        mean: null,
        sparkline: [],
        format: 'year',
      },
      {
        name: 'volume',
        type: 'numeric',
        detectedType: 'numeric',
        missing: 2,
        distinct: 95,
        min: 456,
        max: 1370,
        mean: 919.35,
        sparkline: volume,
      },
      {
        name: 'rain',
        type: 'numeric',
        detectedType: 'numeric',
        missing: 0,
        distinct: 80,
        min: 1,
        max: 9,
        mean: 5,
        sparkline: volume.map((v) => v / 100),
      },
    ],
    timeColumn: 'year',
    idColumn: null,
    frequency: 'yearly',
    gaps: 0,
    duplicateTimestamps: 0,
    timeParts: null,
    problems: [{ severity: 'warning', message: 'Column volume has 2 empty cells (lines 12, 40).', column: 'volume' }],
    ...overrides,
  };
}

/** Rows of the fake file: row i holds [year, volume, rain]. */
export function fileRows(offset: number, limit: number, total: number): string[][] {
  const rows: string[][] = [];
  for (let i = offset; i < Math.min(total, offset + limit); i += 1)
    rows.push([String(1871 + i), String(1000 + i), String(i % 9)]);
  return rows;
}

export function spec(data: Record<string, unknown> = {}): ExperimentSpec {
  const parsed = parseSpec({
    name: 'Nile LSTM',
    data: { file: '/data/nile-yearly.csv', targetColumns: ['volume'], timeColumn: 'year', ...data },
  });
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join('; '));
  return parsed.spec;
}

export function modelSummary(units = 32): ModelSummary {
  const lstm = 4 * units * (units + 1 + 1);
  return {
    inputShape: [null, 24, 1],
    layers: [
      { name: 'lstm_1', className: 'LSTM', outputShape: [null, units], params: lstm },
      { name: 'dense_1', className: 'Dense', outputShape: [null, 1], params: units + 1 },
    ],
    totalParams: lstm + units + 1,
    trainableParams: lstm + units + 1,
    problems: [],
  };
}

export function progress(runId: string, over: Partial<TrainProgress> = {}): TrainProgress {
  return {
    runId,
    phase: 'training',
    epoch: 1,
    epochs: 5,
    batch: 1,
    batchesPerEpoch: 4,
    batchLoss: 0.5,
    samplesPerSecond: 1000,
    etaSeconds: 12,
    ...over,
  };
}

export function epoch(runId: string, n: number, over: Partial<EpochRecord> = {}): EpochRecord {
  return {
    runId,
    epoch: n,
    loss: 1 / (n + 1),
    valLoss: 1.2 / (n + 1),
    metrics: {},
    valMetrics: {},
    learningRate: 0.001,
    gradNorms: { lstm_1: 0.5 / n, dense_1: 0.1 / n },
    seconds: 0.4,
    samplesPerSecond: 900,
    ...over,
  };
}

function metrics(scale: number): RegressionMetrics {
  return { rmse: 12.5 * scale, mae: 9.75 * scale, r2: 1 - 0.2 * scale, mape: 3.4 * scale, smape: 3.3 * scale };
}

export function forecastEvaluation(over: Partial<ForecastEvaluation> = {}): ForecastEvaluation {
  const n = 40;
  const actual = Array.from({ length: n }, (_, i) => 100 + 10 * Math.sin(i / 3));
  return {
    kind: 'forecast',
    target: 'volume',
    horizon: 1,
    metrics: metrics(1),
    baselines: { naive: metrics(1.6), seasonalNaive: metrics(1.3) },
    seasonalPeriod: 12,
    targetTransform: 'difference',
    verdict: null,
    series: {
      time: actual.map((_, i) => String(1871 + i)),
      actual,
      predicted: actual.map((v, i) => (i < 5 ? null : v + 1)),
      validationStart: 28,
      testStart: 34,
    },
    ...over,
  };
}

export function runResult(over: Partial<RunResult> = {}): RunResult {
  return {
    runId: 'run-1',
    name: 'Nile LSTM',
    task: 'forecast',
    status: 'completed',
    startedAt: '2026-01-02T03:04:05.000Z',
    durationSeconds: 12,
    backend: 'tensorflow',
    headline: { rmse: 12.5 },
    spec: spec(),
    fused: true,
    history: [epoch('run-1', 1), epoch('run-1', 2)],
    evaluation: forecastEvaluation(),
    modelDir: '/runs/run-1/model',
    error: null,
    log: ['LSTM layers run on fused native kernels'],
    ...over,
  };
}
