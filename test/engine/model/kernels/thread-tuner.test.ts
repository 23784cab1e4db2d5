import { describe, expect, it } from 'vitest';
import { ThreadTuner } from '../../../../src-main/engine/model/kernels/thread-tuner';

/** Runs `calls` calls of one kind, each taking `cost(threads)` ms; returns the threads each used. */
function run(tuner: ThreadTuner, kind: string, calls: number, cost: (threads: number) => number): number[] {
  const used: number[] = [];
  for (let i = 0; i < calls; i++) {
    const threads = tuner.choose(kind, 2);
    used.push(threads);
    tuner.record(kind, threads, cost(threads));
  }
  return used;
}

describe('threads per kernel call, chosen by timing', () => {
  it('times 1 thread and every thread in turn, then keeps the faster', () => {
    const tuner = new ThreadTuner({ trials: 3, recheckEvery: 100 });
    const used = run(tuner, 'lstm', 20, (threads) => (threads === 1 ? 1 : 2));
    // The first call is not counted; then three timings each, interleaved.
    expect(used.slice(0, 7).sort()).toEqual([1, 1, 1, 1, 2, 2, 2]);
    expect(tuner.chosen('lstm')).toBe(1);
    expect(used.slice(7)).toEqual(new Array(13).fill(1));
  });

  it('picks the thread count that was faster, whichever it is', () => {
    const tuner = new ThreadTuner({ trials: 3, recheckEvery: 100 });
    run(tuner, 'gru', 20, (threads) => (threads === 1 ? 3 : 1));
    expect(tuner.chosen('gru')).toBe(2);
  });

  it('judges by the median, so one slow call does not decide', () => {
    const tuner = new ThreadTuner({ trials: 3, recheckEvery: 100 });
    let calls = 0;
    // Every thread is faster, but its first counted call is hit by other work on the machine.
    run(tuner, 'rnn', 12, (threads) => {
      calls++;
      if (threads === 1) return 2;
      return calls < 4 ? 50 : 1;
    });
    expect(tuner.chosen('rnn')).toBe(2);
  });

  it('times both again after a while, following a change in load', () => {
    const tuner = new ThreadTuner({ trials: 2, recheckEvery: 10 });
    run(tuner, 'lstm', 10, (threads) => (threads === 1 ? 1 : 2));
    expect(tuner.chosen('lstm')).toBe(1);
    const used = run(tuner, 'lstm', 30, (threads) => (threads === 1 ? 2 : 1));
    expect(used).toContain(2);
    expect(tuner.chosen('lstm')).toBe(2);
  });

  it('times the first choice again soon, then less and less often', () => {
    const tuner = new ThreadTuner({ trials: 2, recheckEvery: 40, firstRecheck: 5 });
    const calls: number[] = [];
    for (let i = 0; i < 200; i++) {
      const before = tuner.chosen('lstm');
      const threads = tuner.choose('lstm', 2);
      if (before !== null && tuner.chosen('lstm') === null) calls.push(i);
      tuner.record('lstm', threads, threads === 1 ? 1 : 2);
    }
    // The first choice after one uncounted call and 2 × 2 timed ones, re-timed after 5 calls on it;
    // then after 10, 20, 40 and every 40 calls on the choice (each after its own 4 timed calls).
    expect(calls[0]).toBe(1 + 4 + 5);
    const gaps = calls.slice(1).map((c, i) => c - calls[i]);
    expect(gaps.slice(0, 4)).toEqual([10, 20, 40, 40].map((wait) => 4 + wait));
    expect(tuner.chosen('lstm')).toBe(1);
  });

  it('keeps separate choices for separate kinds of call', () => {
    const tuner = new ThreadTuner({ trials: 2, recheckEvery: 100 });
    run(tuner, 'small', 10, (threads) => (threads === 1 ? 1 : 2));
    run(tuner, 'large', 10, (threads) => (threads === 1 ? 2 : 1));
    expect([tuner.chosen('small'), tuner.chosen('large')]).toEqual([1, 2]);
  });

  it('uses one thread without timing when only one is available', () => {
    const tuner = new ThreadTuner();
    expect(tuner.choose('lstm', 1)).toBe(1);
    expect(tuner.chosen('lstm')).toBeNull();
  });
});
