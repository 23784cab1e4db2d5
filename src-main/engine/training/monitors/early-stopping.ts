/**
 * Stops training when the monitored loss has not improved for `patience` epochs, never before
 * epoch `minEpochs`.
 */
export class EarlyStopping {
  private sinceBest = 0;

  constructor(
    private readonly enabled: boolean,
    private readonly patience: number,
    private readonly minEpochs = 0,
  ) {}

  /**
   * Counts an epoch; returns the reason to stop, or null to go on. `improved` says whether the
   * epoch set a new best.
   */
  observe(
    epoch: number,
    improved: boolean,
    context: { lossName: 'training' | 'validation'; bestEpoch: number | null },
  ): string | null {
    this.sinceBest = improved ? 0 : this.sinceBest + 1;
    if (!this.enabled || this.sinceBest < this.patience || epoch < this.minEpochs) return null;
    return `Stopped early at epoch ${epoch}: the ${context.lossName} loss has not improved for ${this.sinceBest} epochs (best at epoch ${context.bestEpoch}).`;
  }
}
