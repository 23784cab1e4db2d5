/**
 * Trains one classification case twice through the app's own run path (`runExperiment`): with
 * the untouched defaults and with the tuned reference spec, and reports both test accuracies.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadTable } from '../../src-main/data/import/load-table';
import { runExperiment } from '../../src-main/experiment/run-experiment';
import { TrainControl } from '../../src-main/engine/training/train-control';
import { suggestSpec } from '../../src-main/experiment/suggest-spec';
import { parseSpec } from '../../src-main/shared/spec';
import type { ExperimentSpec } from '../../src-main/shared/spec';
import type { ClassificationCase } from './classification-cases';

/** One trained run: test accuracy, the share of the largest test class, epochs and the verdict lines. */
export interface ClassificationRun {
  accuracy: number;
  /** Accuracy of always answering the most frequent test class. */
  chance: number;
  epochs: number;
  seconds: number;
  /** The run's log lines that judge the result (chance level, what to try). */
  notes: string[];
}

export interface ClassificationResult {
  case: ClassificationCase;
  defaults: ClassificationRun;
  tuned: ClassificationRun;
  /** What the default spec chose, in a few words (tokens, cell, window, learning rate, patience). */
  defaultSummary: string;
}

/** Within this much of the tuned run's test accuracy counts as matching it. */
export const ACCURACY_TOLERANCE = 0.02;

const quiet = () => undefined;

/** The spec a user gets by opening the file, choosing the task and the columns, and changing nothing else. */
export async function defaultSpec(c: ClassificationCase): Promise<ExperimentSpec> {
  const { summary } = await loadTable(c.file);
  const spec = suggestSpec(summary, { task: c.task, target: c.target });
  const data = { ...spec.data };
  if (c.columns.idColumn !== undefined) data.idColumn = c.columns.idColumn;
  if (c.columns.featureColumns !== undefined) data.featureColumns = c.columns.featureColumns;
  if (c.columns.textColumn !== undefined) data.text = { ...data.text, column: c.columns.textColumn };
  return { ...spec, data };
}

/** The tuned reference spec, parsed like a sample project's. */
export function tunedSpec(c: ClassificationCase): ExperimentSpec {
  const tuned = c.tuned as { data?: Record<string, unknown> };
  const parsed = parseSpec({ ...c.tuned, task: c.task, data: { ...tuned.data, file: c.file } });
  if (!parsed.ok) throw new Error(`${c.name}: ${parsed.problems.map((p) => `${p.path}: ${p.message}`).join('; ')}`);
  return parsed.spec;
}

/** Trains `spec` in a temporary run folder and scores it on the test part. */
export async function trainClassifier(name: string, spec: ExperimentSpec): Promise<ClassificationRun> {
  const started = performance.now();
  const dir = await mkdtemp(path.join(tmpdir(), 'recurrent-quality-run-'));
  try {
    const result = await runExperiment(spec, {
      runId: name,
      outDir: dir,
      control: new TrainControl(),
      onProgress: quiet,
      onEpoch: quiet,
      log: quiet,
    });
    const evaluation = result.evaluation;
    if (result.status !== 'completed' || evaluation?.kind !== 'classification') {
      throw new Error(`${name}: the run ${result.status}${result.error ? `: ${result.error}` : ''}`);
    }
    const supports = evaluation.perClass.map((p) => p.support);
    const total = supports.reduce((a, b) => a + b, 0);
    return {
      accuracy: evaluation.accuracy,
      chance: total > 0 ? Math.max(...supports) / total : 0,
      epochs: result.history.length,
      seconds: (performance.now() - started) / 1000,
      notes: result.log.filter((l) => /chance|try /i.test(l)),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Both runs of one case. */
export async function runClassificationCase(c: ClassificationCase): Promise<ClassificationResult> {
  const spec = await defaultSpec(c);
  const t = spec.training;
  const defaultSummary = [
    spec.task === 'text-classification' ? `${spec.data.text.tokens} tokens` : `window ${spec.data.lookback}`,
    `${spec.model.cell} ${spec.model.layers.map((l) => l.units).join('+')}`,
    `lr ${t.optimizer.learningRate}`,
    `patience ${t.earlyStopping.enabled ? t.earlyStopping.patience : 'off'}`,
    `plateau halving ${t.reduceLrOnPlateau.enabled ? 'on' : 'off'}`,
  ].join(', ');
  const defaults = await trainClassifier(`${c.name} (defaults)`, spec);
  const tuned = await trainClassifier(`${c.name} (tuned)`, tunedSpec(c));
  return { case: c, defaults, tuned, defaultSummary };
}

/** The target: the defaults come within ACCURACY_TOLERANCE of the tuned run's test accuracy. */
export function meetsClassificationTarget(r: ClassificationResult): boolean {
  return r.defaults.accuracy >= r.tuned.accuracy - ACCURACY_TOLERANCE;
}
