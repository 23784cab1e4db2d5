/**
 * How well the thread tuner chooses, measured on the machine as it is (busy or not): training
 * processes run each kind of kernel call alternately on 1 thread and on every thread, in pairs
 * (1 then all, all then 1, …), and record both times of every pair. Each way of choosing is then
 * replayed on those same pairs: it pays the time of the count it would have used for each call.
 * Load from other work falls on every way alike, which end-to-end timings on a shared machine
 * cannot promise.
 *
 *   npx tsx test/bench/tuner-replay.ts [--processes 6] [--epochs 3] [--engine fused|studio] [workload…]
 *
 * Ways: always 1 thread, always every thread, the app's tuner (thread-tuner.ts, fresh in each
 * process as in a training run), and the best count for every pair (no way can do better). The
 * report gives each one's kernel time per process relative to always every thread, and how often
 * the tuner chose 1 thread. A change to the tuner is judged by its column against the others.
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { nativeKernels } from '../../src-main/engine/model/kernels/native-kernels';
import { ThreadTuner } from '../../src-main/engine/model/kernels/thread-tuner';
import { loadTf } from '../../src-main/tensorflow/load-tf';
import { runStudioLoop } from './studio-engine';
import { renderTable, type Column } from './table';
import { buildModel, makeData } from './tfjs-engines';
import { WORKLOADS } from './workloads';

/** Per kind of call, its pairs of times in ms: [1 thread, every thread]. */
type Trace = Record<string, [number, number][]>;

/** The recording side, in a process of its own: trains and prints the trace as one JSON line. */
async function record(engine: string, name: string, epochs: number): Promise<void> {
  const w = WORKLOADS.find((x) => x.name === name);
  if (!w) throw new Error(`unknown workload ${name}`);
  const { tf } = await loadTf();
  await tf.setBackend('tensorflow');
  const kernels = nativeKernels();
  if (!kernels || kernels.threads < 2) throw new Error('needs the native kernels and 2 or more threads');
  const most = kernels.threads;
  const open = new Map<string, number[]>();
  const trace: Trace = {};
  // Stands in for the tuner: each kind's calls alternate, the order flipping from pair to pair.
  const alternating = {
    choose(kind: string): number {
      const pairs = trace[kind]?.length ?? 0;
      const started = open.get(kind)?.length ?? 0;
      const firstOne = pairs % 2 === 0;
      return (started === 0) === firstOne ? 1 : most;
    },
    record(kind: string, threads: number, ms: number): void {
      const pairs = trace[kind]?.length ?? 0;
      const times = open.get(kind) ?? [];
      times.push(ms);
      open.set(kind, times);
      if (times.length < 2) return;
      const [first, second] = times;
      const firstOne = pairs % 2 === 0;
      (trace[kind] ??= []).push(firstOne ? [first, second] : [second, first]);
      open.delete(kind);
      if (threads !== (firstOne ? most : 1)) throw new Error('calls of one kind overlapped');
    },
    chosen: () => null,
  };
  kernels.threadTuner = alternating as unknown as ThreadTuner;
  if (engine === 'studio') {
    await runStudioLoop(tf, w, epochs);
  } else {
    const model = buildModel(tf, 'fused', w);
    const { x, y } = makeData(tf, w, w.samples);
    for (let e = 0; e <= epochs; e++) {
      await model.fit(x, y, { batchSize: w.batchSize, epochs: 1, verbose: 0, shuffle: true });
    }
  }
  process.stdout.write(`${JSON.stringify(trace)}\n`);
}

interface Chooser {
  choose(kind: string, most: number): number;
  record(kind: string, threads: number, ms: number): void;
}

/** Total ms a chooser pays on a trace, and the share of calls it ran on 1 thread. */
function replay(trace: Trace, most: number, chooser: Chooser): { ms: number; calls: number; onOne: number } {
  let ms = 0;
  let calls = 0;
  let onOne = 0;
  // Kinds interleave in training, but each kind's choices depend only on its own calls.
  for (const [kind, pairs] of Object.entries(trace)) {
    for (const [one, all] of pairs) {
      const threads = chooser.choose(kind, most);
      const t = threads === 1 ? one : all;
      chooser.record(kind, threads, t);
      ms += t;
      calls++;
      if (threads === 1) onOne++;
    }
  }
  return { ms, calls, onOne };
}

function fixed(threads: number): Chooser {
  return { choose: (_kind, most) => (threads === 1 ? 1 : most), record: () => {} };
}

function main(): void {
  const argv = process.argv.slice(2);
  if (argv[0] === '--record') {
    void record(argv[1], argv[2], Number(argv[3]));
    return;
  }
  let processes = 6;
  let epochs = 3;
  let engine = 'fused';
  const names: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--processes') processes = Number(argv[++i]);
    else if (argv[i] === '--epochs') epochs = Number(argv[++i]);
    else if (argv[i] === '--engine') engine = argv[++i];
    else names.push(argv[i]);
  }
  const workloads = names.length > 0 ? names : ['lstm', 'gru', 'simple-rnn'];
  const most = nativeKernels()?.threads ?? 1;
  if (most < 2) throw new Error('needs the native kernels and 2 or more threads');
  const script = fileURLToPath(import.meta.url);
  const loadBefore = loadavg();
  const ways: [string, () => Chooser][] = [
    ['always 1 thread', () => fixed(1)],
    [`always ${most} threads`, () => fixed(most)],
    ["the app's tuner", () => new ThreadTuner()],
  ];
  const rows: string[][] = [];
  for (const name of workloads) {
    const traces: Trace[] = [];
    for (let p = 0; p < processes; p++) {
      const run = spawnSync(process.execPath, ['--import', 'tsx', script, '--record', engine, name, String(epochs)], {
        cwd: path.resolve(path.dirname(script), '..', '..'),
        encoding: 'utf8',
        env: { ...process.env, TF_CPP_MIN_LOG_LEVEL: '3' },
        maxBuffer: 64 * 1024 * 1024,
      });
      const line = run.stdout.trim().split('\n').pop() ?? '';
      if (run.status !== 0 || !line.startsWith('{')) throw new Error(`${name}: ${run.stderr.slice(-2000)}`);
      traces.push(JSON.parse(line) as Trace);
      process.stderr.write(`${name}: process ${p + 1} of ${processes} recorded\n`);
    }
    // Each process starts with fresh choices, as a training run does.
    const totals = ways.map(([, make]) => {
      const sum = { ms: 0, calls: 0, onOne: 0 };
      for (const trace of traces) {
        const r = replay(trace, most, make());
        sum.ms += r.ms;
        sum.calls += r.calls;
        sum.onOne += r.onOne;
      }
      return sum;
    });
    const best = traces.flatMap((t) => Object.values(t).flat()).reduce((a, [one, all]) => a + Math.min(one, all), 0);
    const base = totals[1].ms;
    const perProcess = (ms: number) => (ms / processes).toFixed(0);
    rows.push([
      name,
      ...totals.map((t) => `${perProcess(t.ms)} (${(t.ms / base).toFixed(3)})`),
      `${perProcess(best)} (${(best / base).toFixed(3)})`,
      `${((100 * totals[2].onOne) / totals[2].calls).toFixed(0)}%`,
    ]);
  }
  const columns: Column[] = [
    { title: 'workload', align: 'left' },
    ...ways.map(([title]) => ({ title, align: 'right' as const })),
    { title: 'best for every pair', align: 'right' },
    { title: "the tuner's calls on 1 thread", align: 'right' },
  ];
  const fmt = (v: number[]) => v.map((x) => x.toFixed(1)).join(' / ');
  process.stdout.write(
    `${renderTable(columns, rows)}\n\nKernel ms per process (÷ always ${most} threads), ${processes} ${engine} processes per ` +
      `workload, a warm-up and ${epochs} epochs each. Machine load (1 / 5 / 15 min): ${fmt(loadBefore)} before, ` +
      `${fmt(loadavg())} after.\n`,
  );
}

main();
