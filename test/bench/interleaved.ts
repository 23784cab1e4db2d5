/**
 * Our native kernels against TensorFlow's fused ops, A/B interleaved in one process: the same
 * workload, model and data, the two engines' repeats alternating (A B, B A, A B, …) so that a
 * shared machine's load falls on both alike. Each pair of neighbouring repeats gives one ratio;
 * the report shows each engine's median with its spread and the median ratio with its range.
 */
import { cpus, loadavg } from 'node:os';
import type * as tfTypes from '@tensorflow/tfjs';
import type { Tf } from '../../src-main/tensorflow/load-tf';
import { useNativeKernelsEverywhere } from '../../src-main/engine/model/kernels/kernel-policy';
import {
  describeKernelThreads,
  nativeKernels,
  switchNativeKernels,
} from '../../src-main/engine/model/kernels/native-kernels';
import { summarize, type Timing } from './repeats';
import { formatTiming } from './report';
import { renderTable, type Column } from './table';
import { buildModel, makeData } from './tfjs-engines';
import type { Workload } from './workloads';

/** One workload's interleaved comparison. */
export interface InterleavedResult {
  workload: Workload;
  native: Timing;
  tensorflow: Timing;
  /** Native ÷ TensorFlow speed of each neighbouring pair of repeats. */
  ratios: Timing;
}

interface Engine {
  native: boolean;
  model: tfTypes.LayersModel;
}

/** Samples per second of one epoch over `x` on `engine`, its kernels switched in for that epoch. */
async function timeEpoch(engine: Engine, x: tfTypes.Tensor, y: tfTypes.Tensor, batchSize: number): Promise<number> {
  switchNativeKernels(engine.native);
  // Ours on every layer, not only where they were measured faster: this is that measurement.
  useNativeKernelsEverywhere(engine.native);
  try {
    const start = performance.now();
    await engine.model.fit(x, y, { epochs: 1, batchSize, shuffle: true, verbose: 0 });
    return x.shape[0] / ((performance.now() - start) / 1000);
  } finally {
    switchNativeKernels(true);
    useNativeKernelsEverywhere(false);
  }
}

/**
 * Times `w` on both engines, `repeats` epochs each, alternating which goes first in each pair.
 * With `batches` set, each repeat trains on that many batches instead of the whole data set.
 */
export async function interleavedComparison(
  tf: Tf,
  w: Workload,
  repeats: number,
  batches: number | null,
): Promise<InterleavedResult> {
  await tf.setBackend('tensorflow');
  if (!nativeKernels()) throw new Error('our native kernels are not loaded: nothing to compare');
  const samples = batches == null ? w.samples : Math.min(w.samples, batches * w.batchSize);
  const { x, y } = makeData(tf, w, samples);
  // The fused layers pick their kernels at every call, so each model runs on whichever is switched in.
  const native: Engine = { native: true, model: buildModel(tf, 'fused', w) };
  const tensorflow: Engine = { native: false, model: buildModel(tf, 'fused', w) };
  try {
    for (const engine of [native, tensorflow]) await timeEpoch(engine, x, y, w.batchSize); // warm-up
    const speeds = { native: [] as number[], tensorflow: [] as number[] };
    const ratios: number[] = [];
    for (let r = 0; r < repeats; r++) {
      const order = r % 2 === 0 ? [native, tensorflow] : [tensorflow, native];
      const pair = new Map<Engine, number>();
      for (const engine of order) pair.set(engine, await timeEpoch(engine, x, y, w.batchSize));
      speeds.native.push(pair.get(native) ?? 0);
      speeds.tensorflow.push(pair.get(tensorflow) ?? 0);
      ratios.push((pair.get(native) ?? 0) / (pair.get(tensorflow) ?? 1));
    }
    return {
      workload: w,
      native: summarize(speeds.native),
      tensorflow: summarize(speeds.tensorflow),
      ratios: summarize(ratios),
    };
  } finally {
    tf.dispose([x, y]);
    native.model.dispose();
    tensorflow.model.dispose();
  }
}

/** "1.23× (1.10–1.31)": the median ratio and the range over the pairs. */
export function formatRatioRange(ratios: Timing): string {
  const [low, high] = ratios.spread;
  return `${ratios.samplesPerSecond.toFixed(2)}× (${low.toFixed(2)}–${high.toFixed(2)})`;
}

/** The table and the conditions it was measured under (threads, versions, machine load). */
export function interleavedReport(
  tf: Tf,
  results: InterleavedResult[],
  loadBefore: number[],
  batches: number | null,
): string {
  const columns: Column[] = [
    { title: 'workload (samples/s)', align: 'left' },
    { title: 'native kernels', align: 'right' },
    { title: 'TF fused ops', align: 'right' },
    { title: 'native ÷ TF, per pair', align: 'right' },
  ];
  const rows = results.map((r) => [
    r.workload.title,
    formatTiming(r.native, false),
    formatTiming(r.tensorflow, false),
    formatRatioRange(r.ratios),
  ]);
  const kernels = nativeKernels();
  const backend = tf.backend() as unknown as { binding?: { TF_Version?: string } };
  const repeats = results[0]?.ratios.repeats ?? 0;
  const load = (values: number[]) => values.map((v) => v.toFixed(1)).join(' / ');
  return [
    renderTable(columns, rows),
    '',
    `A/B interleaved in one process: ${repeats} pairs per workload, alternating which engine goes first; ` +
      `each repeat ${batches == null ? 'one epoch' : `${batches} batches`} of training (batch 64, Adam) after a warm-up. ` +
      'Speeds: median ± half the range; ratio: median of the pairs (lowest–highest).',
    `Same process, same thread settings both ways: TensorFlow intra-op ${process.env.TF_NUM_INTRAOP_THREADS ?? 'default'}, ` +
      `inter-op ${process.env.TF_NUM_INTEROP_THREADS ?? 'default'}; our kernels ${kernels ? describeKernelThreads(kernels) : '–'}.`,
    `tfjs ${tf.version.tfjs} on TensorFlow ${backend.binding?.TF_Version ?? '(version not reported)'}; our kernels: ` +
      `${kernels?.instructionSet ?? 'not loaded'} build; Node ${process.versions.node}; ${cpus().length} cores (${cpus()[0]?.model ?? 'unknown CPU'}).`,
    `Machine load (1 / 5 / 15 min): ${load(loadBefore)} before, ${load(loadavg())} after` +
      (loadBefore[0] > cpus().length
        ? ' — the machine was busy: trust the ratios more than the absolute speeds.'
        : '.'),
  ].join('\n');
}
