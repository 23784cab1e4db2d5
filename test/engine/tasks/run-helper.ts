/** Runs an experiment from a spec input in a temporary folder, as the task tests need. */
import path from 'node:path';
import { runExperiment } from '../../../src-main/experiment/run-experiment';
import { TrainControl } from '../../../src-main/engine/training/train-control';
import { parseSpec } from '../../../src-main/shared/spec';
import type { ExperimentSpecInput } from '../../../src-main/shared/spec';
import type { RunResult } from '../../../src-main/shared/types';

/**
 * Trains `input` into `dir/runId`; throws when the spec is invalid, returns failed runs as they
 * are. The run's log lines go to `log` when given.
 */
export async function runSpec(
  dir: string,
  runId: string,
  input: ExperimentSpecInput,
  log: (line: string) => void = () => undefined,
): Promise<RunResult> {
  const r = parseSpec(input);
  if (!r.ok) throw new Error(r.problems.map((p) => `${p.path}: ${p.message}`).join('; '));
  const noop = () => undefined;
  return runExperiment(r.spec, {
    runId,
    outDir: path.join(dir, runId),
    control: new TrainControl(),
    onProgress: noop,
    onEpoch: noop,
    log,
  });
}
