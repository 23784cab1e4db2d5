/**
 * Two builds of the native kernels side by side in one process, A/B interleaved, on the layer
 * calls of the bench's workloads (the char LSTM(256), both layers and directions of the 2-layer
 * BiLSTM(64), the reference LSTM(64) and the GRU(128), also with the reset after): forward with save, then backward, as one training step calls them. Each round times
 * a block of steps on A and on B, alternating which goes first, so a shared machine's load falls
 * on both alike; the report gives each build's median ms per step with its range, and the median
 * B ÷ A speed of the pairs with its range; the same for the CPU time the process spent (every
 * thread), which other work on a shared machine disturbs less than the wall time.
 *
 *   npx tsx test/bench/kernel-ab.ts A.node B.node [--rounds N] [--threads N] [--steps N] [--isa generic|avx2|avx512]
 *     [--only char,bilstm,bilstm-1,bilstm-2,lstm,gru,gru-after]
 *
 * Build A first, copy its rnn_kernels.node aside, change and rebuild, then compare.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { KernelProblem, RnnKernelsAddon } from '../../src-main/engine/model/kernels/native-kernels';
import { summarize } from './repeats';

interface LayerCall {
  problem: KernelProblem;
  /** Width of the joined output both directions write (bidirectional), else units. */
  outWidth: number;
}

interface Shape {
  name: string;
  calls: LayerCall[];
}

/** 0 LSTM, 1 GRU (reset before), 2 GRU (reset after): gate blocks and bias length per unit. */
const GATES = [4, 3, 3];
const BIAS = [4, 3, 6];

function layer(
  cell: number,
  steps: number,
  inputDim: number,
  units: number,
  lastOnly: boolean,
  bidirectional: boolean,
): LayerCall[] {
  const base: KernelProblem = {
    cell,
    activation: 0,
    recurrentActivation: 2,
    steps,
    batch: 64,
    inputDim,
    units,
    threads: 2,
    batchMajor: true,
    lastOnly,
    save: true,
  };
  if (!bidirectional) return [{ problem: base, outWidth: units }];
  return [0, 1].map((d) => ({
    problem: {
      ...base,
      reversed: d === 1,
      outWidth: 2 * units,
      outOffset: d * units,
      addInputGradient: d === 1,
    },
    outWidth: 2 * units,
  }));
}

const SHAPES: Shape[] = [
  { name: 'char', calls: layer(0, 100, 64, 256, true, false) },
  { name: 'bilstm', calls: [...layer(0, 50, 4, 64, false, true), ...layer(0, 50, 128, 64, true, true)] },
  { name: 'bilstm-1', calls: layer(0, 50, 4, 64, false, true) },
  { name: 'bilstm-2', calls: layer(0, 50, 128, 64, true, true) },
  { name: 'lstm', calls: layer(0, 50, 4, 64, true, false) },
  { name: 'gru', calls: layer(1, 100, 8, 128, true, false) },
  { name: 'gru-after', calls: layer(2, 100, 8, 128, true, false) },
];

interface Buffers {
  x: Float32Array;
  kernel: Float32Array;
  recurrent: Float32Array;
  bias: Float32Array;
  out: Float32Array;
  dy: Float32Array;
  dx: Float32Array;
  dkernel: Float32Array;
  drecurrent: Float32Array;
  dbias: Float32Array;
}

function random(n: number, scale: number, seed: number): Float32Array {
  const a = new Float32Array(n);
  let s = seed >>> 0;
  for (let i = 0; i < n; i++) {
    s = (s * 1664525 + 1013904223) >>> 0;
    a[i] = (s / 2 ** 32 - 0.5) * 2 * scale;
  }
  return a;
}

function buffers(call: LayerCall, seed: number): Buffers {
  const { cell, steps, batch, inputDim, units, lastOnly } = call.problem;
  const outRows = lastOnly ? batch : batch * steps;
  const g = GATES[cell] * units;
  return {
    x: random(steps * batch * inputDim, 1, seed),
    kernel: random(inputDim * g, 0.1, seed + 1),
    recurrent: random(units * g, 0.1, seed + 2),
    bias: random(BIAS[cell] * units, 0.1, seed + 3),
    out: new Float32Array(outRows * call.outWidth),
    dy: random(outRows * call.outWidth, 0.01, seed + 4),
    dx: new Float32Array(steps * batch * inputDim),
    dkernel: new Float32Array(inputDim * g),
    drecurrent: new Float32Array(units * g),
    dbias: new Float32Array(BIAS[cell] * units),
  };
}

interface Spent {
  forward: number;
  backward: number;
  /** CPU time of the whole process over a block (every thread), ms. */
  cpu?: number;
}

function step(addon: RnnKernelsAddon, calls: LayerCall[], data: Buffers[], spent: Spent): void {
  for (let i = 0; i < calls.length; i++) {
    const b = data[i];
    const start = performance.now();
    const saved = addon.forward(calls[i].problem, b.x, b.kernel, b.recurrent, b.bias, b.out);
    spent.forward += performance.now() - start;
    const back = performance.now();
    if (!saved) throw new Error('forward returned no handle');
    addon.backward(calls[i].problem, saved, b.kernel, b.recurrent, b.dy, b.dx, b.dkernel, b.drecurrent, b.dbias);
    spent.backward += performance.now() - back;
  }
}

function main(): void {
  const args = process.argv.slice(2);
  const files: string[] = [];
  let rounds = 10;
  let threads = 2;
  let only: string[] | null = null;
  let perBlock = 0;
  let isa = '';
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--rounds') rounds = Number(args[++i]);
    else if (args[i] === '--threads') threads = Number(args[++i]);
    else if (args[i] === '--only') only = args[++i].split(',');
    else if (args[i] === '--steps') perBlock = Number(args[++i]);
    else if (args[i] === '--isa') isa = args[++i];
    else files.push(args[i]);
  }
  if (files.length !== 2) throw new Error('usage: kernel-ab.ts A.node B.node [--rounds N] [--threads N]');
  const require = createRequire(import.meta.url);
  const addons = files.map((f) => require(path.resolve(f)) as RnnKernelsAddon);
  for (const addon of addons) console.log(`build in use: ${addon.useInstructionSet(isa)}`);
  for (const shape of SHAPES.filter((s) => !only || only.includes(s.name))) {
    const calls = shape.calls.map((c) => ({ ...c, problem: { ...c.problem, threads } }));
    const data = calls.map((c, i) => buffers(c, 17 + 10 * i));
    // The two directions of a bidirectional layer read one input and one output gradient, write
    // halves of one output, and the second adds its input gradient to the first's.
    data.forEach((b, i) => {
      if (!calls[i].problem.reversed) return;
      const first = data[i - 1];
      Object.assign(b, { x: first.x, out: first.out, dy: first.dy, dx: first.dx });
    });
    const steps = perBlock || (shape.name === 'char' ? 4 : shape.name.startsWith('gru') ? 8 : 20);
    const block = (k: number, spent: Spent): number => {
      const start = performance.now();
      const cpuStart = process.cpuUsage();
      for (let i = 0; i < steps; i++) step(addons[k], calls, data, spent);
      const cpu = process.cpuUsage(cpuStart);
      spent.cpu = (cpu.user + cpu.system) / 1000;
      return (performance.now() - start) / steps;
    };
    // The two builds' results on the same step, as the largest difference relative to the largest value.
    const results = [0, 1].map((k) => {
      step(addons[k], calls, data, { forward: 0, backward: 0 });
      return data.map((b) => [b.out, b.dx, b.dkernel, b.drecurrent, b.dbias].map((a) => Float32Array.from(a)));
    });
    let worst = 0;
    results[0].forEach((arrays, i) =>
      arrays.forEach((a, j) => {
        const b = results[1][i][j];
        let diff = 0;
        let size = 0;
        for (let e = 0; e < a.length; e++) {
          diff = Math.max(diff, Math.abs(a[e] - b[e]));
          size = Math.max(size, Math.abs(a[e]));
        }
        worst = Math.max(worst, diff / (size || 1));
      }),
    );
    console.log(`${shape.name}: largest relative difference between A and B ${worst.toExponential(2)}`);
    const warm = { forward: 0, backward: 0 };
    block(0, warm);
    block(1, warm);
    const ms: number[][] = [[], []];
    const fw: number[][] = [[], []];
    const bw: number[][] = [[], []];
    const cpu: number[][] = [[], []];
    const cpuRatios: number[] = [];
    const ratios: number[] = [];
    for (let r = 0; r < rounds; r++) {
      const order = r % 2 === 0 ? [0, 1] : [1, 0];
      const pair: number[] = [0, 0];
      for (const k of order) {
        const spent: Spent = { forward: 0, backward: 0 };
        pair[k] = block(k, spent);
        cpu[k].push((spent.cpu ?? 0) / steps);
        ms[k].push(pair[k]);
        fw[k].push(spent.forward / steps);
        bw[k].push(spent.backward / steps);
      }
      ratios.push(pair[0] / pair[1]);
      cpuRatios.push(cpu[0][r] / cpu[1][r]);
    }
    const med = (v: number[]) => summarize(v).samplesPerSecond;
    const range = (v: number[]) => `${Math.min(...v).toFixed(2)}–${Math.max(...v).toFixed(2)}`;
    console.log(`${shape.name}, ${threads} thread(s), ${rounds} pairs of ${steps} steps:`);
    for (const k of [0, 1]) {
      console.log(
        `  ${'AB'[k]} ${med(ms[k]).toFixed(2)} ms/step (${range(ms[k])}); forward ${med(fw[k]).toFixed(2)}, backward ${med(bw[k]).toFixed(2)}; CPU ${med(cpu[k]).toFixed(2)} ms/step (${range(cpu[k])})`,
      );
    }
    console.log(`  B ÷ A speed: ${med(ratios).toFixed(3)} (${range(ratios)})`);
    console.log(`  A ÷ B CPU time: ${med(cpuRatios).toFixed(3)} (${range(cpuRatios)})`);
  }
}

main();
