#!/usr/bin/env node
/**
 * Provisions native TensorFlow for @tensorflow/tfjs-node without internet access.
 *
 * tfjs-node's own install script downloads libtensorflow and a prebuilt addon; on an
 * air-gapped machine both fail. This script instead takes the TensorFlow C library from
 * a TensorFlow CPU wheel (found with `pip download`, or given with --wheel) or from a
 * libtensorflow archive (--archive), lays it out where tfjs-node expects it, and builds
 * the addon from source with node-gyp.
 *
 * Usage: node src-main/native/provision-tensorflow.mjs [--wheel FILE.whl] [--archive FILE.tar.gz] [--force]
 * Environment: RECURRENT_TF_WHEEL, RECURRENT_LIBTENSORFLOW (same as the flags);
 * RECURRENT_REQUIRE_NATIVE=1 (as CI sets) makes a failure exit non-zero, like --strict.
 *
 * It never fails the install: when native TensorFlow cannot be provisioned it explains
 * why and the app runs on the pure-JS backend. Exit code 0 always, unless --strict.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { findWheel, npmNodeGypBin } from './tensorflow-wheel.mjs';

const TF_VERSION_FOR_TFJS = '2.9.1'; // the file names tfjs-node's installer checks for
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const pkgDir = path.join(root, 'node_modules', '@tensorflow', 'tfjs-node');
const args = process.argv.slice(2);
const flag = (name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const strict = args.includes('--strict') || process.env.RECURRENT_REQUIRE_NATIVE === '1';
const force = args.includes('--force');

function log(msg) {
  process.stdout.write(`[provision-tensorflow] ${msg}\n`);
}

function finish(ok, msg) {
  log(msg);
  if (!ok && strict) process.exit(1);
  process.exit(0);
}

/** Loads tfjs-node in a child process and reports the backend it selects. */
function probe() {
  const r = spawnSync(
    process.execPath,
    [
      '-e',
      "const tf=require('@tensorflow/tfjs-node');tf.ready().then(()=>{process.stdout.write('BACKEND='+tf.getBackend()+'\\n')})",
    ],
    { cwd: root, encoding: 'utf8', env: { ...process.env, TF_CPP_MIN_LOG_LEVEL: '2' } },
  );
  const m = /BACKEND=(\w+)/.exec(r.stdout ?? '');
  return { ok: m?.[1] === 'tensorflow', detail: (r.stderr ?? '').split('\n').slice(-5).join('\n') };
}

if (!fs.existsSync(path.join(pkgDir, 'package.json'))) {
  finish(
    false,
    '@tensorflow/tfjs-node is not installed; the app will use the pure-JS backend. Run `npm install` first.',
  );
}
if (!force && probe().ok) finish(true, 'native TensorFlow is ready (backend "tensorflow").');

const platform = `${process.platform}-${process.arch}`;
if (platform !== 'linux-x64') {
  finish(
    false,
    `offline provisioning is implemented for linux-x64; this is ${platform}. With internet access, ` +
      '`npm rebuild @tensorflow/tfjs-node` downloads the official build instead.',
  );
}

const depsDir = path.join(pkgDir, 'deps');
const libDir = path.join(depsDir, 'lib');
const incDir = path.join(depsDir, 'include');

function wheelOrFinish() {
  const found = findWheel(flag('--wheel') || process.env.RECURRENT_TF_WHEEL, log);
  if (found.error) finish(false, `${found.error}; pass --wheel FILE or --archive FILE.`);
  return found.wheel;
}

/** Extracts the two shared libraries and the C API headers from a wheel (a zip file). */
function fromWheel(wheel) {
  log(`extracting the TensorFlow C library from ${path.basename(wheel)}`);
  const script = `
import zipfile, sys, os
wheel, lib, inc = sys.argv[1:4]
prefixes = ['tensorflow/include/tensorflow/c/', 'tensorflow/include/xla/tsl/c/',
            'tensorflow/include/tsl/platform/ctstring', 'tensorflow/include/tensorflow/core/platform/ctstring',
            'tensorflow/include/tensorflow/tsl/']
libs = {'tensorflow/libtensorflow_cc.so.2': 'libtensorflow.so.${TF_VERSION_FOR_TFJS}',
        'tensorflow/libtensorflow_framework.so.2': 'libtensorflow_framework.so.${TF_VERSION_FOR_TFJS}'}
with zipfile.ZipFile(wheel) as z:
    for info in z.infolist():
        name = info.filename
        if name in libs:
            target = os.path.join(lib, libs[name])
        elif any(name.startswith(p) for p in prefixes) and not name.endswith('/'):
            target = os.path.join(inc, name[len('tensorflow/include/'):])
        else:
            continue
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with z.open(info) as src, open(target + '.part', 'wb') as dst:
            while True:
                chunk = src.read(1 << 20)
                if not chunk: break
                dst.write(chunk)
        os.replace(target + '.part', target)
`;
  const r = spawnSync('python3', ['-c', script, wheel, libDir, incDir], { stdio: 'inherit' });
  if (r.status !== 0) finish(false, 'could not extract the wheel (python3 with zipfile is needed).');
}

/** Unpacks an official libtensorflow-cpu archive (lib/ and include/ at its root). */
function fromArchive(archive) {
  log(`unpacking ${archive}`);
  const r = spawnSync('tar', ['-xzf', archive, '-C', depsDir], { stdio: 'inherit' });
  if (r.status !== 0) finish(false, `could not unpack ${archive}`);
}

function link(target, name) {
  const p = path.join(libDir, name);
  fs.rmSync(p, { force: true });
  fs.symlinkSync(target, p);
}

fs.rmSync(depsDir, { recursive: true, force: true });
fs.mkdirSync(libDir, { recursive: true });
fs.mkdirSync(incDir, { recursive: true });
const archive = flag('--archive') || process.env.RECURRENT_LIBTENSORFLOW;
if (archive) fromArchive(archive);
else fromWheel(wheelOrFinish());

if (!archive) {
  const cc = `libtensorflow.so.${TF_VERSION_FOR_TFJS}`;
  const fw = `libtensorflow_framework.so.${TF_VERSION_FOR_TFJS}`;
  for (const n of ['libtensorflow.so', 'libtensorflow.so.2', 'libtensorflow_cc.so.2']) link(cc, n);
  for (const n of ['libtensorflow_framework.so', 'libtensorflow_framework.so.2']) link(fw, n);
}

log('building the tfjs-node addon from source (node-gyp) ...');
const npmGypBin = npmNodeGypBin();
const env = {
  ...process.env,
  PATH: [path.join(root, 'node_modules', '.bin'), npmGypBin, process.env.PATH].join(path.delimiter),
  npm_config_nodedir: process.env.npm_config_nodedir || '/usr',
};
const built = spawnSync(process.execPath, ['scripts/install.js'], {
  cwd: pkgDir,
  env,
  stdio: 'pipe',
  encoding: 'utf8',
});
const addon = path.join(pkgDir, 'lib', 'napi-v8', 'tfjs_binding.node');
if (!fs.existsSync(addon)) {
  process.stdout.write((built.stdout ?? '') + (built.stderr ?? ''));
  finish(false, 'the addon build failed; the app will use the pure-JS backend.');
}
const check = probe();
if (check.ok) finish(true, 'native TensorFlow is ready (backend "tensorflow").');
finish(false, `the addon was built but does not load:\n${check.detail}`);
