/**
 * Recurrent layers for the model builder. On the native backend with `fused` on, LSTM / GRU /
 * SimpleRNN run through fused TensorFlow kernels; otherwise the standard tfjs-layers layers.
 * Either way the weights have the standard tfjs-layers / Keras layout.
 */
import type * as tfTypes from '@tensorflow/tfjs';
import type { Tf } from '../../../tensorflow/load-tf';
import type { Cell } from '../../../shared/spec';
import { fusedUnavailableReason } from './availability';
import { createFusedLayer } from './fused-layer';
import { fusedKernelNote, fusedSimpleRnnActivations } from '../kernels/kernel-choice';
import type { RecurrentLayerOptions } from './options';
import { createStandardLayer } from './standard-layer';

export { isFusedLayer, type FusedRecurrentLayer } from './fused-layer';
export { fusedUnavailableReason } from './availability';
export { toStandardModel } from './to-standard-model';
export type { RecurrentLayerOptions } from './options';

export interface RecurrentLayerChoice {
  layer: tfTypes.layers.Layer;
  /** True when this layer runs on fused kernels. */
  fused: boolean;
  /** Why a fused layer was not used (e.g. recurrent dropout), for the run's log. */
  note: string | null;
}

/** Why these options have no fused form, or null when they do. */
function unsupportedReason(cell: Cell, options: RecurrentLayerOptions): string | null {
  if (options.recurrentDropout > 0) return 'recurrent dropout has no fused form';
  if (cell === 'SimpleRNN') {
    const supported = fusedSimpleRnnActivations();
    return supported.includes(options.activation)
      ? null
      : `activation '${options.activation}' has no fused SimpleRNN form (${supported.join(', ')} do)`;
  }
  if (options.activation !== 'tanh') return `activation '${options.activation}' has no fused ${cell} form (tanh does)`;
  if (options.recurrentActivation !== 'sigmoid') {
    return `recurrent activation '${options.recurrentActivation}' has no fused ${cell} form (sigmoid does)`;
  }
  return null;
}

/**
 * Creates one recurrent layer (bidirectional wrapper included when asked). With `useFused` it
 * returns a fused layer when the backend and options allow, and otherwise the standard layer with
 * a `note` saying why. A fused layer must run on the backend that was active when it was made.
 */
export function createRecurrentLayer(
  tf: Tf,
  cell: Cell,
  options: RecurrentLayerOptions,
  useFused: boolean,
): RecurrentLayerChoice {
  const reason = useFused ? (unsupportedReason(cell, options) ?? fusedUnavailableReason(tf)) : null;
  if (!useFused || reason) {
    const note = reason ? `${options.name ?? cell}: standard ${cell} layer, ${reason}.` : null;
    return { layer: createStandardLayer(tf, cell, options), fused: false, note };
  }
  const layer = createFusedLayer(tf, {
    cell,
    units: options.units,
    activation: options.activation,
    returnSequences: options.returnSequences,
    dropout: options.dropout,
    bidirectional: options.bidirectional,
    merge: options.merge,
    seed: options.seed,
    ...(options.name ? { name: options.name } : {}),
    ...(options.inputShape ? { inputShape: options.inputShape } : {}),
  });
  const note = fusedKernelNote(options.name ?? cell, cell, options.activation, options.returnSequences);
  return { layer, fused: true, note };
}
