/**
 * Project opens the user can follow and stop: each one named by the id the renderer gave it
 * (the same ids, progress events and cancel request as a data import), so one progress bar
 * with a Cancel button serves both.
 */
import { ServiceError } from '../shared/service-error';
import type { OpenControls } from '../projects/project-service';
import { throttle, type ImportProgress } from './dataset-registry';

/** The project opens under way, by id. */
export class ProjectOpenings {
  private readonly running = new Map<string, AbortController>();

  constructor(private readonly now: () => number = Date.now) {}

  /**
   * Runs `open` with a signal that `cancel(openId)` aborts and, when `report` is given, progress
   * throttled like an import's (fraction of the project file read, and its size so far).
   */
  async run<T>(
    openId: string | undefined,
    report: ((progress: ImportProgress) => void) | undefined,
    open: (controls: OpenControls & { signal: AbortSignal }) => Promise<T>,
  ): Promise<T> {
    if (openId !== undefined && this.running.has(openId)) {
      throw new ServiceError('invalid-request', `An open with the id "${openId}" is already running.`);
    }
    const controller = new AbortController();
    if (openId !== undefined) this.running.set(openId, controller);
    const passOn = report ? throttle(report, this.now) : undefined;
    try {
      return await open({
        signal: controller.signal,
        onProgress: passOn ? (p) => passOn(p.fraction, p.bytesRead) : undefined,
      });
    } finally {
      if (openId !== undefined) this.running.delete(openId);
    }
  }

  /** Stops an open under way; false when none has that id. */
  cancel(openId: string): boolean {
    const controller = this.running.get(openId);
    if (!controller) return false;
    controller.abort();
    return true;
  }
}
