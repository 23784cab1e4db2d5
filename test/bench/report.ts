/** The bench's report beyond the speed table: versions and kernels of every engine, and GFLOP/s. */
import type * as tfTypes from '@tensorflow/tfjs';
import {
  describeKernelThreads,
  nativeKernels,
  nativeKernelsUnavailableReason,
} from '../../src-main/engine/model/kernels/native-kernels';
import { measureGemmPeak, stepGemmShape, trainingFlopsPerSample } from './flops';
import { spreadPercent, type Timing } from './repeats';
import { formatRate, renderTable } from './table';
import type { Workload } from './workloads';

/** "5602 ±3%": the median and half the range of the repeats, relative. */
export function formatTiming(timing: Timing, extrapolated: boolean): string {
  return `${formatRate(timing.samplesPerSecond, extrapolated)} ±${spreadPercent(timing).toFixed(0)}%`;
}

/** One line per engine family: versions, and which kernels ran. */
export function engineNotes(tf: typeof tfTypes, results: (Timing | null | undefined)[]): string[] {
  const backend = tf.backend() as unknown as { binding?: { TF_Version?: string } };
  const kernels = nativeKernels();
  const ours = kernels
    ? `our native kernels: ${kernels.instructionSet} build, ${describeKernelThreads(kernels)}`
    : `our native kernels: not used (${nativeKernelsUnavailableReason()})`;
  const peers = new Set(results.flatMap((r) => (r && 'info' in r && typeof r.info === 'string' ? [r.info] : [])));
  return [
    `tfjs ${tf.version.tfjs} on TensorFlow ${backend.binding?.TF_Version ?? '(version not reported)'}; ${ours}.`,
    ...[...peers].sort(),
  ];
}

/**
 * Arithmetic rate of our kernels per workload beside one thread's measured rate for a product of
 * the per-step shape (the same library, Eigen, in the same build), times the threads used.
 */
export function flopsTable(workloads: Workload[], speed: (w: Workload) => number | null): string {
  const kernels = nativeKernels();
  if (!kernels) return 'GFLOP/s: not measured (our native kernels are not loaded).';
  const rows = workloads.map((w) => {
    const flops = trainingFlopsPerSample(w);
    const rate = speed(w);
    const achieved = rate == null ? null : (flops * rate) / 1e9;
    const shape = stepGemmShape(w);
    const peak = measureGemmPeak(kernels.addon, shape);
    const available = peak * kernels.threads;
    return [
      w.title,
      (flops / 1e6).toFixed(1),
      achieved == null ? '–' : achieved.toFixed(1),
      shape.join('×'),
      peak.toFixed(1),
      achieved == null ? '–' : `${((achieved / available) * 100).toFixed(0)}%`,
    ];
  });
  const columns = [
    { title: 'workload (fused native)', align: 'left' as const },
    { title: 'MFLOP/sample', align: 'right' as const },
    { title: 'GFLOP/s', align: 'right' as const },
    { title: 'step GEMM m×k×n', align: 'right' as const },
    { title: 'GEMM GFLOP/s, 1 thread', align: 'right' as const },
    { title: `of GEMM × ${kernels.threads} threads`, align: 'right' as const },
  ];
  return [
    renderTable(columns, rows),
    '',
    'MFLOP/sample: the recurrent products of one training sample (forward 2·(I+U)·G·U per step and direction, backward twice that).',
  ].join('\n');
}
