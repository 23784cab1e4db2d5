/**
 * Which saved weights of an earlier run a new run continues from: the final model when the
 * run finished, otherwise the best-model checkpoint an interrupted, cancelled or failed run
 * left behind.
 */
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { CHECKPOINT_DIR, CHECKPOINT_INFO, type CheckpointInfo } from './checkpoint-layout';

/** The saved model a run continues from, as passed to the worker and the engine. */
export interface ContinueSource {
  runId: string;
  /** Model folder: model.json + weights.bin + preprocessing.json. */
  dir: string;
  /** Epochs the saved weights were trained for; null when unknown (imported models). */
  epochsTrained: number | null;
}

/**
 * Finds the folder to continue `runId` from inside its run folder. `modelDir` is the run's
 * saved model (null when it has none); `historyLength` the epochs the run recorded.
 * Returns null when the run left no usable weights.
 */
export async function findContinueSource(
  runId: string,
  runDir: string,
  modelDir: string | null,
  historyLength: number | null,
): Promise<ContinueSource | null> {
  if (modelDir && (await isFile(path.join(modelDir, 'model.json')))) {
    return { runId, dir: modelDir, epochsTrained: historyLength };
  }
  const checkpoint = path.join(runDir, CHECKPOINT_DIR);
  if (await isFile(path.join(checkpoint, 'model.json'))) {
    return { runId, dir: checkpoint, epochsTrained: (await checkpointEpoch(checkpoint)) ?? historyLength };
  }
  return null;
}

async function checkpointEpoch(dir: string): Promise<number | null> {
  try {
    const info = JSON.parse(await readFile(path.join(dir, CHECKPOINT_INFO), 'utf8')) as Partial<CheckpointInfo>;
    return typeof info.epoch === 'number' ? info.epoch : null;
  } catch {
    return null;
  }
}

async function isFile(file: string): Promise<boolean> {
  return (await stat(file).catch(() => null))?.isFile() ?? false;
}
