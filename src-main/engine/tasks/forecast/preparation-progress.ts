/**
 * Progress while a long forecast series is prepared: which step the preparation is on ("finding
 * the season", "choosing the target transform 40%", "building windows" ...), so a file of
 * millions of rows never leaves the user waiting in silence between reading and training. Short
 * series are prepared in a moment and say nothing.
 */

/** Series shorter than this prepare in well under a second: no progress is reported for them. */
export const PROGRESS_MIN_STEPS = 1_000_000;
/** Least time between two reports of the same step (a new step is always reported at once). */
export const PROGRESS_INTERVAL_MS = 250;

/** Receives the preparation's progress messages (the run's 'preparing' phase). */
export type ProgressMessage = (message: string) => void;

export interface PreparationProgress {
  /** A new step begins: reported at once. */
  step(label: string): void;
  /** How far `label` is, 0 to 1: reported as "label 40%", a few times per second at most (100% always). */
  fraction(label: string, done: number): void;
  /** `fraction` bound to one label, for code that only knows how far it is. */
  part(label: string): (done: number) => void;
}

const silent: PreparationProgress = { step: () => undefined, fraction: () => undefined, part: () => () => undefined };

/**
 * The progress of preparing a series of `steps` values, reported to `report`; silent without a
 * receiver or for a series shorter than PROGRESS_MIN_STEPS. `now` is the clock in milliseconds.
 */
export function preparationProgress(
  steps: number,
  report: ProgressMessage | undefined,
  now: () => number = () => performance.now(),
): PreparationProgress {
  if (!report || steps < PROGRESS_MIN_STEPS) return silent;
  return throttledProgress(report, now);
}

/**
 * Progress reported to `report` whatever the size of the work: each new step at once, a step's
 * fractions at most every PROGRESS_INTERVAL_MS (its first and its 100% always).
 */
export function throttledProgress(
  report: ProgressMessage,
  now: () => number = () => performance.now(),
): PreparationProgress {
  let current: string | null = null;
  let last = Number.NEGATIVE_INFINITY;
  const send = (label: string, message: string, force: boolean) => {
    const t = now();
    if (!force && label === current && t - last < PROGRESS_INTERVAL_MS) return;
    current = label;
    last = t;
    report(message);
  };
  const fraction = (label: string, done: number) =>
    // A step's first report and its end (100%) always go out; what lies between is throttled.
    send(label, `${label} ${Math.round(100 * Math.min(1, Math.max(0, done)))}%`, label !== current || done >= 1);
  return {
    step: (label) => send(label, label, true),
    fraction,
    part: (label) => (done) => fraction(label, done),
  };
}
