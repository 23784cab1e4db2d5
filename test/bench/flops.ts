/**
 * Arithmetic per training sample of a workload's recurrent layers and, for comparison, what one
 * matrix product of the per-step shape reaches on this machine: the bench reports GFLOP/s against
 * that measured peak rather than a datasheet figure.
 */
import type { RnnKernelsAddon } from '../../src-main/engine/model/kernels/native-kernels';
import type { Workload } from './workloads';

const GATES = { LSTM: 4, GRU: 3, SimpleRNN: 1 } as const;

/** Inputs per step of layer `index` (after the embedding or the previous layer). */
function layerInput(w: Workload, index: number): number {
  if (index > 0) return (w.bidirectional ? 2 : 1) * w.units;
  return w.text ? w.text.embedding : w.features;
}

/**
 * Floating-point operations of the recurrent layers per training sample: each step's product
 * [x, h]·[K; R] is 2·(I+U)·G·U per direction forward, and backward costs twice that (input and
 * weight gradients). Element-wise work and the dense head are left out: small beside the products.
 */
export function trainingFlopsPerSample(w: Workload): number {
  let flops = 0;
  for (let i = 0; i < w.layers; i++) {
    const width = GATES[w.cell] * w.units;
    flops += 3 * 2 * (layerInput(w, i) + w.units) * width * w.steps * (w.bidirectional ? 2 : 1);
  }
  return flops;
}

/** The per-step product's shape [batch, I+U]·[I+U, G·U] of the first layer. */
export function stepGemmShape(w: Workload): [number, number, number] {
  return [w.batchSize, layerInput(w, 0) + w.units, GATES[w.cell] * w.units];
}

/** GFLOP/s of one thread running products of `shape`, the best of five timed bursts. */
export function measureGemmPeak(addon: RnnKernelsAddon, [m, k, n]: [number, number, number]): number {
  const flops = 2 * m * k * n;
  // Enough products for about 20 ms at 50 GFLOP/s, so timer resolution does not matter.
  const iterations = Math.max(10, Math.round(1e9 / flops));
  addon.gemmRepeat(m, k, n, iterations);
  let best = 0;
  for (let r = 0; r < 5; r++) {
    const start = performance.now();
    addon.gemmRepeat(m, k, n, iterations);
    best = Math.max(best, (flops * iterations) / ((performance.now() - start) / 1000) / 1e9);
  }
  return best;
}
