#!/usr/bin/env node
/**
 * Builds our native recurrent kernels (src-main/native/rnn-kernels/) with node-gyp, as set-up
 * does for the tfjs-node addon. Eigen's headers come from the TensorFlow wheel set-up already
 * downloads (or from a system Eigen, e.g. Debian's libeigen3-dev).
 *
 * Usage: node src-main/native/build-rnn-kernels.mjs [--force] [--strict]
 * Skips the build when the addon is newer than its sources. Never fails set-up: without the
 * addon, training runs on TensorFlow's fused ops and the run log says so. RECURRENT_REQUIRE_NATIVE=1
 * (as CI sets) or --strict makes a failure exit non-zero.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findWheel, npmNodeGypBin } from './tensorflow-wheel.mjs';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const addonDir = path.join(root, 'src-main', 'native', 'rnn-kernels');
const eigenDir = path.join(addonDir, 'deps', 'eigen');
const addon = path.join(addonDir, 'build', 'Release', 'rnn_kernels.node');
const args = process.argv.slice(2);
const strict = args.includes('--strict') || process.env.RECURRENT_REQUIRE_NATIVE === '1';
const force = args.includes('--force');
/** System-wide Eigen installs, tried when the wheel is not at hand. */
const SYSTEM_EIGEN = ['/usr/include/eigen3', '/usr/local/include/eigen3', '/opt/homebrew/include/eigen3'];

function log(msg) {
  process.stdout.write(`[rnn-kernels] ${msg}\n`);
}

function finish(ok, msg) {
  log(msg);
  process.exit(!ok && strict ? 1 : 0);
}

/** True when the built addon is newer than every source file and the build description. */
function upToDate() {
  if (!fs.existsSync(addon)) return false;
  const built = fs.statSync(addon).mtimeMs;
  const sources = [
    path.join(addonDir, 'binding.gyp'),
    ...fs.readdirSync(path.join(addonDir, 'src')).map((f) => path.join(addonDir, 'src', f)),
  ];
  return sources.every((f) => fs.statSync(f).mtimeMs < built);
}

/** Loads the addon in a child process; returns the instruction set it runs, or null. */
function probe() {
  const r = spawnSync(
    process.execPath,
    ['-e', `process.stdout.write(require(${JSON.stringify(addon)}).info().instructionSet)`],
    {
      encoding: 'utf8',
    },
  );
  return r.status === 0 && r.stdout ? r.stdout : null;
}

/** Links deps/eigen to an Eigen install elsewhere. */
function linkEigen(dir) {
  log(`using Eigen's headers in ${dir}`);
  fs.mkdirSync(path.dirname(eigenDir), { recursive: true });
  fs.symlinkSync(dir, eigenDir, 'junction');
  return true;
}

/**
 * Puts Eigen's headers in deps/eigen: from RECURRENT_EIGEN_DIR when set, else the TensorFlow
 * wheel, else a system install.
 */
function provideEigen() {
  if (fs.existsSync(path.join(eigenDir, 'Eigen', 'Core'))) return true;
  fs.rmSync(eigenDir, { recursive: true, force: true });
  const given = process.env.RECURRENT_EIGEN_DIR;
  if (given && fs.existsSync(path.join(given, 'Eigen', 'Core'))) return linkEigen(given);
  const found = findWheel(process.env.RECURRENT_TF_WHEEL, log);
  if (found.wheel) {
    log(`extracting Eigen's headers from ${path.basename(found.wheel)}`);
    const script = `
import zipfile, sys, os
wheel, out = sys.argv[1:3]
prefix = 'tensorflow/include/Eigen/'
with zipfile.ZipFile(wheel) as z:
    for name in z.namelist():
        if name.startswith(prefix) and not name.endswith('/'):
            target = os.path.join(out, 'Eigen', name[len(prefix):])
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, 'wb') as dst:
                dst.write(z.read(name))
`;
    const r = spawnSync('python3', ['-c', script, found.wheel, eigenDir], { stdio: 'inherit' });
    if (r.status === 0 && fs.existsSync(path.join(eigenDir, 'Eigen', 'Core'))) return true;
  }
  const system = SYSTEM_EIGEN.find((dir) => fs.existsSync(path.join(dir, 'Eigen', 'Core')));
  return system ? linkEigen(system) : false;
}

if (!force && upToDate() && probe()) finish(true, `ready (${probe()} build in use on this CPU).`);
if (!provideEigen()) {
  finish(
    false,
    "Eigen's headers were not found (no TensorFlow wheel, no system Eigen); training uses TensorFlow's fused ops.",
  );
}
log('building with node-gyp (a few minutes) ...');
// npm sets npm_config_node_gyp when it runs this script; otherwise use npm's own copy.
const nodeGyp = process.env.npm_config_node_gyp || path.join(npmNodeGypBin(), 'node-gyp.js');
const built = spawnSync(process.execPath, [nodeGyp, 'rebuild', '--jobs', 'max'], {
  cwd: addonDir,
  env: {
    ...process.env,
    PATH: [path.join(root, 'node_modules', '.bin'), process.env.PATH].join(path.delimiter),
    // Node's own headers where a distribution installs them; elsewhere node-gyp fetches them.
    ...(!process.env.npm_config_nodedir && fs.existsSync('/usr/include/node/node.h')
      ? { npm_config_nodedir: '/usr' }
      : {}),
  },
  encoding: 'utf8',
});
if (built.status !== 0 || !fs.existsSync(addon)) {
  process.stdout.write(`${built.stdout ?? ''}${built.stderr ?? ''}`.split('\n').slice(-30).join('\n'));
  finish(false, "the build failed (a C++17 compiler and python3 are needed); training uses TensorFlow's fused ops.");
}
const isa = probe();
if (isa) finish(true, `ready (${isa} build in use on this CPU).`);
finish(false, "the addon was built but does not load; training uses TensorFlow's fused ops.");
