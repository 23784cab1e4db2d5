/**
 * Reduce-on-plateau: multiplies the learning rate by `factor` (down to `minLearningRate`) when
 * the monitored loss has not improved for `patience` epochs, like Keras' ReduceLROnPlateau.
 */
import { threeDigits as fmt } from '../../../shared/number-format';
import type { ExperimentSpec } from '../../../shared/spec';

type PlateauSettings = ExperimentSpec['training']['reduceLrOnPlateau'];

export class PlateauSchedule {
  private best = Infinity;
  private since = 0;

  constructor(
    private readonly settings: PlateauSettings,
    /** The current learning rate. */
    public learningRate: number,
  ) {}

  /** Counts an epoch; returns the new rate and a line for the log when it drops, else null. */
  observe(epoch: number, monitored: number): { learningRate: number; line: string } | null {
    if (!this.settings.enabled) return null;
    if (monitored < this.best) {
      this.best = monitored;
      this.since = 0;
      return null;
    }
    if (++this.since < this.settings.patience) return null;
    const waited = this.since;
    this.since = 0;
    const next = Math.max(this.learningRate * this.settings.factor, this.settings.minLearningRate);
    if (!(next < this.learningRate)) return null;
    const line = `Epoch ${epoch}: no improvement for ${waited} epochs, learning rate ${fmt(this.learningRate)} → ${fmt(next)}.`;
    this.learningRate = next;
    return { learningRate: next, line };
  }
}
