/**
 * Successive halving under a time budget: every candidate is scored cheaply (few epochs, one
 * stretch of origins), the best 1/eta go on to a dearer rung (more epochs, more stretches), and
 * so on. The budget is shared out between the rungs still to run; a rung whose share is spent
 * stops starting evaluations and promotes from the candidates it finished. The result is always
 * the best candidate of the highest rung that finished at least one, so a budget that runs out
 * mid-rung still returns a scored winner. Time is read from an injected clock, so tests count
 * steps instead of seconds.
 */

/** What one rung spends on each candidate. */
export interface Rung {
  epochs: number;
  /** How many stretches of rolling origins the score covers (newest first). */
  stretches: number;
}

/** The score of one evaluation: lower is better; null when the candidate failed there. */
export type Evaluate = (candidate: number, rung: number, signal: AbortSignal) => Promise<number | null>;

export interface HalvingOptions {
  candidates: number;
  rungs: Rung[];
  /** Share kept from one rung to the next is 1/eta. */
  eta: number;
  budgetMs: number;
  now: () => number;
  evaluate: Evaluate;
  signal: AbortSignal;
  onUpdate?: (progress: HalvingProgress) => void;
}

/** Where the search stands; sent after every evaluation. */
export interface HalvingProgress {
  rung: number;
  /** Candidates this rung started with. */
  inRung: number;
  /** Evaluations finished in this rung. */
  doneInRung: number;
  evaluations: number;
  best: { candidate: number; rung: number; score: number } | null;
  msLeft: number;
}

export interface HalvingResult {
  /** The winner: the best of the highest rung with a finished candidate; null when none finished. */
  best: { candidate: number; rung: number; score: number } | null;
  /** Scores per rung, by candidate (only the evaluations that ran). */
  scores: Map<number, number | null>[];
  evaluations: number;
  /** Why the search ended: every rung ran, the budget ran out, or it was cancelled. */
  ended: 'complete' | 'budget' | 'cancelled';
}

/** Runs the rungs in order; never throws for a candidate's failure (its score is null). */
export async function successiveHalving(o: HalvingOptions): Promise<HalvingResult> {
  const start = o.now();
  const deadline = start + o.budgetMs;
  const scores: Map<number, number | null>[] = [];
  let alive = Array.from({ length: o.candidates }, (_, i) => i);
  let evaluations = 0;
  let best: HalvingResult['best'] = null;
  let ended: HalvingResult['ended'] = 'complete';
  // Whether time, rather than the rungs themselves, limited the search.
  let cut = false;
  for (let r = 0; r < o.rungs.length && alive.length > 0; r++) {
    const rungScores = new Map<number, number | null>();
    scores.push(rungScores);
    const rungStart = o.now();
    // The first rung, the broad look at every candidate, may take half the budget; each later
    // rung an equal share of what is left (fewer candidates, dearer evaluations). A later rung
    // that ends early leaves its time to the next one.
    const share = r === 0 && o.rungs.length > 1 ? 0.5 : 1 / (o.rungs.length - r);
    const rungDeadline = rungStart + (deadline - rungStart) * share;
    const report = () =>
      o.onUpdate?.({
        rung: r,
        inRung: alive.length,
        doneInRung: rungScores.size,
        evaluations,
        best,
        msLeft: Math.max(0, deadline - o.now()),
      });
    report();
    let rungBest: HalvingResult['best'] = null;
    for (const candidate of alive) {
      if (o.signal.aborted) {
        ended = 'cancelled';
        break;
      }
      // The first evaluation of a rung always runs, so a finished candidate exists; later ones
      // only while the rung's share (or, for the last rung, the whole budget) lasts.
      const limit = r === o.rungs.length - 1 ? deadline : rungDeadline;
      if (rungScores.size > 0 && o.now() >= limit) {
        cut = true;
        break;
      }
      let score: number | null;
      try {
        score = await o.evaluate(candidate, r, o.signal);
      } catch {
        score = null;
      }
      if (o.signal.aborted) {
        ended = 'cancelled';
        break;
      }
      evaluations++;
      rungScores.set(candidate, score !== null && Number.isFinite(score) ? score : null);
      if (score !== null && Number.isFinite(score) && (rungBest === null || score < rungBest.score)) {
        rungBest = { candidate, rung: r, score };
      }
      if (rungBest) best = rungBest;
      report();
    }
    if (ended !== 'complete') break;
    alive = promoted(rungScores, o.eta);
    // A rung that finished nobody new cannot rank anyone: stop with the winner so far.
    if (rungBest === null) break;
    if (o.now() >= deadline && r < o.rungs.length - 1) {
      cut = true;
      break;
    }
    if (alive.length <= 1 && r < o.rungs.length - 1) {
      // One candidate left: a dearer rung would only re-score the winner.
      break;
    }
  }
  if (ended === 'complete' && cut) ended = 'budget';
  return { best, scores, evaluations, ended };
}

/** The best ceil(n / eta) of the candidates scored in a rung, best first. */
export function promoted(rungScores: Map<number, number | null>, eta: number): number[] {
  const finished = [...rungScores].filter((e): e is [number, number] => e[1] !== null).sort((a, b) => a[1] - b[1]);
  return finished.slice(0, Math.ceil(finished.length / eta)).map(([candidate]) => candidate);
}
