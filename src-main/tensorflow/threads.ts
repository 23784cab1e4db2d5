/**
 * How many threads native TensorFlow uses inside one op when the user has not chosen. Recurrent
 * training runs many small ops per time step (a 64×68 by 68×256 matmul per LSTM step); splitting
 * those across threads costs more in hand-over than it gains. Measured on 2 cores (fused kernels,
 * samples/s, intra-op 1 vs TensorFlow's default 2): LSTM(64) T=50 5602 vs 5422, GRU(128) 1198 vs
 * 909, SimpleRNN(32) 12782 vs 11374, 2-layer BiLSTM(64) 1097 vs 911; only the widest model
 * (embedding + LSTM(256)) was faster with 2 (426 vs 348). Half the cores keeps big matmuls
 * parallel on larger machines and leaves the rest to the app and the data.
 */
import { availableParallelism } from 'node:os';

export const INTRA_OP_VARIABLE = 'TF_NUM_INTRAOP_THREADS';

/** Threads per op when nothing is set: half the cores, at least one. */
export function automaticIntraOpThreads(cores: number = availableParallelism()): number {
  return Math.max(1, Math.floor(cores / 2));
}

/**
 * Writes the automatic count into `env` unless it already holds one (set by the user or by the
 * app's "training threads" setting). Must run before TensorFlow starts in the process; in the
 * main thread `process.env` is the real environment TensorFlow reads.
 */
export function applyAutomaticThreads(env: NodeJS.ProcessEnv = process.env, cores?: number): void {
  if (env[INTRA_OP_VARIABLE] === undefined || env[INTRA_OP_VARIABLE] === '') {
    env[INTRA_OP_VARIABLE] = String(automaticIntraOpThreads(cores));
  }
}
