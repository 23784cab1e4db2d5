/**
 * Keeps the weights of the epoch with the lowest monitored loss (validation when there is a
 * validation part, otherwise training) and puts them back at the end, like Keras' EarlyStopping
 * with restore_best_weights. The starting weights can compete as "epoch 0".
 */
import type * as tfTypes from '@tensorflow/tfjs';
import type { Tf } from '../../../tensorflow/load-tf';

export class BestWeights {
  /** Lowest monitored loss so far. */
  best = Infinity;
  /** Epoch (1-based) of `best`; 0 for the starting weights; null before any. */
  bestEpoch: number | null = null;
  private snapshot: tfTypes.Tensor[] | null = null;

  constructor(
    private readonly tf: Tf,
    private readonly model: tfTypes.LayersModel,
    /** Whether to keep copies of the best weights (restoreBest); the record is kept either way. */
    private readonly keepSnapshot: boolean,
  ) {}

  /** Records the starting point as epoch 0 (only with a snapshot: it is useless otherwise). */
  considerStart(loss: number): boolean {
    if (!this.keepSnapshot || !Number.isFinite(loss)) return false;
    this.record(0, loss);
    return true;
  }

  /** Records an epoch's monitored loss; true when it is a new best. */
  observe(epoch: number, monitored: number): boolean {
    if (!(monitored < this.best)) return false;
    this.record(epoch, monitored);
    return true;
  }

  /**
   * Puts the best weights back when they are not the model's current ones, and returns the
   * epoch the model holds and a line for the log (null when nothing changed).
   */
  restore(
    lastEpoch: number,
    failed: boolean,
    lossName: 'training' | 'validation',
  ): { epoch: number | null; line: string | null } {
    if (failed) {
      // Keep the last good weights so the model stays usable for inspection.
      if (this.snapshot && this.bestEpoch !== null) this.model.setWeights(this.snapshot);
      return { epoch: null, line: null };
    }
    if (this.snapshot && this.bestEpoch === 0) {
      this.model.setWeights(this.snapshot);
      return {
        epoch: 0,
        line: 'No epoch improved the validation loss on the starting weights, so the model keeps them.',
      };
    }
    if (this.snapshot && this.bestEpoch !== null && this.bestEpoch !== lastEpoch) {
      this.model.setWeights(this.snapshot);
      return {
        epoch: this.bestEpoch,
        line: `Restored the weights of epoch ${this.bestEpoch}, which had the lowest ${lossName} loss.`,
      };
    }
    return { epoch: lastEpoch > 0 ? lastEpoch : null, line: null };
  }

  dispose(): void {
    this.tf.dispose(this.snapshot ?? []);
    this.snapshot = null;
  }

  private record(epoch: number, loss: number): void {
    this.best = loss;
    this.bestEpoch = epoch;
    if (!this.keepSnapshot) return;
    this.tf.dispose(this.snapshot ?? []);
    this.snapshot = this.model.getWeights().map((w) => this.tf.clone(w));
  }
}
