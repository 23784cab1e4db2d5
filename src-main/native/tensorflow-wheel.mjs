/**
 * The TensorFlow CPU wheel that set-up works from: native TensorFlow's libraries come out of it
 * (provision-tensorflow.mjs), and so do the Eigen headers our recurrent kernels are built with
 * (build-rnn-kernels.mjs). Downloaded once with pip (a local package mirror works), then cached.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export const WHEEL_SPEC = 'tensorflow-cpu==2.21.0';
const WHEEL_NAME = /^tensorflow_cpu-.*\.whl$/;

/** Where set-up caches downloads between runs. */
export const cacheDir = path.join(process.env.XDG_CACHE_HOME || path.join(os.homedir(), '.cache'), 'recurrent-studio');

/**
 * The wheel's path: `given` (a --wheel flag or RECURRENT_TF_WHEEL) when set, else the cached
 * one, else one downloaded with pip now. Returns an error message instead when there is none.
 */
export function findWheel(given, log) {
  if (given) return fs.existsSync(given) ? { wheel: given } : { error: `wheel not found: ${given}` };
  const wheelDir = path.join(cacheDir, 'wheels');
  const cached = fs.existsSync(wheelDir) ? fs.readdirSync(wheelDir).find((f) => WHEEL_NAME.test(f)) : null;
  if (cached) return { wheel: path.join(wheelDir, cached) };
  log(`downloading ${WHEEL_SPEC} with pip into ${wheelDir} (about 275 MB) ...`);
  fs.mkdirSync(wheelDir, { recursive: true });
  // Elsewhere than Linux only the (platform-independent) headers are used: take the Linux wheel.
  const platform =
    process.platform === 'linux'
      ? []
      : ['--platform', 'manylinux_2_27_x86_64', '--python-version', '3.11', '--only-binary=:all:'];
  const r = spawnSync(
    'python3',
    ['-m', 'pip', 'download', '--no-deps', '--quiet', '--retries', '1', ...platform, WHEEL_SPEC, '-d', wheelDir],
    { stdio: 'inherit' },
  );
  const found = fs.readdirSync(wheelDir).find((f) => WHEEL_NAME.test(f));
  if (r.status !== 0 || !found) return { error: 'pip could not download the TensorFlow wheel' };
  return { wheel: path.join(wheelDir, found) };
}

/** The folder holding npm's own node-gyp (bin/), which builds native addons without a download. */
export function npmNodeGypBin() {
  return path.join(
    path.dirname(process.execPath),
    '..',
    'lib',
    'node_modules',
    'npm',
    'node_modules',
    'node-gyp',
    'bin',
  );
}
