/**
 * Where a fused layer's time loop runs: on our native kernels when the addon is built, otherwise
 * on TensorFlow's fused ops (src-main/engine/fused/), with a note for the run log saying why.
 */
import type * as tfTypes from '@tensorflow/tfjs';
import { FUSED_SIMPLE_RNN_ACTIVATIONS } from '../fused/fused-simple-rnn';
import { HIDDEN_ACTIVATIONS, type Cell } from '../../../shared/spec';
import { nativeKernels, nativeKernelsUnavailableReason } from './native-kernels';
import { isNativeActivation, nativeRecurrentSequence, type SequenceOutput } from './native-sequence';

type Tf = typeof tfTypes;
type Tensor = tfTypes.Tensor;

/**
 * One direction of a layer: time-major x [T,B,I] and weights in, hidden states [T,B,U] out (or
 * the last state [B,U] with `output` 'last').
 */
export type DirectionKernel = (
  x: Tensor,
  kernel: Tensor,
  recurrentKernel: Tensor,
  bias: Tensor,
  output: SequenceOutput,
) => Tensor;

/**
 * The native kernel for a fused layer (sigmoid gates; GRU with the reset before the matmul, as
 * tfjs-layers has it), or null when the addon is not available or lacks the activation.
 */
export function nativeDirectionKernel(tf: Tf, cell: Cell, activation: string): DirectionKernel | null {
  const kernels = nativeKernels();
  if (!kernels || !isNativeActivation(activation)) return null;
  const config = { cell, activation, recurrentActivation: 'sigmoid' as const };
  return (x, kernel, recurrentKernel, bias, output) =>
    nativeRecurrentSequence(tf, kernels, config, x, kernel, recurrentKernel, bias, output);
}

/** SimpleRNN activations a fused layer can run: every one the forms offer on native kernels. */
export function fusedSimpleRnnActivations(): readonly string[] {
  return nativeKernels() ? HIDDEN_ACTIVATIONS : FUSED_SIMPLE_RNN_ACTIVATIONS;
}

/** The run-log note for a fused layer on TensorFlow's ops instead of our kernels, or null. */
export function fusedKernelNote(layerName: string): string | null {
  const reason = nativeKernelsUnavailableReason();
  return reason ? `${layerName}: fused TensorFlow kernels, because ${reason}.` : null;
}
