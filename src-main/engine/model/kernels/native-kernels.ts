/**
 * Loads our own recurrent kernels (the native addon in src-main/native/rnn-kernels/, built at
 * set-up). When it was not built, or cannot load here, the fused layers keep running on
 * TensorFlow's own ops and the reason is kept for the run log.
 *
 * Environment: RECURRENT_RNN_KERNELS=off turns the addon off; RECURRENT_RNN_ISA (generic, avx2,
 * avx512) picks a build instead of the fastest this CPU runs; RECURRENT_RNN_THREADS caps the
 * threads per call (default: every core). Each kind of call runs on 1 thread or on the cap,
 * whichever it was timed faster on, as PyTorch's set_num_threads is a cap that small ops stay under.
 */
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ThreadTuner } from './thread-tuner';

/** What one kernel call computes; the sizes are checked again by the addon. */
export interface KernelProblem {
  /** 0 LSTM, 1 GRU (reset before), 2 GRU (reset after), 3 SimpleRNN. */
  cell: number;
  activation: number;
  recurrentActivation: number;
  steps: number;
  batch: number;
  inputDim: number;
  units: number;
  threads: number;
  /** x, a returned sequence and their gradients are [batch, steps, ·] instead of [steps, batch, ·]. */
  batchMajor?: boolean;
  /** The kernel runs from the last step to the first; returned sequences keep the caller's time order. */
  reversed?: boolean;
  /** Forward returns only the last hidden state [batch, units]; backward takes only its gradient. */
  lastOnly?: boolean;
  /** Forward keeps what backward needs (training) and returns a handle to it. */
  save?: boolean;
  /**
   * Floats per row of forward's `out` and backward's `dy` (default `units`), of which this call's
   * states take `units` from `outOffset` on (default 0): both directions of a bidirectional layer
   * write their halves of one joined output.
   */
  outWidth?: number;
  outOffset?: number;
  /** Backward adds the input gradient to `dx` instead of overwriting it. */
  addInputGradient?: boolean;
}

/**
 * What a training forward pass kept for its backward pass. It lives in the addon's memory;
 * `backward` or `release` hands it back (and so does garbage collection, as a last resort).
 */
export type SavedSequence = object & { readonly __savedSequence: unique symbol };

/** Memory the addon holds: forward passes awaiting backward, and its pool of reusable buffers. */
export interface KernelMemory {
  savedSequences: number;
  usedBytes: number;
  keptBytes: number;
}

/** The addon's exports (src-main/native/rnn-kernels/src/addon.cc). */
export interface RnnKernelsAddon {
  /** Floats the forward pass keeps for backward besides x and the hidden states. */
  workspaceLength(problem: KernelProblem): number;
  /** Writes the hidden states (or the last one) into `out`; with `problem.save`, returns the handle backward needs. */
  forward(
    problem: KernelProblem,
    x: Float32Array,
    kernel: Float32Array,
    recurrent: Float32Array,
    bias: Float32Array,
    out: Float32Array,
  ): SavedSequence | undefined;
  /** Gradients with respect to x and the weights, given `dy` for forward's `out`; releases `saved`. */
  backward(
    problem: KernelProblem,
    saved: SavedSequence,
    kernel: Float32Array,
    recurrent: Float32Array,
    dy: Float32Array,
    dx: Float32Array,
    dkernel: Float32Array,
    drecurrent: Float32Array,
    dbias: Float32Array,
  ): void;
  /** Hands a saved forward pass's memory back without a backward pass; a second call does nothing. */
  release(saved: SavedSequence): void;
  memory(): KernelMemory;
  useInstructionSet(name: string): string;
  /**
   * One Adam step over one weight's values (flat-adam.ts): updates `m` and `v` in place and writes
   * the new weights to `next`. `hyper`: learning rate, beta1, beta2, epsilon, 1 − beta1ᵗ,
   * 1 − beta2ᵗ, then each gradient value's scale and limit (clipping). Absent from addons built
   * before it existed.
   */
  adamStep?(
    weights: Float32Array,
    grad: Float32Array,
    m: Float32Array,
    v: Float32Array,
    next: Float32Array,
    hyper: Float64Array,
  ): void;
  /** Runs `iterations` float products [m,k]·[k,n] on the calling thread (the bench's GEMM peak). */
  gemmRepeat(m: number, k: number, n: number, iterations: number): void;
  info(): { instructionSet: string; hardwareThreads: number };
}

/** The loaded addon and the threads each call uses. */
export interface NativeKernels {
  addon: RnnKernelsAddon;
  /** The build in use: generic, avx2 or avx512. */
  instructionSet: string;
  /** The most threads a call uses. */
  threads: number;
  /**
   * Picks 1 or `threads` per kind of call by timing both (thread-tuner.ts); null runs every call
   * on `threads` (one thread at most, or tests that fix the count).
   */
  threadTuner: ThreadTuner | null;
}

/**
 * The threads calls run on, for run logs and bench reports: "up to 2 threads per call: 1 or 2,
 * as timed faster", or "1 thread per call" / "2 threads per call" when the count is fixed.
 */
export function describeKernelThreads(kernels: NativeKernels): string {
  const { threads, threadTuner } = kernels;
  if (threadTuner) return `up to ${threads} threads per call: 1 or ${threads}, as timed faster`;
  return `${threads} ${threads === 1 ? 'thread' : 'threads'} per call`;
}

/** The addon's place relative to the app's folder (also what the installers unpack). */
export const NATIVE_KERNELS_FILE = 'src-main/native/rnn-kernels/build/Release/rnn_kernels.node';
const ADDON_PATH = path.join(...NATIVE_KERNELS_FILE.split('/'));

type LoadResult = { kernels: NativeKernels; reason: null } | { kernels: null; reason: string };
let loaded: LoadResult | null = null;

/** The addon file: the app's own folder is found by walking up from this module. */
function findAddon(): string | null {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 8; i++) {
    const candidate = path.join(dir, ADDON_PATH);
    // Packaged apps keep native files beside the archive (asarUnpack).
    const unpacked = candidate.replace(`app.asar${path.sep}`, `app.asar.unpacked${path.sep}`);
    if (existsSync(unpacked)) return unpacked;
    if (existsSync(candidate)) return candidate;
    const parent = path.dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  return null;
}

/** Most threads per kernel call: RECURRENT_RNN_THREADS when set to a positive whole number, else every core. */
export function defaultKernelThreads(env: NodeJS.ProcessEnv = process.env, cores = availableParallelism()): number {
  const asked = Number(env.RECURRENT_RNN_THREADS);
  return Number.isInteger(asked) && asked > 0 ? asked : Math.max(1, cores);
}

/**
 * The threads calls may use and the tuner that picks between 1 and that many for each kind of
 * call; no tuner when the most is 1.
 */
export function kernelThreading(
  env: NodeJS.ProcessEnv = process.env,
  cores = availableParallelism(),
): Pick<NativeKernels, 'threads' | 'threadTuner'> {
  const threads = defaultKernelThreads(env, cores);
  return { threads, threadTuner: threads > 1 ? new ThreadTuner() : null };
}

function load(): LoadResult {
  if (process.env.RECURRENT_RNN_KERNELS === 'off') {
    return { kernels: null, reason: 'our native recurrent kernels are turned off (RECURRENT_RNN_KERNELS=off)' };
  }
  const file = findAddon();
  if (!file) {
    return {
      kernels: null,
      reason: 'our native recurrent kernels are not built (run `npm run setup` with a C++ compiler)',
    };
  }
  try {
    const addon = createRequire(import.meta.url)(file) as RnnKernelsAddon;
    const instructionSet = addon.useInstructionSet(process.env.RECURRENT_RNN_ISA ?? '');
    return { kernels: { addon, instructionSet, ...kernelThreading() }, reason: null };
  } catch (error) {
    return { kernels: null, reason: `our native recurrent kernels did not load (${(error as Error).message})` };
  }
}

let switchedOff = false;
const SWITCHED_OFF = 'our native recurrent kernels are switched off for this comparison';

/**
 * Turns the native kernels off (or back on) for layers made from now on in this process: the
 * bench times TensorFlow's fused ops beside them in one process.
 */
export function switchNativeKernels(on: boolean): void {
  switchedOff = !on;
}

/** The native kernels, or null when they cannot run here. Loaded once per process or worker. */
export function nativeKernels(): NativeKernels | null {
  loaded ??= load();
  return switchedOff ? null : loaded.kernels;
}

/** Why the native kernels are not used, or null when they are. */
export function nativeKernelsUnavailableReason(): string | null {
  loaded ??= load();
  return switchedOff ? SWITCHED_OFF : loaded.reason;
}
