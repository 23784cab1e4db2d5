/**
 * Retraining for backtests: trains a fresh model from the run's spec on the series up to an
 * origin, through the same runExperiment a normal run uses, in a temporary folder. The prefix
 * is written as a CSV of the prepared series, so the new run sees exactly the steps before the
 * origin and nothing after.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Tf } from '../tensorflow/load-tf';
import { runExperiment } from '../engine/run-experiment';
import { TrainControl } from '../engine/training/train-control';
import type { PreparedSeries } from '../data/prepare/series';
import type { ExperimentSpec } from '../shared/spec';
import type { Retrainer } from './model-backtest';
import { toCsv } from './csv-safe';
import { loadRun } from './load-run';

export interface RetrainOptions {
  /** Most epochs per retraining (the spec's own count when lower). */
  epochs: number;
  log?: (line: string) => void;
}

/** A retrainer over the run's prepared series. */
export function runExperimentRetrainer(
  tf: Tf,
  spec: ExperimentSpec,
  series: PreparedSeries,
  opts: RetrainOptions,
): Retrainer {
  return async (end) => {
    const dir = await mkdtemp(path.join(tmpdir(), 'recurrent-retrain-'));
    try {
      const file = path.join(dir, 'data.csv');
      await writeFile(file, prefixCsv(series, spec, end));
      const result = await runExperiment(prefixSpec(spec, series, file, opts.epochs), {
        runId: `retrain-${end}`,
        outDir: path.join(dir, 'run'),
        control: new TrainControl(),
        onProgress: () => undefined,
        onEpoch: () => undefined,
        log: () => undefined,
      });
      if (result.status !== 'completed') {
        throw new Error(`Retraining on the first ${end} steps failed: ${result.error ?? result.status}`);
      }
      opts.log?.(`Retrained on the first ${end} steps (${result.history.length} epochs).`);
      const loaded = await loadRun(tf, path.join(dir, 'run'));
      return loaded;
    } finally {
      // The model is in memory by now; the folder is no longer needed.
      await rm(dir, { recursive: true, force: true });
    }
  };
}

/** Features the preparation adds itself (calendar values) are not written, or they would be doubled. */
function writtenFeatures(series: PreparedSeries, spec: ExperimentSpec): string[] {
  const generated = new Set(spec.data.calendarFeatures.map((c) => `calendar.${c}`));
  return series.features.map((f) => f.name).filter((name) => !generated.has(name));
}

function prefixCsv(series: PreparedSeries, spec: ExperimentSpec, end: number): string {
  const timeName = spec.data.timeColumn;
  const features = writtenFeatures(series, spec);
  const header = [...(timeName && series.time ? [timeName] : []), ...series.targets.map((t) => t.name), ...features];
  const featureValues = features.map((name) => series.features.find((f) => f.name === name)?.values);
  const rows = Array.from({ length: end }, (_, i) => [
    ...(timeName && series.time ? [series.timeLabels[i]] : []),
    ...series.targets.map((t) => t.values[i]),
    ...featureValues.map((v) => (v ? v[i] : null)),
  ]);
  return toCsv(header, rows);
}

function prefixSpec(spec: ExperimentSpec, series: PreparedSeries, file: string, epochs: number): ExperimentSpec {
  const features = writtenFeatures(series, spec);
  const known = new Set(series.features.filter((f) => f.knownFuture).map((f) => f.name));
  return {
    ...spec,
    data: {
      ...spec.data,
      file,
      sheet: null,
      idColumn: null,
      timeColumn: series.time ? spec.data.timeColumn : null,
      featureColumns: features.filter((f) => !known.has(f)),
      knownFutureColumns: features.filter((f) => known.has(f)),
    },
    training: { ...spec.training, epochs: Math.min(spec.training.epochs, epochs) },
  };
}
