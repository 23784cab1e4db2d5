/**
 * What one training batch does outside our kernels: every TensorFlow op tfjs-node runs (counted
 * and timed by name, through the backend's binding), the tensors it creates from JavaScript
 * arrays, the values it reads back, and our addon's forward and backward calls; what is left is
 * JavaScript (layers, gradient tape, optimizer bookkeeping, garbage collection).
 *
 *   npx tsx test/bench/profile-batch-ops.ts [--engines fused,studio] [--top N] [workload…]
 *
 * `fused` is model.fit on the fused layers with the app's Adam; `studio` is the app's own training
 * loop (per-batch loss, gradient norms, clipping). Counts are per batch over the timed epochs.
 */
import type * as tfTypes from '@tensorflow/tfjs';
import { loadTf, type Tf } from '../../src-main/tensorflow/load-tf';
import { nativeKernels } from '../../src-main/engine/model/kernels/native-kernels';
import { runStudioLoop } from './studio-engine';
import { buildModel, makeData } from './tfjs-engines';
import { WORKLOADS, type Workload } from './workloads';

interface Binding {
  executeOp(name: string, attrs: unknown, inputs: number[], outputs: number): unknown;
  createTensor(shape: number[], dtype: number, values: unknown): number;
  tensorDataSync(id: number): unknown;
  deleteTensor(id: number): void;
}

interface Tally {
  calls: number;
  ms: number;
}

class Recorder {
  readonly ops = new Map<string, Tally>();
  readonly other = new Map<string, Tally>();
  on = false;

  reset(): void {
    this.ops.clear();
    this.other.clear();
  }

  add(map: Map<string, Tally>, name: string, ms: number): void {
    if (!this.on) return;
    const t = map.get(name) ?? { calls: 0, ms: 0 };
    t.calls += 1;
    t.ms += ms;
    map.set(name, t);
  }

  /** Replaces `object[key]` with a timed copy that records under `name(args)`. */
  wrap<O extends object>(object: O, key: keyof O, map: Map<string, Tally>, name: (args: unknown[]) => string): void {
    const original = (object[key] as (...args: unknown[]) => unknown).bind(object);
    // The binding's own properties are read-only: define over them on the object given.
    Object.defineProperty(object, key, {
      configurable: true,
      writable: true,
      value: (...args: unknown[]) => {
        const start = performance.now();
        try {
          return original(...args);
        } finally {
          this.add(map, name(args), performance.now() - start);
        }
      },
    });
  }
}

function sum(map: Map<string, Tally>): Tally {
  let calls = 0;
  let ms = 0;
  for (const t of map.values()) {
    calls += t.calls;
    ms += t.ms;
  }
  return { calls, ms };
}

function report(label: string, rec: Recorder, wallMs: number, batches: number, top: number): void {
  const per = (v: number) => (v / batches).toFixed(3);
  const ops = sum(rec.ops);
  const other = sum(rec.other);
  const addon = ['addon forward', 'addon backward'].map((n) => rec.other.get(n)?.ms ?? 0).reduce((a, b) => a + b, 0);
  const boundary = other.ms - addon;
  const js = wallMs - ops.ms - other.ms;
  console.log(
    `\n${label}: ${per(wallMs)} ms/batch = addon ${per(addon)} + TF ops ${per(ops.ms)} (${(ops.calls / batches).toFixed(1)} ops) ` +
      `+ tensors in/out ${per(boundary)} + JavaScript ${per(js)}`,
  );
  const rows = [...rec.ops.entries()].sort((a, b) => b[1].ms - a[1].ms).slice(0, top);
  for (const [name, t] of rows) {
    console.log(
      `  op ${name.padEnd(28)} ${(t.calls / batches).toFixed(1).padStart(6)}/batch ${per(t.ms).padStart(7)} ms`,
    );
  }
  for (const [name, t] of [...rec.other.entries()].sort((a, b) => b[1].ms - a[1].ms)) {
    console.log(`  ${name.padEnd(31)} ${(t.calls / batches).toFixed(1).padStart(6)}/batch ${per(t.ms).padStart(7)} ms`);
  }
}

async function profileFit(tf: Tf, rec: Recorder, w: Workload, top: number): Promise<void> {
  const model = buildModel(tf, 'fused', w);
  const { x, y } = makeData(tf, w, w.samples);
  const fit = () => model.fit(x, y, { batchSize: w.batchSize, epochs: 1, verbose: 0, shuffle: true });
  try {
    await fit();
    await fit();
    const batches = 3 * Math.ceil(w.samples / w.batchSize);
    rec.reset();
    rec.on = true;
    const start = performance.now();
    for (let i = 0; i < 3; i++) await fit();
    const wall = performance.now() - start;
    rec.on = false;
    report(`${w.name} fused (model.fit)`, rec, wall, batches, top);
  } finally {
    model.dispose();
    tf.dispose([x, y]);
  }
}

/** The counts and times of `run`, recorded afresh. */
async function recorded(rec: Recorder, run: () => Promise<unknown>): Promise<{ rec: Recorder; wall: number }> {
  const snapshot = new Recorder();
  rec.reset();
  rec.on = true;
  const start = performance.now();
  await run();
  const wall = performance.now() - start;
  rec.on = false;
  for (const [from, to] of [
    [rec.ops, snapshot.ops],
    [rec.other, snapshot.other],
  ] as const) {
    for (const [name, t] of from) to.set(name, { ...t });
  }
  return { rec: snapshot, wall };
}

async function profileStudio(tf: Tf, rec: Recorder, w: Workload, top: number): Promise<void> {
  await runStudioLoop(tf, w, 1);
  // The loop builds its model and trains a warm-up epoch first: a run of 1 timed epoch taken
  // from a run of 3 leaves 2 epochs of steady training.
  const short = await recorded(rec, () => runStudioLoop(tf, w, 1));
  const long = await recorded(rec, () => runStudioLoop(tf, w, 3));
  for (const [from, to] of [
    [short.rec.ops, long.rec.ops],
    [short.rec.other, long.rec.other],
  ] as const) {
    for (const [name, t] of from) {
      const kept = to.get(name) ?? { calls: 0, ms: 0 };
      to.set(name, { calls: kept.calls - t.calls, ms: kept.ms - t.ms });
    }
  }
  report(`${w.name} studio (app loop)`, long.rec, long.wall - short.wall, 2 * Math.ceil(w.samples / w.batchSize), top);
}

async function main(): Promise<void> {
  const args = process.argv.slice(2);
  let engines = ['fused', 'studio'];
  let top = 25;
  const names: string[] = [];
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--engines') engines = args[++i].split(',');
    else if (args[i] === '--top') top = Number(args[++i]);
    else names.push(args[i]);
  }
  const { tf } = await loadTf();
  await tf.setBackend('tensorflow');
  const kernels = nativeKernels();
  if (!kernels) throw new Error('native kernels not built');
  const rec = new Recorder();
  const backend = tf.backend() as unknown as { binding: Binding };
  // The native binding cannot be changed: the backend gets an object that inherits from it.
  const binding = Object.create(backend.binding) as Binding;
  backend.binding = binding;
  rec.wrap(binding, 'executeOp', rec.ops, (a) => String(a[0]));
  rec.wrap(binding, 'createTensor', rec.other, () => 'tensor from JS array');
  rec.wrap(binding, 'tensorDataSync', rec.other, () => 'read values (dataSync)');
  rec.wrap(binding, 'deleteTensor', rec.other, () => 'delete tensor');
  rec.wrap(kernels.addon, 'forward', rec.other, () => 'addon forward');
  rec.wrap(kernels.addon, 'backward', rec.other, () => 'addon backward');
  for (const w of WORKLOADS.filter((w) => names.length === 0 || names.includes(w.name))) {
    if (engines.includes('fused')) await profileFit(tf, rec, w, top);
    if (engines.includes('studio')) await profileStudio(tf, rec, w, top);
  }
  void (tf as unknown as { memory(): tfTypes.MemoryInfo }).memory();
}

void main();
