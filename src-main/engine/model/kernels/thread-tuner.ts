/**
 * Threads per kernel call, chosen by timing. Splitting a layer's batch across cores pays off only
 * when each core's share is large enough and the cores are free: on a 2-core machine shared with
 * other work, a 64-sample LSTM(64) batch ran 10–25% slower on 2 threads than on 1, and TensorFlow's
 * own threads compete for the same cores between our calls. So each kind of call (cell, shapes,
 * direction of the pass) is timed on 1 thread and on every thread, interleaved, and then runs on
 * whichever was faster; the choice is timed again as the load changes, soon after the first
 * choice (made in the first seconds of a run, when other work may be starting or ending) and then
 * less and less often, up to every few hundred calls. In training runs on a busy machine, 2 of 6
 * first choices were made in a busy moment for 1 thread where 2 were faster for the rest of the
 * run (7,200–8,000 against 10,000–11,500 samples/s on the reference LSTM).
 */

/** How many calls decide, and how often a decision is timed again. */
export interface ThreadTunerOptions {
  /** Timed calls per candidate before choosing (the median decides). */
  trials: number;
  /** Most calls on the chosen count before both are timed again. */
  recheckEvery: number;
  /** Calls on the first choice before both are timed again; each later wait doubles, up to `recheckEvery`. */
  firstRecheck: number;
}

const DEFAULT_OPTIONS: ThreadTunerOptions = { trials: 5, recheckEvery: 400, firstRecheck: 50 };
/** Kinds of call remembered at most (prediction on many batch sizes makes new ones). */
const MAX_KINDS = 256;

interface KindState {
  /** Times in ms by thread count, while timing. */
  samples: Map<number, number[]>;
  chosen: number | null;
  callsSinceChoice: number;
  /** Calls on the current choice before both are timed again. */
  wait: number;
  /** The first call of a kind pays for first-use costs (buffers, waking threads): never counted. */
  warm: boolean;
  turn: number;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export class ThreadTuner {
  private readonly kinds = new Map<string, KindState>();
  private readonly options: ThreadTunerOptions;

  constructor(options: Partial<ThreadTunerOptions> = {}) {
    this.options = { ...DEFAULT_OPTIONS, ...options };
  }

  /** The threads for the next call of this kind: 1 or `most`, timing both until one is chosen. */
  choose(kind: string, most: number): number {
    if (most <= 1) return 1;
    const state = this.state(kind, most);
    if (state.chosen !== null) {
      if (state.callsSinceChoice++ < state.wait) return state.chosen;
      state.chosen = null;
      state.wait = Math.min(this.options.recheckEvery, 2 * state.wait);
      state.samples = new Map([
        [1, []],
        [most, []],
      ]);
    }
    // The candidate with fewer timings goes next; on a tie they take turns.
    const [a, b] = [...state.samples.entries()];
    if (a[1].length !== b[1].length) return a[1].length < b[1].length ? a[0] : b[0];
    return state.turn++ % 2 === 0 ? a[0] : b[0];
  }

  /** Reports how long a call chosen by `choose` took. */
  record(kind: string, threads: number, ms: number): void {
    const state = this.kinds.get(kind);
    if (!state || state.chosen !== null) return;
    if (!state.warm) {
      state.warm = true;
      return;
    }
    const times = state.samples.get(threads);
    if (!times) return;
    times.push(ms);
    const all = [...state.samples.entries()];
    if (all.some(([, t]) => t.length < this.options.trials)) return;
    const [best] = all.reduce((x, y) => (median(y[1]) < median(x[1]) ? y : x));
    state.chosen = best;
    state.callsSinceChoice = 0;
  }

  /** The chosen thread count for a kind, or null while it is still being timed. */
  chosen(kind: string): number | null {
    return this.kinds.get(kind)?.chosen ?? null;
  }

  private state(kind: string, most: number): KindState {
    let state = this.kinds.get(kind);
    if (!state || !state.samples.has(most)) {
      if (this.kinds.size >= MAX_KINDS) this.kinds.clear();
      state = {
        samples: new Map([
          [1, []],
          [most, []],
        ]),
        chosen: null,
        callsSinceChoice: 0,
        wait: Math.min(this.options.firstRecheck, this.options.recheckEvery),
        warm: false,
        turn: 0,
      };
      this.kinds.set(kind, state);
    }
    return state;
  }
}
