/**
 * The Python used to check exports against Keras and onnxruntime for Python. Uses the system
 * python3 when it already has keras, tensorflow and onnxruntime; otherwise prepares a virtual
 * environment in ~/.cache/recurrent-studio/py-keras once (a few minutes; pip reads the
 * machine's package index or mirror). CI can run it ahead of the tests:
 *   npx tsx test/export/python-keras.ts
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const KERAS_VENV = join(homedir(), '.cache', 'recurrent-studio', 'py-keras');
const READY = join(KERAS_VENV, '.ready-export-tests');
const PACKAGES = ['tensorflow-cpu==2.21.0', 'onnxruntime'];
const PROBE = 'import keras, tensorflow, onnxruntime';

function works(python: string): boolean {
  return spawnSync(python, ['-c', PROBE], { stdio: 'ignore', timeout: 120_000 }).status === 0;
}

/** Returns a Python with keras + tensorflow + onnxruntime, preparing the venv if needed; null without python3. */
export function ensureKerasPython(): string | null {
  const venvPython = join(KERAS_VENV, 'bin', 'python');
  if (existsSync(READY) && existsSync(venvPython)) return venvPython;
  if (spawnSync('python3', ['--version'], { stdio: 'ignore' }).status !== 0) return null;
  if (works('python3')) return 'python3';
  if (!existsSync(venvPython)) execFileSync('python3', ['-m', 'venv', KERAS_VENV], { stdio: 'inherit' });
  try {
    // No retries: an unreachable default index would otherwise be retried for every package.
    execFileSync(
      venvPython,
      ['-m', 'pip', 'install', '--disable-pip-version-check', '--retries', '0', '--timeout', '5', ...PACKAGES],
      {
        stdio: 'inherit',
        timeout: 30 * 60_000,
      },
    );
  } catch (err) {
    // A half-installed environment would be mistaken for a ready one next time.
    rmSync(KERAS_VENV, { recursive: true, force: true });
    throw err;
  }
  if (!works(venvPython))
    throw new Error(`The environment in ${KERAS_VENV} cannot import keras, tensorflow and onnxruntime.`);
  writeFileSync(READY, PACKAGES.join('\n'));
  return venvPython;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const python = ensureKerasPython();
  console.log(python ?? 'python3 is not installed: the Keras export checks will be skipped.');
}
