/**
 * Limits training progress events to a few per second per run: a fast model can finish
 * hundreds of batches a second, and each event costs the UI a re-render.
 */
import type { TrainProgress } from '../shared/types';

/** Passes progress on at most once per `intervalMs`, always passing phase changes and the latest value. */
export class ProgressThrottle {
  private lastEmit = 0;
  private lastPhase: TrainProgress['phase'] | null = null;
  private pending: TrainProgress | null = null;
  private timer: ReturnType<typeof setTimeout> | null = null;

  constructor(
    private readonly emit: (progress: TrainProgress) => void,
    private readonly intervalMs = 250,
    private readonly now: () => number = Date.now,
  ) {}

  /** Offers a progress update; it is emitted now, later (coalesced), or replaced by a newer one. */
  push(progress: TrainProgress): void {
    const elapsed = this.now() - this.lastEmit;
    if (progress.phase !== this.lastPhase || elapsed >= this.intervalMs) {
      this.clearTimer();
      this.pending = null;
      this.send(progress);
      return;
    }
    this.pending = progress;
    // The trailing update keeps the bar honest when batches stop arriving (pause, last batch).
    this.timer ??= setTimeout(() => this.flush(), this.intervalMs - elapsed);
  }

  /** Emits the held update, if any, right away. */
  flush(): void {
    this.clearTimer();
    const pending = this.pending;
    this.pending = null;
    if (pending) this.send(pending);
  }

  /** Drops any held update (the run ended; a late progress event would confuse the UI). */
  cancel(): void {
    this.clearTimer();
    this.pending = null;
  }

  private send(progress: TrainProgress): void {
    this.lastEmit = this.now();
    this.lastPhase = progress.phase;
    this.emit(progress);
  }

  private clearTimer(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }
}
