import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TrainProgress } from '../../src-main/shared/types';
import { ProgressThrottle } from '../../src-main/services/progress-throttle';

function progress(batch: number, phase: TrainProgress['phase'] = 'training'): TrainProgress {
  return {
    runId: 'r',
    phase,
    epoch: 1,
    epochs: 5,
    batch,
    batchesPerEpoch: 100,
    batchLoss: 1,
    samplesPerSecond: null,
    etaSeconds: null,
  };
}

afterEach(() => {
  vi.useRealTimers();
});

describe('ProgressThrottle', () => {
  it('coalesces a burst into the first and the latest update', () => {
    vi.useFakeTimers();
    let clock = 1000;
    const seen: number[] = [];
    const throttle = new ProgressThrottle(
      (p) => seen.push(p.batch),
      250,
      () => clock,
    );
    for (let b = 1; b <= 50; b++) {
      throttle.push(progress(b));
      clock += 1;
    }
    expect(seen).toEqual([1]);
    clock += 250;
    vi.runOnlyPendingTimers();
    expect(seen).toEqual([1, 50]);
  });

  it('passes phase changes at once', () => {
    let clock = 0;
    const seen: string[] = [];
    const throttle = new ProgressThrottle(
      (p) => seen.push(p.phase),
      250,
      () => clock,
    );
    throttle.push(progress(1));
    clock += 1;
    throttle.push(progress(2, 'paused'));
    expect(seen).toEqual(['training', 'paused']);
  });

  it('drops a held update when cancelled', () => {
    vi.useFakeTimers();
    let clock = 0;
    const seen: number[] = [];
    const throttle = new ProgressThrottle(
      (p) => seen.push(p.batch),
      250,
      () => clock,
    );
    throttle.push(progress(1));
    clock += 10;
    throttle.push(progress(2));
    throttle.cancel();
    vi.runAllTimers();
    expect(seen).toEqual([1]);
  });
});
