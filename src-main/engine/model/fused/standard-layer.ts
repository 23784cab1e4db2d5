/**
 * The standard tfjs-layers recurrent layers (LSTM / GRU / SimpleRNN, optionally wrapped in
 * Bidirectional). Used when a fused layer is not possible, and to rebuild fused layers as
 * standard ones for saving and export.
 */
import type * as tfTypes from '@tensorflow/tfjs';
import type { Tf } from '../../../tensorflow/load-tf';
import type { Cell } from '../../../shared/spec';
import type { RecurrentLayerOptions } from './options';

/** Creates the standard layer for `options` (not built: no weights exist until it is applied). */
export function createStandardLayer(tf: Tf, cell: Cell, options: RecurrentLayerOptions): tfTypes.layers.Layer {
  const inputShape = options.inputShape && !options.bidirectional ? { inputShape: options.inputShape } : {};
  const name = options.name && !options.bidirectional ? { name: options.name } : {};
  const common = {
    units: options.units,
    activation: options.activation,
    returnSequences: options.returnSequences,
    dropout: options.dropout,
    recurrentDropout: options.recurrentDropout,
    kernelInitializer: tf.initializers.glorotUniform({ seed: options.seed }),
    recurrentInitializer: tf.initializers.orthogonal({ seed: options.seed + 1 }),
    ...inputShape,
    ...name,
    ...(options.returnState ? { returnState: true } : {}),
  };
  type Activation = tfTypes.SimpleRNNLayerArgs['activation'];
  const activation = options.activation as Activation;
  const recurrentActivation = options.recurrentActivation as Activation;
  let rnn: tfTypes.layers.Layer;
  if (cell === 'LSTM') rnn = tf.layers.lstm({ ...common, activation, recurrentActivation, unitForgetBias: true });
  else if (cell === 'GRU') rnn = tf.layers.gru({ ...common, activation, recurrentActivation });
  else rnn = tf.layers.simpleRNN({ ...common, activation });
  if (!options.bidirectional) return rnn;
  return tf.layers.bidirectional({
    layer: rnn as tfTypes.RNN,
    mergeMode: options.merge,
    ...(options.inputShape ? { inputShape: options.inputShape } : {}),
    ...(options.name ? { name: options.name } : {}),
  });
}
