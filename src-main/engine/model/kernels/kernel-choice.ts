/**
 * Where a fused layer's time loop runs: on our native kernels when the addon is built, otherwise
 * on TensorFlow's fused ops (src-main/engine/fused/), with a note for the run log saying why.
 */
import type * as tfTypes from '@tensorflow/tfjs';
import { FUSED_SIMPLE_RNN_ACTIVATIONS } from '../fused/fused-simple-rnn';
import { HIDDEN_ACTIVATIONS, type Cell } from '../../../shared/spec';
import {
  describeKernelThreads,
  nativeKernels,
  nativeKernelsUnavailableReason,
  type NativeKernels,
} from './native-kernels';
import { measuredKernelChoice } from './kernel-policy';
import {
  isNativeActivation,
  nativeBidirectionalConcat,
  nativeRecurrentSequence,
  type NativeCellConfig,
  type SequenceOptions,
} from './native-sequence';

type Tf = typeof tfTypes;
type Tensor = tfTypes.Tensor;

/**
 * One direction of a layer: x and weights in, hidden states out in x's layout (or the last state
 * [B,U] with `output` 'last'); see SequenceOptions for the layouts.
 */
export type DirectionKernel = (
  x: Tensor,
  kernel: Tensor,
  recurrentKernel: Tensor,
  bias: Tensor,
  options: SequenceOptions,
) => Tensor;

/** Both directions of a bidirectional layer whose outputs are concatenated, in one call. */
export type ConcatBidirectionalKernel = (
  x: Tensor,
  forwardWeights: [Tensor, Tensor, Tensor],
  backwardWeights: [Tensor, Tensor, Tensor],
  options: Omit<SequenceOptions, 'reversed'>,
) => Tensor;

/** The loaded kernels and the cell they would run for a fused layer, or null (see nativeDirectionKernel). */
function nativeCell(
  cell: Cell,
  activation: string,
  returnSequences: boolean,
): { kernels: NativeKernels; config: NativeCellConfig } | null {
  const kernels = nativeKernels();
  if (!kernels || !isNativeActivation(activation)) return null;
  if (measuredKernelChoice(cell, activation, returnSequences).path !== 'native') return null;
  return { kernels, config: { cell, activation, recurrentActivation: 'sigmoid' } };
}

/**
 * The native kernel for a fused layer (sigmoid gates; GRU with the reset before the matmul, as
 * tfjs-layers has it), or null when the addon is not available, lacks the activation, or
 * TensorFlow's fused ops were measured faster for this layer (kernel-policy.ts).
 */
export function nativeDirectionKernel(
  tf: Tf,
  cell: Cell,
  activation: string,
  returnSequences: boolean,
): DirectionKernel | null {
  const native = nativeCell(cell, activation, returnSequences);
  if (!native) return null;
  const { kernels, config } = native;
  return (x, kernel, recurrentKernel, bias, options) =>
    nativeRecurrentSequence(tf, kernels, config, x, kernel, recurrentKernel, bias, options);
}

/** Like nativeDirectionKernel, for both directions of a bidirectional layer with merge 'concat'. */
export function nativeConcatBidirectionalKernel(
  tf: Tf,
  cell: Cell,
  activation: string,
  returnSequences: boolean,
): ConcatBidirectionalKernel | null {
  const native = nativeCell(cell, activation, returnSequences);
  if (!native) return null;
  const { kernels, config } = native;
  return (x, forwardWeights, backwardWeights, options) =>
    nativeBidirectionalConcat(tf, kernels, config, x, forwardWeights, backwardWeights, options);
}

/** SimpleRNN activations a fused layer can run: every one the forms offer on native kernels. */
export function fusedSimpleRnnActivations(): readonly string[] {
  return nativeKernels() ? HIDDEN_ACTIVATIONS : FUSED_SIMPLE_RNN_ACTIVATIONS;
}

/** The run-log note saying which kernels a fused layer runs on, and why. */
export function fusedKernelNote(layerName: string, cell: Cell, activation: string, returnSequences: boolean): string {
  const reason = nativeKernelsUnavailableReason();
  if (reason) return `${layerName}: fused TensorFlow kernels, because ${reason}.`;
  const choice = measuredKernelChoice(cell, activation, returnSequences);
  const kernels = nativeKernels();
  const threads = kernels ? describeKernelThreads(kernels) : '';
  return choice.path === 'native'
    ? `${layerName}: our native ${cell} kernels (${kernels?.instructionSet ?? ''} build, ${threads}), ${choice.reason}.`
    : `${layerName}: TensorFlow's fused ${cell} ops, ${choice.reason}.`;
}
