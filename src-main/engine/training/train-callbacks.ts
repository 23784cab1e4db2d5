/** How a training run reports to whoever started it, and how it is paused or cancelled. */
import type { EpochRecord, TrainProgress } from '../../shared/types';
import type { TrainControl } from './train-control';

export interface TrainCallbacks {
  runId: string;
  control: TrainControl;
  onProgress(p: TrainProgress): void;
  onEpoch(e: EpochRecord): void;
  log(line: string): void;
  /**
   * Called when the monitored loss reaches a new best, while the model holds those weights
   * (the best-model checkpoint); training waits for the returned promise.
   */
  onImproved?(info: { epoch: number; loss: number; monitored: 'validation' | 'training' }): Promise<void> | void;
}
