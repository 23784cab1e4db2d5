/** The sentences that say what an automatic search tried and why its winner won. */
import { describeCandidate } from './automatic-candidates';
import type { PlanValue } from './spec-paths';
import { automaticEnsembleNote } from './search-ensemble';
import { rmseOf, type StretchSquares } from './stretch-score';

export interface VerdictFacts {
  budgetSeconds: number;
  usedSeconds: number;
  candidates: number;
  scored: number;
  rungEpochs: number[];
  stretches: number;
  /** The rung (0-based) the winner was scored in, and how many stretches that rung covered. */
  winnerRung: number;
  winnerStretches: number;
  winner: { values: Record<string, PlanValue>; squares: StretchSquares };
  runnerUp: { values: Record<string, PlanValue>; squares: StretchSquares } | null;
  ended: 'complete' | 'budget' | 'cancelled';
  /** Networks the final run trains (the spec's ensemble size); candidates were ranked as one each. */
  ensemble: number;
}

/** Figures in four significant digits. */
function fig(x: number): string {
  return Number(x.toPrecision(4)).toString();
}

/** Ratios in three. */
function ratio(x: number): string {
  return Number(x.toPrecision(3)).toString();
}

/** A duration as "2 min 5 s" or "40 s". */
export function duration(seconds: number): string {
  const s = Math.round(seconds);
  return s >= 60 ? `${Math.floor(s / 60)} min${s % 60 ? ` ${s % 60} s` : ''}` : `${s} s`;
}

/** What was searched, how the winner compares with naive and seasonal naive there, the runner-up, and an ensemble's final run. */
export function automaticVerdict(f: VerdictFacts): string {
  const w = f.winner.squares;
  const model = rmseOf(w.model, w.count);
  const naive = rmseOf(w.naive, w.count);
  const seasonal = w.seasonal === null ? null : rmseOf(w.seasonal, w.count);
  const epochs = f.rungEpochs.slice(0, f.winnerRung + 1);
  const parts = [
    `Automatic search (budget ${duration(f.budgetSeconds)}, ${duration(f.usedSeconds)} used): ${f.scored} of ${f.candidates} candidates over cell, layer size, window and target transform, ` +
      `by successive halving in ${epochs.length} rung${epochs.length === 1 ? '' : 's'} (${epochs.join(', ')} epochs) on up to ${f.stretches} stretch${f.stretches === 1 ? '' : 'es'} of rolling origins before the test part.`,
  ];
  if (f.ended === 'budget') {
    parts.push(
      `The budget, not the rungs, ended the search; the winner is the best candidate of the last rung reached (rung ${f.winnerRung + 1}).`,
    );
  }
  const against = [`naive ${fig(naive)} (${ratio(model / naive)}×)`];
  if (seasonal !== null) against.push(`seasonal naive ${fig(seasonal)} (${ratio(model / seasonal)}×)`);
  parts.push(
    `It chose ${describeCandidate(f.winner.values)}: RMSE ${fig(model)} on ${f.winnerStretches} stretch${f.winnerStretches === 1 ? '' : 'es'}, against ${against.join(' and ')}` +
      (f.runnerUp
        ? `; the runner-up, ${describeCandidate(f.runnerUp.values)}, scored ${fig(rmseOf(f.runnerUp.squares.model, f.runnerUp.squares.count))}.`
        : '.'),
  );
  const better = Math.min(naive, seasonal ?? Infinity);
  if (model >= better) {
    parts.push(
      `Even the winner does not beat the ${seasonal !== null && seasonal < naive ? 'seasonal naive' : 'naive'} forecast on those origins: prefer that simpler forecast unless the test figures below say otherwise.`,
    );
  }
  const ensemble = automaticEnsembleNote(f.ensemble);
  if (ensemble) parts.push(ensemble);
  return parts.join(' ');
}
