/**
 * Where a run keeps its best-model checkpoint and what checkpoint.json says. Kept apart from
 * the writer so the app's main process can find checkpoints without loading TensorFlow.
 */

/** Folder name of the checkpoint inside a run folder. */
export const CHECKPOINT_DIR = 'checkpoint';
/** Written beside the weights: which epoch they come from. */
export const CHECKPOINT_INFO = 'checkpoint.json';

/** Contents of checkpoint.json. */
export interface CheckpointInfo {
  epoch: number;
  /** The monitored loss (validation, or training when there is no validation part). */
  loss: number;
  monitored: 'validation' | 'training';
  savedAt: string;
}
