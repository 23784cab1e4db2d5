#!/usr/bin/env node
/**
 * Compiles every source of our native recurrent kernels with every warning GCC and Clang offer
 * in -Wall -Wextra turned into an error, with the optimiser on (some warnings only appear then),
 * for each instruction-set build. node-gyp's own build silences two of them (unused parameters,
 * maybe-uninitialized) and shows no output when it succeeds; this check keeps the sources clean.
 *
 * Usage: node src-main/native/check-rnn-kernel-warnings.mjs [--compiler g++|clang++] ...
 * (default: g++ and clang++, each where installed). Needs Eigen's headers in deps/eigen (set-up
 * puts them there) and Node's headers (NODE_INCLUDE_DIR, else beside the running node, else
 * /usr/include/node).
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createRequire } from 'node:module';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const addonDir = path.join(root, 'src-main', 'native', 'rnn-kernels');
const x86 = ['x64', 'ia32'].includes(process.arch);
const AVX2 = ['-mavx2', '-mfma', '-mf16c'];
/** Each source with the instruction-set flags binding.gyp gives it. */
const SOURCES = [
  ['addon.cc', []],
  ['arguments.cc', []],
  ['buffer_pool.cc', []],
  ['cpu_dispatch.cc', []],
  ['parallel.cc', []],
  ['sizes.cc', []],
  ['variant_generic.cc', []],
  ...(x86
    ? [
        ['variant_avx2.cc', AVX2],
        ['variant_avx512.cc', [...AVX2, '-mavx512f', '-mavx512vl', '-mavx512dq', '-mavx512bw']],
      ]
    : []),
];

function compilers() {
  const asked = [];
  const args = process.argv.slice(2);
  for (let i = 0; i < args.length; i++) if (args[i] === '--compiler') asked.push(args[++i]);
  const wanted = asked.length > 0 ? asked : ['g++', 'clang++'];
  return wanted.filter((c) => {
    const found = spawnSync(c, ['--version'], { encoding: 'utf8' }).status === 0;
    if (!found) process.stdout.write(`[warnings] ${c}: not installed, skipped\n`);
    return found || asked.length > 0;
  });
}

const besideNode = path.join(path.dirname(process.execPath), '..', 'include', 'node');
const nodeInclude =
  process.env.NODE_INCLUDE_DIR ??
  (fs.existsSync(path.join(besideNode, 'node_api.h')) ? besideNode : '/usr/include/node');
const napiInclude = createRequire(import.meta.url)('node-addon-api').include_dir;
const common = [
  '-std=c++17',
  '-O3',
  '-fPIC',
  '-fno-math-errno',
  '-Wall',
  '-Wextra',
  '-Werror',
  '-DNAPI_VERSION=8',
  '-DNAPI_DISABLE_CPP_EXCEPTIONS',
  '-DEIGEN_MPL2_ONLY',
  ...(x86 ? ['-DRNN_HAVE_X86_VARIANTS'] : []),
  `-I${napiInclude}`,
  `-I${nodeInclude}`,
  `-I${path.join(addonDir, 'deps', 'eigen')}`,
];

const out = fs.mkdtempSync(path.join(os.tmpdir(), 'rnn-warnings-'));
let failed = 0;
for (const compiler of compilers()) {
  for (const [file, flags] of SOURCES) {
    const object = path.join(out, `${compiler}-${file}.o`);
    // GCC 12's own AVX-512 header trips maybe-uninitialized (`__m512 __Y = __Y;` in
    // _mm512_undefined_ps, inlined into Eigen's packing); binding.gyp silences it for the same reason.
    const quiet = compiler.startsWith('g++') ? ['-Wno-maybe-uninitialized'] : [];
    const r = spawnSync(
      compiler,
      [...common, ...quiet, ...flags, '-c', path.join(addonDir, 'src', file), '-o', object],
      {
        encoding: 'utf8',
      },
    );
    const clean = r.status === 0 && !/warning:/.test(r.stderr);
    process.stdout.write(`[warnings] ${compiler} ${file}: ${clean ? 'clean' : 'WARNINGS OR ERRORS'}\n`);
    if (!clean) {
      failed++;
      process.stdout.write(r.stderr.split('\n').slice(0, 40).join('\n') + '\n');
    }
  }
}
fs.rmSync(out, { recursive: true, force: true });
process.exit(failed > 0 ? 1 : 0);
