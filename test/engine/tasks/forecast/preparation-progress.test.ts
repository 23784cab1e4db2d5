import { describe, expect, it } from 'vitest';
import {
  PROGRESS_INTERVAL_MS,
  PROGRESS_MIN_STEPS,
  preparationProgress,
} from '../../../../src-main/engine/tasks/forecast/preparation-progress';

/** A reporter for a long series whose clock never moves, with the messages it sent. */
function stoppedClockProgress() {
  const messages: string[] = [];
  const progress = preparationProgress(
    PROGRESS_MIN_STEPS,
    (m) => messages.push(m),
    () => 0,
  );
  return { messages, progress };
}

/** A clock the test moves by hand, so throttling is checked without waiting. */
function manualClock() {
  let t = 0;
  return { now: () => t, advance: (ms: number) => (t += ms) };
}

describe('preparationProgress', () => {
  it('reports steps and shares of a long series in order, in the words shown to the user', () => {
    const clock = manualClock();
    const messages: string[] = [];
    const progress = preparationProgress(PROGRESS_MIN_STEPS, (m) => messages.push(m), clock.now);
    progress.step('finding the season');
    const choosing = progress.part('choosing the target transform');
    choosing(0);
    clock.advance(PROGRESS_INTERVAL_MS);
    choosing(0.4);
    progress.step('building windows');
    expect(messages).toEqual([
      'finding the season',
      'choosing the target transform 0%',
      'choosing the target transform 40%',
      'building windows',
    ]);
  });

  it('reports the same step at most once per interval, and a new step at once', () => {
    const clock = manualClock();
    const messages: string[] = [];
    const progress = preparationProgress(5 * PROGRESS_MIN_STEPS, (m) => messages.push(m), clock.now);
    for (let i = 0; i <= 100; i++) {
      progress.fraction('smoothing the series', i / 100);
      clock.advance(PROGRESS_INTERVAL_MS / 10);
    }
    // 101 calls over ten intervals: the first, then one per interval.
    expect(messages).toHaveLength(11);
    expect(messages[0]).toBe('smoothing the series 0%');
    expect(messages[1]).toBe('smoothing the series 10%');
    progress.fraction('building windows', 0);
    expect(messages.at(-1)).toBe('building windows 0%');
  });

  it("always reports a step's end, however soon after its last report", () => {
    const { messages, progress } = stoppedClockProgress();
    progress.fraction('choosing the target transform', 0.2);
    progress.fraction('choosing the target transform', 0.6);
    progress.fraction('choosing the target transform', 1);
    expect(messages).toEqual(['choosing the target transform 20%', 'choosing the target transform 100%']);
  });

  it('keeps shares within 0 to 100%', () => {
    const { messages, progress } = stoppedClockProgress();
    progress.fraction('a', 1.2);
    progress.fraction('b', -0.1);
    expect(messages).toEqual(['a 100%', 'b 0%']);
  });

  it('says nothing for a series that prepares in a moment, or without a receiver', () => {
    const messages: string[] = [];
    const short = preparationProgress(PROGRESS_MIN_STEPS - 1, (m) => messages.push(m));
    short.step('finding the season');
    short.fraction('choosing the target transform', 0.5);
    short.part('building windows')(0.5);
    expect(messages).toEqual([]);
    expect(() => preparationProgress(PROGRESS_MIN_STEPS, undefined).step('finding the season')).not.toThrow();
  });
});
