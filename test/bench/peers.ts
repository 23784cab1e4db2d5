/**
 * Keras and PyTorch on the same workloads, for comparison. They run in a Python virtual
 * environment made once (from the machine's package index) and cached between runs.
 */
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensurePythonVenv } from '../support/python-venv';
import { summarize, type Timing } from './repeats';
import type { Workload } from './workloads';

export type PeerName = 'keras' | 'pytorch';

export interface PeerResult extends Timing {
  batches: number;
  /** The framework's versions and the kernels it ran, as it reports them. */
  info: string;
}

const PACKAGES = ['tensorflow-cpu==2.21.0', 'keras', 'torch'];
const SCRIPT = join(dirname(fileURLToPath(import.meta.url)), 'peers.py');
/**
 * The environment as the bench found it, before the app's engine wrote its own automatic thread
 * count (engine/tf-threads.ts) into it: Keras and PyTorch run with their own defaults, as their
 * users get them, unless the person running the bench set the thread variables themselves.
 */
const STARTING_ENV = { ...process.env };

/** The venv's python, creating the venv on first use. */
export function ensurePeerEnvironment(log: (line: string) => void): string {
  return ensurePythonVenv('bench-venv', PACKAGES, log);
}

/**
 * Trains `workload` in one peer framework and returns the median and range of `repeats` timed runs
 * of `epochs` epochs (a warm-up epoch runs first and is not timed). `threads` null keeps the
 * framework's defaults; a number pins its threads.
 */
export function runPeer(
  python: string,
  peer: PeerName,
  workload: Workload,
  epochs: number,
  repeats: number,
  threads: number | null,
): PeerResult {
  const result = spawnSync(python, [SCRIPT, peer, JSON.stringify({ ...workload, epochs, repeats, threads })], {
    encoding: 'utf8',
    env: { ...STARTING_ENV, KERAS_BACKEND: 'tensorflow', TF_CPP_MIN_LOG_LEVEL: '2' },
    maxBuffer: 16 * 1024 * 1024,
  });
  const line = result.stdout
    .split('\n')
    .reverse()
    .find((l) => l.startsWith('{'));
  if (result.status !== 0 || !line) {
    throw new Error(`${peer} failed on ${workload.name}: ${result.stderr.trim().split('\n').slice(-3).join(' | ')}`);
  }
  const parsed = JSON.parse(line) as { rates: number[]; batches: number; info: string };
  return { ...summarize(parsed.rates), batches: parsed.batches, info: parsed.info };
}
