/**
 * Which kernels a fused layer runs on when both ours and TensorFlow's fused ops can compute it:
 * the ones measured faster for that cell and shape (`npm run bench -- --ab`, both engines
 * interleaved in one process on a 2-core machine shared with other work; native ÷ TensorFlow,
 * median of 6 pairs and their range), measured after the kernels stopped copying their saved
 * state to JavaScript and TensorFlow stopped transposing and reversing around them:
 *
 * | layer                                      | load 18–30         | load 7–9          | load 3.4 (*)      |
 * | ------------------------------------------ | ------------------ | ----------------- | ----------------- |
 * | GRU(128), T=100                            | 2.10× (1.37–2.59)  | 1.78× (1.25–2.09) | not measured      |
 * | SimpleRNN(32), T=20                        | 1.31× (0.92–11.1)  | 1.92× (1.28–9.61) | 2.24× (2.08–2.40) |
 * | LSTM(64), last state only (reference)      | 1.19× (0.80–1.39)  | 1.51× (1.02–2.06) | 1.27× (0.99–1.41) |
 * | LSTM(256), last state only (char text)     | 1.15× (0.96–1.30)  | not measured      | not measured      |
 * | 2-layer BiLSTM(64), first layer sequences  | 0.75× (0.66–1.11)  | 0.89× (0.80–1.16) | 0.82× (0.78–1.32) |
 *
 * (*) after each kind of call started choosing 1 thread or every core by timing both
 * (thread-tuner.ts) and the LSTM forward step became one pass over the units.
 *
 * The LSTM returning every state, measured again after the standard cell's saved state shrank
 * from 10 to 6 floats per unit and a narrow input's gradients moved into the step loop (lstm.h),
 * old and new kernels A/B'd in the same conditions; "layer alone" is that bidirectional layer by
 * itself (test/bench/profile-sequence-layer.ts, 12 pairs of 20 training steps):
 *
 * | 2-layer BiLSTM(64), T=50, 4 features | kernels before                      | kernels now                          |
 * | ------------------------------------ | ----------------------------------- | ------------------------------------ |
 * | whole workload, load 2–3             | 0.95× (4 runs, 0.92–1.00)           | 1.02× (7 runs, 0.94–1.05)            |
 * | whole workload, load 1.1–1.5         | 1.10×, 1.30× (2 runs)               | 1.43× (5 runs, 1.26–1.53)            |
 * | first layer alone                    | 0.96× (0.89–1.05) load 1; 0.97× (0.92–1.10) load 2.8 | 1.08× (1.04–1.26), 1.09× (0.98–1.23) load 2–3; 1.59× (1.29–1.72) load 1.2 |
 *
 * (whole workload: each run's median ratio of 6 pairs, the median over runs and their range;
 * at load 2–3 another process was training on the same 2 cores.)
 *
 * TensorFlow has no whole-sequence GRU or SimpleRNN op (its GRU runs one op per step), so ours
 * always win there. An LSTM runs on ours whether it returns its last state or every state (each
 * direction of the bidirectional model's first layer), now that both were measured at least as
 * fast as TensorFlow's BlockLSTM. Cells TensorFlow has no fused form for always run on ours.
 */
import type { Cell } from '../../../shared/spec';
import { FUSED_SIMPLE_RNN_ACTIVATIONS } from '../fused/fused-simple-rnn';

export type KernelPath = 'native' | 'tensorflow';

/** The path for one layer and the reason, as the run log says it. */
export interface KernelChoice {
  path: KernelPath;
  reason: string;
}

let everywhere = process.env.RECURRENT_RNN_KERNELS === 'everywhere';

/**
 * Runs every fused layer on our kernels, whatever was measured faster (the bench's A/B comparison
 * and the parity tests). RECURRENT_RNN_KERNELS=everywhere does the same for a whole process.
 */
export function useNativeKernelsEverywhere(on: boolean): void {
  everywhere = on;
}

/** True when TensorFlow's fused ops compute this layer (sigmoid gates assumed, as fused layers have). */
function tensorflowHasFusedForm(cell: Cell, activation: string): boolean {
  if (cell === 'SimpleRNN') return (FUSED_SIMPLE_RNN_ACTIVATIONS as readonly string[]).includes(activation);
  return activation === 'tanh';
}

/** Our kernels or TensorFlow's fused ops for a layer, when our kernels are loaded. */
export function measuredKernelChoice(cell: Cell, activation: string, returnSequences: boolean): KernelChoice {
  if (everywhere) return { path: 'native', reason: 'native kernels asked for everywhere' };
  if (!tensorflowHasFusedForm(cell, activation)) {
    return { path: 'native', reason: `TensorFlow has no fused ${cell} with ${activation}` };
  }
  if (cell !== 'LSTM') return { path: 'native', reason: `measured faster than TensorFlow's per-step ${cell} ops` };
  return {
    path: 'native',
    reason: returnSequences
      ? "measured as fast as or faster than TensorFlow's BlockLSTM for a layer returning every state"
      : "measured faster than TensorFlow's BlockLSTM for a layer returning its last state",
  };
}
