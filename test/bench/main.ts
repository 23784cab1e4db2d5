/**
 * Training speed of the recurrent engines: `npm run bench [-- options]`.
 *
 *   --only NAME[,NAME]  run only these workloads (lstm, gru, simple-rnn, bilstm, char-lstm)
 *   --engines LIST      subset of fused,tf-fused,studio,layers,cpu (default: all; fused = our
 *                       native kernels, tf-fused = the same layers on TensorFlow's fused ops,
 *                       studio = the app's training loop with norms and clipping, the others model.fit)
 *   --peers             also train in Keras and PyTorch (Python venv made once, then cached);
 *                       then the whole table again with every engine pinned to one thread count
 *   --threads N         pin every engine (TensorFlow, Keras, PyTorch) to N threads; our kernels
 *                       take N as their cap, as PyTorch does (1 or N per call, as timed faster)
 *   --quick             time fewer batches on the slow engines
 *   --skip-data         skip the data-preparation benchmark
 *   --skip-many-series  skip the 1,000-series global-model benchmark (test/bench/many-series-bench.ts)
 *   --ab                only our native kernels against TensorFlow's fused ops, A/B interleaved in
 *                       one process (test/bench/interleaved.ts); with --quick, 8 batches per repeat
 *   --project-open      only the main thread's longest block while a 48 MB project opens
 *                       (test/bench/project-open-bench.ts)
 *   --large-csv         only the large-file target: a generated 500 MB CSV trains in a fresh process
 *                       (first progress, peak memory against its numbers; test/bench/large-csv-bench.ts)
 *   --run-file          only the size and open time of run.json for 1M and 3M forecast steps, before
 *                       and after chart series were bounded (test/bench/run-file-bench.ts)
 *
 * Speeds are training samples per second after a warm-up: the median of REPEATS timed runs, with
 * ± half their range; the ratios are ours ÷ each engine (medians), for model.fit on our fused layers
 * (fused) and for the app's own training loop (app loop, what a run in the app uses).
 */
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, loadavg } from 'node:os';
import type * as tfTypes from '@tensorflow/tfjs';
import { applyAutomaticThreads } from '../../src-main/tensorflow/threads';
import { ensurePeerEnvironment, runPeer, type PeerName, type PeerResult } from './peers';
import { interleavedComparison, interleavedReport, type InterleavedResult } from './interleaved';
import { largeCsvBench } from './large-csv-bench';
import { projectOpenBench } from './project-open-bench';
import { runFileBench } from './run-file-bench';
import { REPEATS } from './repeats';
import { engineNotes, flopsTable, formatTiming } from './report';
import { formatRatio, renderTable, type Column } from './table';
import { runStudioLoop } from './studio-engine';
import { ENGINE_TITLES, runEngine, type EngineName, type EngineResult } from './tfjs-engines';
import { WORKLOADS, type Workload } from './workloads';

interface Options {
  only: string[] | null;
  engines: EngineName[];
  peers: boolean;
  threads: number | null;
  quick: boolean;
  skipData: boolean;
  skipManySeries: boolean;
  ab: boolean;
  largeCsv: boolean;
  projectOpen: boolean;
  runFile: boolean;
}

function parseArgs(argv: string[]): Options {
  const options: Options = {
    only: null,
    engines: ['fused', 'tf-fused', 'studio', 'layers', 'cpu'],
    peers: false,
    threads: null,
    quick: false,
    skipData: false,
    skipManySeries: false,
    ab: false,
    largeCsv: false,
    projectOpen: false,
    runFile: false,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      const next = argv[++i];
      if (next == null) throw new Error(`${arg} needs a value`);
      return next.split(',').map((s) => s.trim());
    };
    if (arg === '--only') options.only = value();
    else if (arg === '--engines') options.engines = value() as EngineName[];
    else if (arg === '--peers') options.peers = true;
    else if (arg === '--threads') {
      const n = Number(value()[0]);
      if (!Number.isInteger(n) || n < 1) throw new Error('--threads needs a positive whole number');
      options.threads = n;
    } else if (arg === '--quick') options.quick = true;
    else if (arg === '--skip-data') options.skipData = true;
    else if (arg === '--skip-many-series') options.skipManySeries = true;
    else if (arg === '--ab') options.ab = true;
    else if (arg === '--large-csv') options.largeCsv = true;
    else if (arg === '--project-open') options.projectOpen = true;
    else if (arg === '--run-file') options.runFile = true;
    else throw new Error(`unknown option ${arg}`);
  }
  for (const e of options.engines) if (!(e in ENGINE_TITLES)) throw new Error(`unknown engine ${e}`);
  const known = WORKLOADS.map((w) => w.name);
  for (const name of options.only ?? []) {
    if (!known.includes(name)) throw new Error(`unknown workload ${name} (known: ${known.join(', ')})`);
  }
  return options;
}

/** Timed epochs (fast engines) or batches (slow engines, extrapolated) per repeat. */
function budget(engine: EngineName, quick: boolean): { epochs: number; batches: number | null } {
  // The app loop reports one speed per epoch: each epoch is one repeat.
  if (engine === 'studio') return { epochs: REPEATS, batches: null };
  if (engine === 'layers') return { epochs: 1, batches: quick ? 6 : null };
  if (engine === 'cpu') return { epochs: 1, batches: quick ? 1 : 3 };
  return { epochs: 1, batches: null };
}

/** Epochs per timed run for Keras and PyTorch (fast, like the fused engine). */
const PEER_EPOCHS = 1;

const log = (line: string) => process.stderr.write(`${line}\n`);

/** The data-preparation benchmark's report, or null when that benchmark is not in this checkout. */
async function dataBenchReport(): Promise<string | null> {
  // Imported by URL so this file builds and runs whether or not data-bench.ts exists.
  const url = new URL('./data-bench.ts', import.meta.url);
  if (!existsSync(url)) return null;
  const module = (await import(url.href)) as { dataBench?: () => Promise<string> };
  return module.dataBench ? await module.dataBench() : null;
}

/** Pairs of interleaved repeats per workload in `--ab` (an even count: each engine goes first as often). */
const AB_PAIRS = 6;

/** The `--ab` comparison: our kernels against TensorFlow's fused ops, interleaved. */
async function runInterleaved(tf: typeof tfTypes, workloads: Workload[], quick: boolean): Promise<void> {
  const loadBefore = loadavg();
  const batches = quick ? 8 : null;
  const results: InterleavedResult[] = [];
  for (const w of workloads) {
    log(`${w.name}: native kernels and TensorFlow's fused ops, interleaved…`);
    results.push(await interleavedComparison(tf, w, AB_PAIRS, batches));
  }
  process.stdout.write(`\n${interleavedReport(tf, results, loadBefore, batches)}\n`);
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  if (options.largeCsv || options.projectOpen || options.runFile) {
    if (options.projectOpen) process.stdout.write(`${await projectOpenBench()}\n`);
    if (options.runFile) process.stdout.write(`${await runFileBench()}\n`);
    if (options.largeCsv) process.stdout.write(`${await largeCsvBench()}\n`);
    return;
  }
  if (options.threads) {
    // Read when TensorFlow and our kernels start, which is after this.
    for (const name of ['TF_NUM_INTRAOP_THREADS', 'TF_NUM_INTEROP_THREADS', 'RECURRENT_RNN_THREADS']) {
      process.env[name] = String(options.threads);
    }
  }
  // The app's own thread choice (unless set in the environment), as every engine in this process gets it.
  applyAutomaticThreads();
  const tf = createRequire(import.meta.url)('@tensorflow/tfjs-node') as typeof tfTypes;
  const workloads = WORKLOADS.filter((w) => !options.only || options.only.includes(w.name));
  if (options.ab) {
    await runInterleaved(tf, workloads, options.quick);
    return;
  }
  let peers: PeerName[] = options.peers ? ['keras', 'pytorch'] : [];
  let python = '';
  try {
    if (options.peers) python = ensurePeerEnvironment(log);
  } catch (error) {
    // Our own engines are still worth measuring when the Python side cannot be set up.
    log(`Keras / PyTorch skipped: ${(error as Error).message}`);
    peers = [];
  }

  const results = new Map<string, EngineResult | PeerResult | null>();
  const key = (w: Workload, engine: string) => `${w.name}/${engine}`;
  for (const w of workloads) {
    for (const engine of options.engines) {
      const { epochs, batches } = budget(engine, options.quick);
      log(`${w.name}: ${ENGINE_TITLES[engine]}…`);
      try {
        const result =
          engine === 'studio'
            ? await runStudioLoop(tf, w, epochs)
            : await runEngine(tf, engine, w, epochs, batches, REPEATS);
        results.set(key(w, engine), result);
      } catch (error) {
        log(`  failed: ${(error as Error).message}`);
        results.set(key(w, engine), null);
      }
    }
    for (const peer of peers) {
      log(`${w.name}: ${peer}…`);
      try {
        results.set(key(w, peer), runPeer(python, peer, w, PEER_EPOCHS, REPEATS, options.threads));
      } catch (error) {
        log(`  failed: ${(error as Error).message}`);
        results.set(key(w, peer), null);
      }
    }
  }
  await tf.setBackend('tensorflow');

  const speed = (w: Workload, engine: string) => results.get(key(w, engine))?.samplesPerSecond ?? null;
  const extrapolated = (w: Workload, engine: string) => {
    const r = results.get(key(w, engine));
    return r != null && 'extrapolated' in r && r.extrapolated;
  };
  const engineColumns = [
    ...options.engines.map((e) => ENGINE_TITLES[e]),
    ...peers.map((p) => (p === 'keras' ? 'Keras' : 'PyTorch')),
  ];
  const others = [...options.engines.filter((e) => e !== 'fused' && e !== 'studio'), ...peers];
  const timing = (w: Workload, engine: string) => {
    const r = results.get(key(w, engine));
    return r ? formatTiming(r, extrapolated(w, engine)) : '–';
  };
  // Ours two ways: model.fit on our fused layers, and the app's own training loop (what a run uses).
  const ours = (['fused', 'studio'] as const).filter((e) => options.engines.includes(e));
  const title = (e: string) => (e in ENGINE_TITLES ? ENGINE_TITLES[e as EngineName] : e);
  const columns: Column[] = [
    { title: 'workload (samples/s)', align: 'left' },
    ...engineColumns.map((title) => ({ title, align: 'right' as const })),
    ...ours.flatMap((mine) =>
      others.map((o) => ({
        title: `${mine === 'fused' ? 'fused' : 'app loop'} ÷ ${title(o)}`,
        align: 'right' as const,
      })),
    ),
  ];
  const rows = workloads.map((w) => [
    w.title,
    ...[...options.engines, ...peers].map((e) => timing(w, e)),
    ...ours.flatMap((mine) => others.map((o) => formatRatio(speed(w, mine), speed(w, o)))),
  ]);
  const threadLine = options.threads
    ? `Every engine pinned to ${options.threads} threads (TensorFlow intra- and inter-op, our kernels, Keras, PyTorch); our kernels, like PyTorch, take it as a cap and run small calls on fewer.`
    : `Each engine's default threads: TensorFlow per op ${process.env.TF_NUM_INTRAOP_THREADS} (the app's choice), our kernels at most ${process.env.RECURRENT_RNN_THREADS ?? 'every core'} per call, Keras and PyTorch their own.`;
  const notes = [
    `Training samples per second (Adam; MSE, or sparse cross-entropy for text), batch 64, after a warm-up: the median of ${REPEATS} timed runs ± half their range`,
    `(fused engines, tfjs-layers, Keras and PyTorch: ${PEER_EPOCHS} epoch per run; app loop: one run per epoch, with per-layer gradient norms and clipping by global norm).`,
    '* timed on fewer batches and extrapolated (per-batch cost does not depend on the epoch position).',
    `Machine: ${(await import('node:os')).cpus().length} cores. ${threadLine}`,
    ...engineNotes(tf, [...results.values()]),
  ];
  process.stdout.write(`\n${renderTable(columns, rows)}\n\n${notes.join('\n')}\n`);
  if (options.engines.includes('fused')) process.stdout.write(`\n${flopsTable(workloads, (w) => speed(w, 'fused'))}\n`);
  if (options.peers && !options.threads) {
    // The same comparison with every engine on the same thread count: a new process, because
    // TensorFlow reads its thread settings once, when it starts.
    const pinned = String(availableParallelism());
    process.stdout.write(`\nThe same, with every engine pinned to ${pinned} threads:\n`);
    const args = [...process.execArgv, process.argv[1], ...process.argv.slice(2), '--threads', pinned, '--skip-data'];
    spawnSync(process.execPath, args, { stdio: 'inherit' });
  }

  if (!options.skipData) {
    const report = await dataBenchReport();
    process.stdout.write(
      report ? `\n${report}\n` : '\n(data benchmark not available: test/bench/data-bench.ts missing)\n',
    );
  }
  if (!options.skipManySeries) {
    const { manySeriesBench } = await import('./many-series-bench');
    process.stdout.write(`\n${await manySeriesBench()}\n`);
  }
}

main().catch((error: unknown) => {
  log(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
