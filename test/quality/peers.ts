/**
 * Statistical peers on the suite's own splits (`npm run quality -- --peers`): ETS and seasonal
 * ARIMA from statsmodels, run by peers.py in a Python virtual environment made once from the
 * machine's package index and cached between runs. Their results are cached too, keyed by the
 * series, the split and the script, since they never change for the same input.
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { MEASUREMENT_CACHE, ensurePythonVenv } from '../support/python-venv';
import type { QualityResult } from './run-case';

/** One peer's one-step test RMSE and the model form its AIC search chose. */
export interface PeerScore {
  rmse: number;
  form: string;
}

export interface PeerScores {
  ets: PeerScore | null;
  arima: PeerScore | null;
}

const RESULTS = join(MEASUREMENT_CACHE, 'quality-peers');
const SCRIPT = join(import.meta.dirname, 'peers.py');

/** The venv's python, creating the venv on first use. */
export function ensurePeerEnvironment(log: (line: string) => void): string {
  return ensurePythonVenv('quality-venv', ['statsmodels'], log);
}

/**
 * ETS and ARIMA fitted before the test part of `r` (or, with `fitEnd`, on the values before it:
 * the training part alone is what the defaults choose with) and scored one step ahead on its test
 * steps.
 */
export function peerScores(python: string, r: QualityResult, fitEnd = r.evaluation.series.testStart): PeerScores {
  const job = JSON.stringify({
    values: Array.from(r.values),
    testStart: fitEnd,
    testIndices: Array.from(r.testOrigins),
    period: r.period,
  });
  const key = createHash('sha256').update(readFileSync(SCRIPT)).update(job).digest('hex').slice(0, 24);
  const cached = join(RESULTS, `${key}.json`);
  if (existsSync(cached)) return JSON.parse(readFileSync(cached, 'utf8')) as PeerScores;
  const result = spawnSync(python, [SCRIPT], { input: job, encoding: 'utf8', maxBuffer: 16 * 1024 * 1024 });
  const line = result.stdout
    .split('\n')
    .reverse()
    .find((l) => l.startsWith('{'));
  if (result.status !== 0 || !line) {
    throw new Error(
      `The statistical peers failed on ${r.case.name}: ${result.stderr.trim().split('\n').slice(-3).join(' | ')}`,
    );
  }
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(cached, line);
  return JSON.parse(line) as PeerScores;
}

/** The better of the two peers' RMSE, or null when neither could be fitted. */
export function bestPeer(p: PeerScores): number | null {
  const scores = [p.ets?.rmse, p.arima?.rmse].filter((x): x is number => x !== undefined && Number.isFinite(x));
  return scores.length ? Math.min(...scores) : null;
}
