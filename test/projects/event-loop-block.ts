/**
 * Measures how freely the event loop runs while some work is awaited: how many turns other
 * work got (a setImmediate chain, deterministic enough to assert on) and the longest gap
 * between two turns (a timing, reported and held to its target in the bench).
 */
export interface BlockMeasure<T> {
  result: T;
  turns: number;
  longestMs: number;
}

export async function longestBlockWhile<T>(work: () => Promise<T>): Promise<BlockMeasure<T>> {
  let turns = 0;
  let longestMs = 0;
  let last = performance.now();
  let running = true;
  const tick = () => {
    const now = performance.now();
    longestMs = Math.max(longestMs, now - last);
    last = now;
    turns++;
    if (running) setImmediate(tick);
  };
  setImmediate(tick);
  try {
    const result = await work();
    return { result, turns, longestMs };
  } finally {
    running = false;
  }
}
