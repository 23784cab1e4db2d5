/**
 * Pause / resume / cancel for a running training. The loop checks it between batches, so a
 * request takes effect after the current batch, never in the middle of an update.
 */
export type ControlAction = 'pause' | 'resume' | 'cancel';

export class TrainControl {
  private state: 'running' | 'paused' | 'cancelled' = 'running';
  private wakers: (() => void)[] = [];

  get paused(): boolean {
    return this.state === 'paused';
  }

  get cancelled(): boolean {
    return this.state === 'cancelled';
  }

  /** Applies a user action; pausing a cancelled run does nothing. */
  apply(action: ControlAction): void {
    if (this.state === 'cancelled') return;
    if (action === 'pause') this.state = 'paused';
    else {
      this.state = action === 'cancel' ? 'cancelled' : 'running';
      const wakers = this.wakers;
      this.wakers = [];
      for (const wake of wakers) wake();
    }
  }

  pause(): void {
    this.apply('pause');
  }

  resume(): void {
    this.apply('resume');
  }

  cancel(): void {
    this.apply('cancel');
  }

  /** Resolves at once when running; otherwise when the run is resumed or cancelled. */
  waitWhilePaused(): Promise<void> {
    if (this.state !== 'paused') return Promise.resolve();
    return new Promise((resolve) => this.wakers.push(resolve));
  }
}
