/**
 * Trains one classification case through the app's own run path (`runExperiment`) with the
 * untouched defaults and with the tuned reference spec, on several splits, and reports both
 * mean test accuracies. The seed draws the split of sequences or texts into training, validation
 * and test, so split k uses seed FIRST_SEED + k for both specs: on a test part of a few dozen
 * sequences one answer is worth 0.03, more than the target's tolerance, and which sequences land
 * in the test part moves a run's accuracy by far more (0.42 to 0.84 on the Seattle weeks), so a
 * single split cannot tell the defaults from the tuned run.
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
  /**
   * Texts: accuracy of counting words (naive Bayes) on the same test texts; tagged words: of each
   * word's usual tag; null for numeric sequences.
   */
  words: number | null;
  /** Entity tags: F1 of the entities found (words and type exact); null otherwise. */
  entityF1: number | null;
  epochs: number;
  seconds: number;
  /** The run's log lines that judge the result (chance level, what to try). */
  notes: string[];
}

export interface ClassificationResult {
  case: ClassificationCase;
  /** Means over the splits (accuracy, chance, epochs, seconds), with the first split's notes. */
  defaults: ClassificationRun;
  tuned: ClassificationRun;
  /** Each split's seed and both runs' test accuracy. */
  splits: { seed: number; defaults: number; tuned: number }[];
  /** What the default spec chose, in a few words (tokens, cell, window, learning rate, patience). */
  defaultSummary: string;
}

/** Within this much of the tuned run's test accuracy counts as matching it. */
export const ACCURACY_TOLERANCE = 0.02;

/** The seed of the first split: the seed a new spec has. */
export const FIRST_SEED = 42;

/** Splits each case is trained on unless `--splits` says otherwise. */
export const DEFAULT_SPLITS = 5;

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
      words: (evaluation.wordCountBaseline ?? evaluation.wordTagBaseline)?.accuracy ?? null,
      entityF1: evaluation.entities?.f1 ?? null,
      epochs: result.history.length,
      seconds: (performance.now() - started) / 1000,
      notes: result.log.filter((l) => /chance|try /i.test(l)),
    };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** `spec` with the seed that draws split `k` (and the networks' starting weights). */
function onSplit(spec: ExperimentSpec, k: number): ExperimentSpec {
  return { ...spec, training: { ...spec.training, seed: FIRST_SEED + k } };
}

/** The mean of each number of the runs, with the first run's notes. */
function meanRun(runs: ClassificationRun[]): ClassificationRun {
  const mean = (pick: (r: ClassificationRun) => number) => runs.reduce((a, r) => a + pick(r), 0) / runs.length;
  return {
    accuracy: mean((r) => r.accuracy),
    chance: mean((r) => r.chance),
    words: runs.every((r) => r.words !== null) ? mean((r) => r.words as number) : null,
    entityF1: runs.every((r) => r.entityF1 !== null) ? mean((r) => r.entityF1 as number) : null,
    epochs: Math.round(mean((r) => r.epochs)),
    seconds: mean((r) => r.seconds),
    notes: runs[0]?.notes ?? [],
  };
}

/** Both runs of one case on each of `splits` splits. */
export async function runClassificationCase(
  c: ClassificationCase,
  splits = DEFAULT_SPLITS,
): Promise<ClassificationResult> {
  const spec = await defaultSpec(c);
  const t = spec.training;
  const defaultSummary = [
    spec.task === 'text-classification' ? `${spec.data.text.tokens} tokens` : `window ${spec.data.lookback}`,
    `${spec.model.cell} ${spec.model.layers.map((l) => l.units).join('+')}`,
    `lr ${t.optimizer.learningRate}`,
    `patience ${t.earlyStopping.enabled ? t.earlyStopping.patience : 'off'}`,
    `plateau halving ${t.reduceLrOnPlateau.enabled ? 'on' : 'off'}`,
  ].join(', ');
  const tuned = tunedSpec(c);
  const defaults: ClassificationRun[] = [];
  const tunedRuns: ClassificationRun[] = [];
  for (let k = 0; k < splits; k++) {
    defaults.push(await trainClassifier(`${c.name} (defaults, split ${k + 1})`, onSplit(spec, k)));
    tunedRuns.push(await trainClassifier(`${c.name} (tuned, split ${k + 1})`, onSplit(tuned, k)));
  }
  return {
    case: c,
    defaults: meanRun(defaults),
    tuned: meanRun(tunedRuns),
    splits: defaults.map((d, k) => ({ seed: FIRST_SEED + k, defaults: d.accuracy, tuned: tunedRuns[k].accuracy })),
    defaultSummary,
  };
}

/** The target: the defaults' mean test accuracy comes within ACCURACY_TOLERANCE of the tuned runs' mean. */
export function meetsClassificationTarget(r: ClassificationResult): boolean {
  return r.defaults.accuracy >= r.tuned.accuracy - ACCURACY_TOLERANCE;
}
