/**
 * Weight averaging for the training loop: an exponential moving average of every model weight,
 * updated after each batch, that can be swapped into the model (for validation, the best-epoch
 * snapshot and the saved model) and out again (to go on training the live weights).
 */
import type * as tfTypes from '@tensorflow/tfjs';
import type { Tf } from '../../tensorflow/load-tf';

export class WeightAverage {
  private averages: tfTypes.Tensor[];
  private live: tfTypes.Tensor[] | null = null;

  /** Starts the average at the model's current (initial) weights. */
  constructor(
    private readonly tf: Tf,
    private readonly model: tfTypes.LayersModel,
    /** Share of the average each batch keeps, in [0.5, 0.9999]. */
    private readonly decay: number,
  ) {
    this.averages = model.getWeights().map((w) => tf.clone(w));
  }

  /** average ← decay · average + (1 − decay) · weights, after an optimizer step. */
  update(): void {
    const { tf, decay } = this;
    if (this.live) throw new Error('Weight averaging: update while the averaged weights are swapped in.');
    const weights = this.model.getWeights();
    const next = tf.tidy(() =>
      this.averages.map((a, i) => tf.keep(tf.add(tf.mul(a, decay), tf.mul(weights[i], 1 - decay)))),
    );
    tf.dispose(this.averages);
    this.averages = next;
  }

  /** Puts the averaged weights into the model, keeping the live ones aside. */
  swapIn(): void {
    if (this.live) return;
    this.live = this.model.getWeights().map((w) => this.tf.clone(w));
    this.model.setWeights(this.averages);
  }

  /** Puts the live weights back (no-op unless swapped in). */
  swapOut(): void {
    if (!this.live) return;
    this.model.setWeights(this.live);
    this.tf.dispose(this.live);
    this.live = null;
  }

  /** Keeps the averaged weights in the model for good: the live ones are dropped. */
  release(): void {
    this.tf.dispose(this.live ?? []);
    this.live = null;
  }

  dispose(): void {
    this.tf.dispose([...this.averages, ...(this.live ?? [])]);
    this.averages = [];
    this.live = null;
  }
}
