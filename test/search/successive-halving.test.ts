import { describe, expect, it } from 'vitest';
import { promoted, successiveHalving, type Rung } from '../../src-main/search/successive-halving';

const RUNGS: Rung[] = [
  { epochs: 1, stretches: 1 },
  { epochs: 3, stretches: 2 },
  { epochs: 9, stretches: 4 },
];

/**
 * A clock that only moves when an evaluation "trains": each costs epochs × stretches steps, so
 * the budget is checked in steps, never in wall-clock time.
 */
function steppedSearch(opts: { candidates: number; budget: number; truth: (c: number) => number }) {
  let clock = 0;
  const calls: { candidate: number; rung: number }[] = [];
  const controller = new AbortController();
  const run = successiveHalving({
    candidates: opts.candidates,
    rungs: RUNGS,
    eta: 3,
    budgetMs: opts.budget,
    now: () => clock,
    signal: controller.signal,
    evaluate: async (candidate, rung) => {
      calls.push({ candidate, rung });
      clock += RUNGS[rung].epochs * RUNGS[rung].stretches;
      return opts.truth(candidate);
    },
  });
  return { run, calls, controller, clock: () => clock };
}

/** A search whose evaluations take one clock step each and score from `score(candidate, rung)`. */
function oneStepSearch(candidates: number, rungs: Rung[], score: (c: number, r: number) => number | null) {
  let clock = 0;
  return successiveHalving({
    candidates,
    rungs,
    eta: 3,
    budgetMs: 1000,
    now: () => clock,
    signal: new AbortController().signal,
    evaluate: async (candidate, rung) => {
      clock += 1;
      return score(candidate, rung);
    },
  });
}

describe('successive halving', () => {
  it('promotes the best third of each rung and returns the best of the last rung', async () => {
    // Candidate 7 is clearly best; every candidate fits in the budget.
    const s = steppedSearch({ candidates: 27, budget: 10_000, truth: (c) => (c === 7 ? 1 : 5 + c) });
    const result = await s.run;
    expect(result.ended).toBe('complete');
    expect(result.best).toEqual({ candidate: 7, rung: 2, score: 1 });
    // 27 → ceil(27/3) = 9 → 3, each rung taking the best of the one before, best first.
    expect(result.scores.map((r) => r.size)).toEqual([27, 9, 3]);
    expect([...result.scores[1].keys()]).toEqual([7, 0, 1, 2, 3, 4, 5, 6, 8]);
    expect([...result.scores[2].keys()]).toEqual([7, 0, 1]);
  });

  it('lets a dearer rung overrule the ranking of a cheap one', async () => {
    // Rung 1 ranks 0 before 2; more epochs show 2 is better. Candidates 3..8 are poor throughout.
    const table = [
      [1, 5, 2, 9, 9, 9, 9, 9, 9],
      [3, 9, 1, 9, 9, 9, 9, 9, 9],
    ];
    const result = await oneStepSearch(9, RUNGS.slice(0, 2), (c, r) => table[r][c]);
    expect([...result.scores[1].keys()]).toEqual([0, 2, 1]);
    expect(result.best).toEqual({ candidate: 2, rung: 1, score: 1 });
  });

  it('skips a dearer rung that would only re-score a single survivor', async () => {
    const s = steppedSearch({ candidates: 9, budget: 10_000, truth: (c) => c });
    const result = await s.run;
    expect(result.scores.map((r) => r.size)).toEqual([9, 3]);
    expect(result.best).toEqual({ candidate: 0, rung: 1, score: 0 });
  });

  it('stops starting evaluations when the budget is spent and still returns the best finished candidate', async () => {
    // 30 candidates at 1 step each in rung 1 cannot all run in a budget of 12 steps.
    const s = steppedSearch({ candidates: 30, budget: 12, truth: (c) => 100 - c });
    const result = await s.run;
    expect(result.ended).toBe('budget');
    expect(result.best).not.toBeNull();
    // Rung 1 gets half the budget (6 steps): candidates 0..5. Rung 2 gets half of the rest
    // (6 steps each): one evaluation, then its share is spent.
    expect([...result.scores[0].keys()]).toEqual([0, 1, 2, 3, 4, 5]);
    expect([...result.scores[1].keys()]).toEqual([5]);
    // Only an evaluation started before the deadline may run past it: at most one rung-2 cost over.
    expect(s.clock()).toBeLessThanOrEqual(12 + RUNGS[1].epochs * RUNGS[1].stretches);
    const bestRung = result.best!.rung;
    const scored = [...result.scores[bestRung].values()] as number[];
    expect(result.best!.score).toBe(Math.min(...scored));
  });

  it('always finishes one candidate, even with a budget smaller than one evaluation', async () => {
    const s = steppedSearch({ candidates: 5, budget: 0.5, truth: (c) => c });
    const result = await s.run;
    expect(result.evaluations).toBe(1);
    expect(result.best).toEqual({ candidate: 0, rung: 0, score: 0 });
  });

  it('stops at once when cancelled and reports it', async () => {
    let clock = 0;
    const controller = new AbortController();
    const result = await successiveHalving({
      candidates: 6,
      rungs: RUNGS,
      eta: 3,
      budgetMs: 1000,
      now: () => clock,
      signal: controller.signal,
      evaluate: async (candidate) => {
        clock += 1;
        if (candidate === 1) controller.abort();
        return candidate;
      },
    });
    expect(result.ended).toBe('cancelled');
    expect(result.evaluations).toBe(1);
    expect(result.best?.candidate).toBe(0);
  });

  it('drops candidates that fail and ranks the rest', async () => {
    const result = await oneStepSearch(4, RUNGS.slice(0, 2), (c) => {
      if (c === 2) throw new Error('no training windows');
      return c === 3 ? null : 10 - c;
    });
    expect(result.scores[0].get(2)).toBeNull();
    expect(result.scores[0].get(3)).toBeNull();
    expect(result.best?.candidate).toBe(1);
  });

  it('promoted() keeps ceil(n/eta) finished candidates, best first', () => {
    const scores = new Map<number, number | null>([
      [0, 3],
      [1, null],
      [2, 1],
      [3, 2],
    ]);
    expect(promoted(scores, 3)).toEqual([2]);
    expect(promoted(scores, 2)).toEqual([2, 3]);
  });
});
