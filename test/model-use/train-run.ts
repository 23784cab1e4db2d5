/**
 * Trains small runs for the insight and CLI tests through the same runExperiment the app uses,
 * so the tests read real run folders (run.json + model/ with preprocessing.json).
 */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { runExperiment } from '../../src-main/engine/run-experiment';
import { TrainControl } from '../../src-main/engine/training/train-control';
import { parseSpec } from '../../src-main/shared/spec';
import type { ExperimentSpecInput } from '../../src-main/shared/spec';
import type { RunResult } from '../../src-main/shared/types';

/** Trains `spec` into `outDir`; throws when the run does not complete. */
export async function trainRun(input: ExperimentSpecInput, outDir: string): Promise<RunResult> {
  const parsed = parseSpec(input);
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => `${p.path}: ${p.message}`).join('; '));
  const result = await runExperiment(parsed.spec, {
    runId: path.basename(outDir),
    outDir,
    control: new TrainControl(),
    onProgress: () => undefined,
    onEpoch: () => undefined,
    log: () => undefined,
  });
  if (result.status !== 'completed') throw new Error(`Training failed: ${result.error}`);
  return result;
}

/** Quick training settings: a fixed seed, no early stopping or plateau schedule. */
export function quickTraining(epochs: number, extra: Record<string, unknown> = {}) {
  return {
    epochs,
    batchSize: 32,
    seed: 3,
    earlyStopping: { enabled: false },
    reduceLrOnPlateau: { enabled: false },
    ...extra,
  };
}

/** Writes a CSV from named numeric columns (and an optional first date column). */
export async function writeSeriesCsv(
  file: string,
  columns: Record<string, ArrayLike<number>>,
  dates: string[] | null = null,
): Promise<void> {
  const names = Object.keys(columns);
  const n = columns[names[0]].length;
  const lines = [[...(dates ? ['date'] : []), ...names].join(',')];
  for (let i = 0; i < n; i++) lines.push([...(dates ? [dates[i]] : []), ...names.map((c) => columns[c][i])].join(','));
  await writeFile(file, `${lines.join('\n')}\n`);
}
