/**
 * Python virtual environments for the measurements that compare with Python peers (the speed
 * bench's Keras and PyTorch, the quality suite's statsmodels): made once from the machine's
 * package index under ~/.cache/recurrent-studio/ and reused while their package list is the same.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Folder of the cached environments and other cached measurement results. */
export const MEASUREMENT_CACHE = join(homedir(), '.cache', 'recurrent-studio');

function run(command: string, args: string[]): void {
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (exit ${result.status})`);
}

/** The python of the environment `name` holding `packages`, creating it on first use. */
export function ensurePythonVenv(name: string, packages: string[], log: (line: string) => void): string {
  const venv = join(MEASUREMENT_CACHE, name);
  const python = join(venv, 'bin', 'python');
  const ready = join(venv, '.ready');
  const wanted = `${packages.join(' ')}\n`;
  if (existsSync(ready) && existsSync(python) && readFileSync(ready, 'utf8') === wanted) return python;
  log(`Creating the Python environment with ${packages.join(', ')} in ${venv} (once)…`);
  run('python3', ['-m', 'venv', venv]);
  // No retries and a short timeout: offline, the default index fails at once and pip uses the local one.
  run(python, ['-m', 'pip', 'install', '--quiet', '--retries', '0', '--timeout', '5', ...packages]);
  writeFileSync(ready, wanted);
  return python;
}
