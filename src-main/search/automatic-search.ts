/**
 * "Automatic" for analysts who want the best model rather than a form: successive halving over
 * the planned candidates within a time budget, then an ordinary run of the winner on all the
 * data, whose verdict says what was searched and why it won. Scoring and the final run are
 * injected: the app sends them to its workers, the CLI runs them in-process.
 */
import type { ExperimentSpec } from '../shared/spec';
import type { RunResult } from '../shared/types';
import type { AutomaticProgress, SearchState } from '../shared/types-project';
import { describeCandidate } from './automatic-candidates';
import { ETA, type AutomaticPlan } from './automatic-plan';
import { automaticVerdict } from './automatic-verdict';
import { singleNetworkSpec } from './search-ensemble';
import { rmseOf, type StretchSquares } from './stretch-score';
import { successiveHalving, type HalvingProgress } from './successive-halving';

/** Share of the budget the search may spend; the rest is for the winner's final run. */
export const SEARCH_SHARE = 0.7;
/** How much slower than the search's pace the final run is assumed to train, per epoch. */
export const FINAL_PACE_MARGIN = 2;
/** Shortest budget accepted, and the longest (a day). */
export const MIN_BUDGET_SECONDS = 10;
export const MAX_BUDGET_SECONDS = 86_400;

export interface AutomaticDeps {
  /** Trains `spec` for `epochs` before each stretch and scores it there (origins of the whole series). */
  score(spec: ExperimentSpec, stretches: number[][], epochs: number, signal: AbortSignal): Promise<StretchSquares>;
  /** Trains the winner as an ordinary run; `verdict` goes in front of the run's own verdict. */
  runFinal(spec: ExperimentSpec, runId: string, signal: AbortSignal, verdict: string): Promise<RunResult>;
  now(): number;
}

/** The state of a new automatic search: one row per candidate, nothing scored yet. */
export function automaticState(searchId: string, plan: AutomaticPlan, budgetSeconds: number): SearchState {
  const first = plan.rungs[0];
  return {
    searchId,
    status: 'running',
    total: plan.candidates.length,
    done: 0,
    rows: plan.candidates.map((c) => ({ runId: null, values: c.values, score: null, status: 'pending' })),
    metric: 'RMSE on rolling origins',
    bestRunId: null,
    automatic: {
      budgetSeconds,
      secondsLeft: budgetSeconds,
      phase: 'searching',
      rung: 1,
      rungs: plan.rungs.length,
      rungEpochs: first.epochs,
      rungStretches: first.stretches,
      candidates: plan.candidates.length,
      inRung: plan.candidates.length,
      doneInRung: 0,
      best: null,
    },
  };
}

/**
 * Runs the search into `state` (changed in place; `emit` after every change). Ends with the
 * state's status set; the winner's final run id is `bestRunId`.
 */
export async function runAutomatic(
  plan: AutomaticPlan,
  state: SearchState,
  deps: AutomaticDeps,
  signal: AbortSignal,
  emit: (state: SearchState) => void,
): Promise<void> {
  const auto = state.automatic as AutomaticProgress;
  const started = deps.now();
  const deadline = started + auto.budgetSeconds * 1000;
  const squares = plan.rungs.map(() => new Map<number, StretchSquares>());
  let trainedEpochs = 0;
  let trainingMs = 0;
  /** Milliseconds per epoch and stretch of each candidate's latest evaluation. */
  const pace = new Map<number, number>();

  const halving = await successiveHalving({
    candidates: plan.candidates.length,
    rungs: plan.rungs,
    eta: ETA,
    budgetMs: auto.budgetSeconds * 1000 * SEARCH_SHARE,
    now: deps.now,
    signal,
    evaluate: async (c, r, s) => {
      const rung = plan.rungs[r];
      const row = state.rows[c];
      row.status = 'running';
      row.note = `rung ${r + 1}: ${rung.epochs} epochs on ${rung.stretches} stretch${rung.stretches === 1 ? '' : 'es'}`;
      emit(state);
      const t0 = deps.now();
      try {
        const result = await deps.score(
          singleNetworkSpec(plan.candidates[c].spec),
          plan.stretches.slice(0, rung.stretches),
          rung.epochs,
          s,
        );
        const ms = deps.now() - t0;
        trainingMs += ms;
        trainedEpochs += rung.epochs * rung.stretches;
        pace.set(c, ms / (rung.epochs * rung.stretches));
        squares[r].set(c, result);
        row.score = rmseOf(result.model, result.count);
        row.status = 'completed';
        return row.score;
      } catch (err) {
        row.status = s.aborted ? 'cancelled' : 'failed';
        row.note = `rung ${r + 1}: ${err instanceof Error ? err.message : String(err)}`;
        return null;
      }
    },
    onUpdate: (p) => {
      progress(p);
      emit(state);
    },
  });

  function progress(p: HalvingProgress): void {
    const rung = plan.rungs[p.rung];
    auto.rung = p.rung + 1;
    auto.rungEpochs = rung.epochs;
    auto.rungStretches = rung.stretches;
    auto.inRung = p.inRung;
    auto.doneInRung = p.doneInRung;
    auto.secondsLeft = Math.max(0, (deadline - deps.now()) / 1000);
    state.done = state.rows.filter((r) => r.status !== 'pending' && r.status !== 'running').length;
    const best = p.best && squares[p.best.rung].get(p.best.candidate);
    if (p.best && best) {
      auto.best = {
        label: describeCandidate(plan.candidates[p.best.candidate].values),
        rmse: rmseOf(best.model, best.count),
        naiveRmse: rmseOf(best.naive, best.count),
        seasonalRmse: best.seasonal === null ? null : rmseOf(best.seasonal, best.count),
      };
    }
  }

  // Candidates never scored in a rung they reached, or dropped by it, say so in the table.
  for (const row of state.rows) if (row.status === 'pending') row.status = signal.aborted ? 'cancelled' : 'skipped';
  state.done = state.rows.length;
  if (signal.aborted || halving.ended === 'cancelled') {
    state.status = 'cancelled';
    auto.phase = 'done';
    emit(state);
    return;
  }
  const best = halving.best;
  if (!best) {
    state.status = 'failed';
    auto.phase = 'done';
    state.verdict = 'No candidate could be trained and scored on the rolling origins; the table says why for each.';
    emit(state);
    return;
  }
  // Scores of different rungs cover different epochs and stretches: say how far each candidate got.
  state.rows.forEach((row, c) => {
    const reached = halving.scores.findLastIndex((rung) => rung.get(c) !== undefined && rung.get(c) !== null);
    if (reached >= 0 && reached < best.rung) row.note = `dropped after rung ${reached + 1}`;
  });
  const winner = plan.candidates[best.candidate];
  const rungSquares = squares[best.rung];
  const runnerUp = [...rungSquares]
    .filter(([c]) => c !== best.candidate)
    .sort((a, b) => rmseOf(a[1].model, a[1].count) - rmseOf(b[1].model, b[1].count))[0];
  const verdict = automaticVerdict({
    budgetSeconds: auto.budgetSeconds,
    usedSeconds: (deps.now() - started) / 1000,
    candidates: plan.candidates.length,
    scored: halving.scores[0].size,
    rungEpochs: plan.rungs.map((r) => r.epochs),
    stretches: plan.stretches.length,
    winnerRung: best.rung,
    winnerStretches: plan.rungs[best.rung].stretches,
    winner: { values: winner.values, squares: rungSquares.get(best.candidate) as StretchSquares },
    runnerUp: runnerUp ? { values: plan.candidates[runnerUp[0]].values, squares: runnerUp[1] } : null,
    ended: halving.ended,
    ensemble: winner.spec.training.ensemble,
  });
  state.verdict = verdict;

  // The final run gets the epochs the rest of the budget pays for at the pace measured while
  // searching (the winner's own pace when slower than the average), at least those of the
  // winner's rung and at most the spec's own. The pace is doubled: the whole series is longer than
  // the stretches' histories, early stopping may have cut the epochs counted, and the run still
  // has to be scored and saved. An ensemble trains its networks one after another, each at that pace.
  const average = trainedEpochs > 0 ? trainingMs / trainedEpochs : 0;
  const msPerEpoch =
    FINAL_PACE_MARGIN * Math.max(average, pace.get(best.candidate) ?? 0) * winner.spec.training.ensemble;
  const affordable = msPerEpoch > 0 ? Math.floor((deadline - deps.now()) / msPerEpoch) : winner.spec.training.epochs;
  const epochs = Math.max(plan.rungs[best.rung].epochs, Math.min(winner.spec.training.epochs, affordable));
  const finalSpec: ExperimentSpec = {
    ...winner.spec,
    name: `${plan.base.name} (automatic: ${describeCandidate(winner.values)})`.slice(0, 200),
    training: { ...winner.spec.training, epochs },
  };
  const row = state.rows[best.candidate];
  row.runId = `${state.searchId}-final`;
  const networks = winner.spec.training.ensemble;
  row.note = `winner; final run of ${epochs} epochs on all the data${networks > 1 ? `, ${networks} networks` : ''}`;
  auto.phase = 'final run';
  auto.secondsLeft = Math.max(0, (deadline - deps.now()) / 1000);
  emit(state);
  try {
    const result = await deps.runFinal(finalSpec, row.runId, signal, verdict);
    if (result.status === 'completed') state.bestRunId = row.runId;
    state.status = result.status === 'completed' ? 'completed' : result.status === 'cancelled' ? 'cancelled' : 'failed';
    if (result.error) row.note = `final run: ${result.error}`;
  } catch (err) {
    state.status = 'failed';
    row.note = `final run: ${err instanceof Error ? err.message : String(err)}`;
  }
  auto.phase = 'done';
  auto.secondsLeft = Math.max(0, (deadline - deps.now()) / 1000);
  emit(state);
}
