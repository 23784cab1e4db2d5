/**
 * Code before and after a change, A/B interleaved: two checkouts of the app (say, a `git
 * worktree` at the commit before the change, and this one) time the same workloads in processes
 * of their own (time-batches.ts), alternating which goes first in each pair, so that load from
 * other work on a shared machine falls on both alike. Reports each side's median milliseconds per
 * batch with the range over the pairs, and the median ratio after ÷ before with its range.
 *
 *   npx tsx test/bench/ab-trees.ts --before DIR [--after DIR] [--engines fused,studio]
 *       [--only lstm,simple-rnn] [--pairs 5] [--epochs 3]
 *
 * Both checkouts need their node_modules and the native kernels built (or the same addon
 * copied), and time-batches.ts (copy it into the older one when it predates the file).
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import path from 'node:path';
import { renderTable, type Column } from './table';
import { WORKLOADS } from './workloads';

interface Options {
  before: string;
  after: string;
  engines: string[];
  only: string[];
  pairs: number;
  epochs: number;
}

function parseArgs(argv: string[]): Options {
  const options: Options = {
    before: '',
    after: process.cwd(),
    engines: ['fused', 'studio'],
    only: WORKLOADS.map((w) => w.name),
    pairs: 5,
    epochs: 3,
  };
  for (let i = 0; i < argv.length; i += 2) {
    const [arg, value] = [argv[i], argv[i + 1]];
    if (value == null) throw new Error(`${arg} needs a value`);
    if (arg === '--before') options.before = path.resolve(value);
    else if (arg === '--after') options.after = path.resolve(value);
    else if (arg === '--engines') options.engines = value.split(',');
    else if (arg === '--only') options.only = value.split(',');
    else if (arg === '--pairs') options.pairs = Number(value);
    else if (arg === '--epochs') options.epochs = Number(value);
    else throw new Error(`unknown option ${arg}`);
  }
  if (!options.before) throw new Error('--before DIR is required');
  return options;
}

/** One timed process in checkout `dir`: its median milliseconds per batch. */
function timeIn(dir: string, engine: string, workload: string, epochs: number): number {
  const script = path.join(dir, 'test', 'bench', 'time-batches.ts');
  const run = spawnSync(process.execPath, ['--import', 'tsx', script, engine, workload, String(epochs)], {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, TF_CPP_MIN_LOG_LEVEL: '3' },
  });
  const line = run.stdout.trim().split('\n').pop() ?? '';
  if (run.status !== 0 || !line.startsWith('{')) {
    throw new Error(`${dir}: ${engine} ${workload} failed (${run.status}): ${run.stderr.slice(-2000)}`);
  }
  return (JSON.parse(line) as { msPerBatch: number }).msPerBatch;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** "2.31 (2.20–2.64)": the median and the range. */
function withRange(values: number[], digits: number): string {
  const f = (v: number) => v.toFixed(digits);
  return `${f(median(values))} (${f(Math.min(...values))}–${f(Math.max(...values))})`;
}

function main(): void {
  const o = parseArgs(process.argv.slice(2));
  const load = loadavg();
  const rows: string[][] = [];
  for (const workload of o.only) {
    for (const engine of o.engines) {
      const before: number[] = [];
      const after: number[] = [];
      const ratios: number[] = [];
      for (let p = 0; p < o.pairs; p++) {
        const order = p % 2 === 0 ? (['before', 'after'] as const) : (['after', 'before'] as const);
        const pair: Record<string, number> = {};
        for (const side of order)
          pair[side] = timeIn(side === 'before' ? o.before : o.after, engine, workload, o.epochs);
        before.push(pair.before);
        after.push(pair.after);
        ratios.push(pair.after / pair.before);
        process.stderr.write(
          `${workload} ${engine} pair ${p + 1}: ${pair.before.toFixed(3)} → ${pair.after.toFixed(3)} ms/batch\n`,
        );
      }
      rows.push([workload, engine, withRange(before, 2), withRange(after, 2), withRange(ratios, 2)]);
    }
  }
  const columns: Column[] = [
    { title: 'workload', align: 'left' },
    { title: 'engine', align: 'left' },
    { title: 'before, ms/batch', align: 'right' },
    { title: 'after, ms/batch', align: 'right' },
    { title: 'after ÷ before, per pair', align: 'right' },
  ];
  const fmt = (v: number[]) => v.map((x) => x.toFixed(1)).join(' / ');
  process.stdout.write(
    `${renderTable(columns, rows)}\n\n${o.pairs} interleaved pairs of processes per row (alternating which goes first); ` +
      `each process: a warm-up epoch, then the median of ${o.epochs} timed epochs. Medians (lowest–highest).\n` +
      `Machine load (1 / 5 / 15 min): ${fmt(load)} before, ${fmt(loadavg())} after.\n`,
  );
}

main();
