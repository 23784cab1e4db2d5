/**
 * The Python used to check exports against Keras and onnxruntime for Python. Uses the system
 * python3 when it already has keras, tensorflow and onnxruntime; otherwise prepares a virtual
 * environment in ~/.cache/recurrent-studio/py-keras once (a few minutes; pip reads the
 * machine's package index or mirror). The Ray Tune search of a training project gets its own
 * environment (py-ray: TensorFlow and Ray), so the export tests never wait for Ray. CI can
 * prepare both ahead of the tests:
 *   npx tsx test/export/python-keras.ts --ray
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const KERAS_VENV = join(homedir(), '.cache', 'recurrent-studio', 'py-keras');
export const RAY_VENV = join(homedir(), '.cache', 'recurrent-studio', 'py-ray');

interface PythonEnv {
  venv: string;
  /** The file that marks a complete environment. */
  marker: string;
  packages: string[];
  /** Python code that imports what the tests need. */
  probe: string;
}

const KERAS_ENV: PythonEnv = {
  venv: KERAS_VENV,
  marker: '.ready-export-tests',
  packages: ['tensorflow-cpu==2.21.0', 'onnxruntime'],
  probe: 'import keras, tensorflow, onnxruntime',
};

const RAY_ENV: PythonEnv = {
  venv: RAY_VENV,
  marker: '.ready-ray-tests',
  packages: ['tensorflow-cpu==2.21.0', 'ray[tune]'],
  probe: 'import keras, tensorflow, ray.tune',
};

function works(python: string, probe: string): boolean {
  return spawnSync(python, ['-c', probe], { stdio: 'ignore', timeout: 120_000 }).status === 0;
}

/** A Python that passes the environment's probe, preparing its venv if needed; null without python3. */
function ensurePython(env: PythonEnv): string | null {
  const venvPython = join(env.venv, 'bin', 'python');
  const ready = join(env.venv, env.marker);
  if (existsSync(ready) && existsSync(venvPython)) return venvPython;
  if (spawnSync('python3', ['--version'], { stdio: 'ignore' }).status !== 0) return null;
  if (works('python3', env.probe)) return 'python3';
  if (!existsSync(venvPython)) execFileSync('python3', ['-m', 'venv', env.venv], { stdio: 'inherit' });
  try {
    // No retries: an unreachable default index would otherwise be retried for every package.
    execFileSync(
      venvPython,
      ['-m', 'pip', 'install', '--disable-pip-version-check', '--retries', '0', '--timeout', '5', ...env.packages],
      {
        stdio: 'inherit',
        timeout: 30 * 60_000,
      },
    );
  } catch (err) {
    // A half-installed environment would be mistaken for a ready one next time.
    rmSync(env.venv, { recursive: true, force: true });
    throw err;
  }
  if (!works(venvPython, env.probe)) throw new Error(`The environment in ${env.venv} fails: ${env.probe}.`);
  writeFileSync(ready, env.packages.join('\n'));
  return venvPython;
}

/** Returns a Python with keras + tensorflow + onnxruntime, preparing the venv if needed; null without python3. */
export function ensureKerasPython(): string | null {
  return ensurePython(KERAS_ENV);
}

/** Returns a Python with keras + tensorflow + Ray Tune, preparing the venv if needed; null without python3. */
export function ensureRayPython(): string | null {
  return ensurePython(RAY_ENV);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const python = ensureKerasPython();
  console.log(python ?? 'python3 is not installed: the Keras export checks will be skipped.');
  if (process.argv.includes('--ray')) console.log(ensureRayPython() ?? 'python3 is not installed.');
}
