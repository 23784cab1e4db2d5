/**
 * `recurrent search --automatic --budget 2m`: the automatic search in-process. Candidates are
 * scored by training them before each stretch of rolling origins; the winner then trains as an
 * ordinary run into DIR/<searchId>-final/, and DIR/search.json holds the table and the verdict.
 */
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { runExperiment } from '../../experiment/run-experiment';
import { TrainControl } from '../../engine/training/train-control';
import { planAutomatic } from '../../search/automatic-plan';
import { duration } from '../../search/automatic-verdict';
import { SearchRunner } from '../../search/search-runner';
import { scoreOnStretches } from '../../search/stretch-score';
import { searchSeries } from '../../search/search-series';
import type { PreparedSeries } from '../../data/prepare/series';
import type { RunResult } from '../../shared/types';
import type { SearchState } from '../../shared/types-project';
import { messageOf } from '../../shared/error-message';
import { loadTf } from '../../tensorflow/load-tf';
import { usageError } from '../cli-errors';
import { EXIT, type CliIo } from '../io';
import { finishSearch } from './search-finish';
import { formatProgress } from './train-output';

/** Seconds in a budget written as "90", "90s", "2m", "1.5h". */
export function parseBudget(text: string): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(s|m|min|h)?\s*$/i.exec(text);
  if (!m) return null;
  const unit = (m[2] ?? 's').toLowerCase();
  const seconds = Number(m[1]) * (unit === 'h' ? 3600 : unit === 's' ? 1 : 60);
  return Number.isFinite(seconds) ? seconds : null;
}

/** Runs the automatic search for `spec` (already read) into `outDir`; returns the exit code. */
export async function runAutomaticSearch(
  spec: unknown,
  budgetText: string,
  outDir: string,
  json: boolean,
  io: CliIo,
): Promise<number> {
  const budget = parseBudget(budgetText);
  if (budget === null) {
    throw usageError(`--budget must be a duration such as 90s, 2m or 1h, not "${budgetText}".`);
  }
  await mkdir(outDir, { recursive: true });
  const loaded = await loadTf();
  let series: PreparedSeries | null = null;
  let finalRun: RunResult | null = null;
  let shown = '';
  const runner = new SearchRunner({
    runOne: () => Promise.reject(new Error('An automatic search has no plan of runs.')),
    automatic: {
      plan: async (s) => {
        series = await searchSeries(s);
        return planAutomatic(series, s);
      },
      now: () => Date.now(),
      score: (s, stretches, epochs, signal) => {
        const control = new TrainControl();
        signal.addEventListener('abort', () => control.cancel(), { once: true });
        return scoreOnStretches(loaded, series as PreparedSeries, s, stretches, epochs, control);
      },
      runFinal: (s, runId, signal, verdict) => {
        const control = new TrainControl();
        signal.addEventListener('abort', () => control.cancel(), { once: true });
        return runExperiment(s, {
          runId,
          outDir: path.join(outDir, runId),
          control,
          verdictNote: verdict,
          onProgress: (p) => {
            if (!json) io.err(`${runId} ${formatProgress(p)}`);
          },
          onEpoch: () => undefined,
          log: () => undefined,
        }).then((result) => (finalRun = result));
      },
    },
    onUpdate: (state) => {
      const line = progressLine(state);
      if (line === shown) return;
      shown = line;
      if (json) io.out(JSON.stringify({ type: 'progress', ...state.automatic }));
      else io.err(line);
    },
  });

  let started;
  try {
    started = await runner.startAutomatic(spec, budget);
  } catch (err) {
    throw usageError(messageOf(err));
  }
  const final = await finishSearch(runner, started, outDir, io, {
    json,
    cancelLine: 'Cancelling the automatic search…',
  });
  if (!json) io.out(summary(final, outDir, finalRun));
  return final.bestRunId ? EXIT.ok : EXIT.failed;
}

/** One line of live progress: phase, rung, candidates, best so far and time left. */
export function progressLine(state: SearchState): string {
  const a = state.automatic;
  if (!a) return '';
  const best = a.best
    ? `best so far ${a.best.label}, RMSE ${a.best.rmse.toPrecision(4)} (naive ${a.best.naiveRmse.toPrecision(4)}${a.best.seasonalRmse === null ? '' : `, seasonal naive ${a.best.seasonalRmse.toPrecision(4)}`})`
    : 'no candidate scored yet';
  if (a.phase !== 'searching') return `Automatic search: ${a.phase}; ${best}; ${duration(a.secondsLeft)} left.`;
  return `Automatic search: rung ${a.rung} of ${a.rungs} (${a.rungEpochs} epochs, ${a.rungStretches} stretch${a.rungStretches === 1 ? '' : 'es'}), ${a.doneInRung} of ${a.inRung} candidates; ${best}; ${duration(a.secondsLeft)} left.`;
}

function summary(state: SearchState, outDir: string, run: RunResult | null): string {
  const lines = [`Automatic search ${state.status}.`];
  if (state.verdict) lines.push(state.verdict);
  const ev = run?.evaluation;
  if (ev?.kind === 'forecast') {
    const seasonal = ev.baselines.seasonalNaive;
    lines.push(
      `Its final run on the test split: RMSE ${fig(ev.metrics.rmse)}, naive ${fig(ev.baselines.naive.rmse)}` +
        (seasonal ? `, seasonal naive ${fig(seasonal.rmse)}.` : '.'),
    );
  }
  if (state.bestRunId) lines.push(`The winner's run is ${path.join(outDir, state.bestRunId)}.`);
  lines.push(`search.json written to ${outDir}`);
  return lines.join('\n');
}

function fig(x: number): string {
  return Number(x.toPrecision(4)).toString();
}
