/**
 * Debounced saving: every change restarts a short timer and the project is written once the
 * user pauses, never twice at the same time.
 */

/** Default pause after the last change before an autosave. */
export const AUTOSAVE_DELAY_MS = 1500;

/** Calls `save` once `delayMs` has passed since the last `schedule()`. */
export class DebouncedSaver {
  private timer: ReturnType<typeof setTimeout> | null = null;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly save: () => Promise<void>,
    private readonly delayMs: number = AUTOSAVE_DELAY_MS,
    private readonly onError: (err: unknown) => void = () => undefined,
  ) {}

  /** Whether a save is waiting for its timer. */
  get pending(): boolean {
    return this.timer !== null;
  }

  /** (Re)starts the timer. */
  schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.run();
    }, this.delayMs);
  }

  /** Saves now if a save is waiting, and resolves when every save has finished. */
  async flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
      await this.run();
    }
    await this.running;
  }

  /** Drops a waiting save (the project was closed or saved by hand). */
  cancel(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private run(): Promise<void> {
    // Chained so two saves never write the same file at once.
    this.running = this.running.then(() => this.save()).catch((err: unknown) => this.onError(err));
    return this.running;
  }
}
