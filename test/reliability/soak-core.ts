/**
 * The soak: the app's whole training path (import, preparation, training, saving, reloading
 * and forecasting) repeated in one process, with the live tensor count and the process RSS
 * sampled after every cycle. After a warm-up the tensor count must not grow at all and the RSS
 * trend (a least-squares slope) must stay within a small tolerance. Used by `npm run soak`
 * (long) and by the unit suite (short).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { loadTf, type Tf } from '../../src-main/tensorflow/load-tf';
import { runExperiment } from '../../src-main/engine/run-experiment';
import { TrainControl } from '../../src-main/engine/training/train-control';
import { forecastFuture } from '../../src-main/model-use';
import { parseSpec, type ExperimentSpec } from '../../src-main/shared/spec';

export interface SoakSample {
  cycle: number;
  seconds: number;
  tensors: number;
  rssMb: number;
  heapMb: number;
}

export interface SoakReport {
  samples: SoakSample[];
  warmup: number;
  epochs: number;
  seconds: number;
  /** Tensor count at the end minus at the end of the warm-up (must be 0). */
  tensorGrowth: number;
  /** Highest tensor count seen after the warm-up minus the count at its end. */
  tensorPeakGrowth: number;
  /** Least-squares slope of RSS over cycles after the warm-up, in MB per 100 cycles. */
  rssSlopeMbPer100: number;
  /** The RSS growth that slope predicts over the measured cycles, in MB. */
  rssTrendMb: number;
  rssToleranceMb: number;
  ok: boolean;
  problems: string[];
}

export interface SoakOptions {
  /** Cycles to run at most. */
  cycles: number;
  /** Stop after this many seconds even if cycles remain (the full soak runs on time). */
  maxSeconds?: number;
  /** Cycles before measuring: backends cache kernels and buffers on first use. */
  warmup: number;
  /** Epochs per training run. */
  epochsPerRun: number;
  /** Allowed RSS growth over the measured cycles, by trend, in MB. */
  rssToleranceMb: number;
  /** Called after each cycle, e.g. to print progress. */
  onSample?: (s: SoakSample) => void;
  /** One cycle's work; defaults to a real train + forecast cycle. Tests pass a leaking one. */
  cycle?: (tf: Tf, index: number) => Promise<void>;
}

/** Least-squares slope of ys over xs. */
export function slope(xs: number[], ys: number[]): number {
  const n = xs.length;
  if (n < 2) return 0;
  const mx = xs.reduce((a, b) => a + b, 0) / n;
  const my = ys.reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (xs[i] - mx) * (ys[i] - my);
    den += (xs[i] - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}

/** A full collection between samples, so RSS reflects what is still reachable (Node has it behind a flag). */
function collector(): () => void {
  setFlagsFromString('--expose-gc');
  const gc = runInNewContext('gc') as (() => void) | undefined;
  return () => gc?.();
}

function nileSpec(file: string, epochs: number): ExperimentSpec {
  const parsed = parseSpec({
    name: 'Soak',
    data: { file, timeColumn: 'year', targetColumns: ['volume'], lookback: 8 },
    model: { layers: [{ units: 8 }] },
    training: { epochs, batchSize: 16, seed: 7, earlyStopping: { enabled: false } },
  });
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => p.message).join('; '));
  return parsed.spec;
}

/** One cycle of what a user does: train a small model, then forecast with it from its folder. */
export function trainAndForecastCycle(epochs: number): (tf: Tf, index: number) => Promise<void> {
  const spec = nileSpec(resolve('resources/samples/nile-yearly.csv'), epochs);
  return async (tf, index) => {
    const dir = await mkdtemp(join(tmpdir(), 'recurrent-soak-'));
    try {
      const outDir = join(dir, 'run');
      const result = await runExperiment(spec, {
        runId: `soak-${index}`,
        outDir,
        control: new TrainControl(),
        onProgress: () => undefined,
        onEpoch: () => undefined,
        log: () => undefined,
      });
      if (result.status !== 'completed') throw new Error(`Soak cycle ${index} did not complete: ${result.error}`);
      await forecastFuture(tf, outDir, { steps: 5, levels: [0.8] });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  };
}

/** Runs the soak and judges the trends. */
export async function runSoak(opts: SoakOptions): Promise<SoakReport> {
  const { tf } = await loadTf();
  const gc = collector();
  const cycle = opts.cycle ?? trainAndForecastCycle(opts.epochsPerRun);
  const samples: SoakSample[] = [];
  const started = Date.now();
  for (let i = 0; i < opts.cycles; i++) {
    await cycle(tf, i);
    gc();
    const mem = process.memoryUsage();
    const sample: SoakSample = {
      cycle: i + 1,
      seconds: (Date.now() - started) / 1000,
      tensors: tf.memory().numTensors,
      rssMb: mem.rss / 2 ** 20,
      heapMb: mem.heapUsed / 2 ** 20,
    };
    samples.push(sample);
    opts.onSample?.(sample);
    if (opts.maxSeconds !== undefined && sample.seconds >= opts.maxSeconds && i + 1 > opts.warmup + 2) break;
  }
  return judge(samples, opts);
}

function judge(samples: SoakSample[], opts: SoakOptions): SoakReport {
  const warmup = Math.min(opts.warmup, samples.length - 2);
  const measured = samples.slice(warmup);
  const base = samples[warmup - 1] ?? samples[0];
  const last = samples[samples.length - 1];
  const tensorGrowth = last.tensors - base.tensors;
  const tensorPeakGrowth = Math.max(...measured.map((s) => s.tensors)) - base.tensors;
  const rssSlope = slope(
    measured.map((s) => s.cycle),
    measured.map((s) => s.rssMb),
  );
  const span = measured.length > 1 ? measured[measured.length - 1].cycle - measured[0].cycle : 0;
  const rssTrendMb = rssSlope * span;
  const problems: string[] = [];
  if (tensorGrowth > 0 || tensorPeakGrowth > 0) {
    problems.push(`tensor count grew by ${tensorGrowth} (peak +${tensorPeakGrowth}) after the warm-up`);
  }
  if (rssTrendMb > opts.rssToleranceMb) {
    problems.push(`RSS trend +${rssTrendMb.toFixed(1)} MB over ${span} cycles exceeds ${opts.rssToleranceMb} MB`);
  }
  return {
    samples,
    warmup,
    epochs: samples.length * opts.epochsPerRun,
    seconds: last.seconds,
    tensorGrowth,
    tensorPeakGrowth,
    rssSlopeMbPer100: rssSlope * 100,
    rssTrendMb,
    rssToleranceMb: opts.rssToleranceMb,
    ok: problems.length === 0,
    problems,
  };
}

/** The trend table: about `rows` evenly spaced samples plus the summary lines. */
export function formatReport(report: SoakReport, rows = 12): string {
  const { samples } = report;
  const step = Math.max(1, Math.floor(samples.length / rows));
  const picked = samples.filter((_, i) => i % step === 0 || i === samples.length - 1);
  const lines = ['cycle   seconds   tensors   rss MB   heap MB'];
  for (const s of picked) {
    lines.push(
      `${String(s.cycle).padStart(5)} ${s.seconds.toFixed(1).padStart(9)} ${String(s.tensors).padStart(9)} ${s.rssMb.toFixed(1).padStart(8)} ${s.heapMb.toFixed(1).padStart(9)}`,
    );
  }
  const first = samples[report.warmup - 1] ?? samples[0];
  const last = samples[samples.length - 1];
  lines.push(
    `${samples.length} cycles (${report.warmup} warm-up), ${report.epochs} epochs, ${report.seconds.toFixed(0)} s`,
    `tensors after warm-up ${first.tensors} -> last ${last.tensors} (growth ${report.tensorGrowth}, peak +${report.tensorPeakGrowth})`,
    `RSS after warm-up ${first.rssMb.toFixed(1)} MB -> last ${last.rssMb.toFixed(1)} MB; slope ${report.rssSlopeMbPer100.toFixed(2)} MB/100 cycles, trend ${report.rssTrendMb.toFixed(1)} MB (tolerance ${report.rssToleranceMb} MB)`,
    report.ok ? 'verdict: OK' : `verdict: FAILED: ${report.problems.join('; ')}`,
  );
  return lines.join('\n');
}
