/**
 * Rebuilds a model that contains fused layers with standard tfjs-layers layers only, sharing the
 * weights. Saved and exported models then load anywhere (tfjs, Keras) without our code.
 */
import type * as tfTypes from '@tensorflow/tfjs';
import type { Tf } from '../../../tensorflow/load-tf';
import { isFusedLayer, type FusedRecurrentLayer } from './fused-layer';
import { createStandardLayer } from './standard-layer';

type ConfigDict = tfTypes.serialization.ConfigDict;

/** The standard layer's serialized form, under the fused layer's name and input shape. */
function standardEntry(tf: Tf, layer: FusedRecurrentLayer): { className: string; config: ConfigDict } {
  const c = layer.fusedConfig;
  const standard = createStandardLayer(tf, c.cell, {
    units: c.units,
    activation: c.activation,
    // Fused layers exist only with sigmoid gates and no recurrent dropout.
    recurrentActivation: 'sigmoid',
    returnSequences: c.returnSequences,
    dropout: c.dropout,
    recurrentDropout: 0,
    bidirectional: c.bidirectional,
    merge: c.merge,
    seed: c.seed,
  });
  const own = layer.getConfig();
  const config: ConfigDict = { ...standard.getConfig(), name: layer.name, trainable: own.trainable };
  if (own.batchInputShape != null) config.batchInputShape = own.batchInputShape;
  return { className: standard.getClassName(), config };
}

/**
 * Returns a model with only standard layers and the same weights (copied by reference: the
 * tensors are immutable). Models without fused layers are returned as they are.
 */
export function toStandardModel(tf: Tf, model: tfTypes.LayersModel): tfTypes.LayersModel {
  if (!model.layers.some(isFusedLayer)) return model;
  const config = model.getConfig() as ConfigDict;
  const entries = config.layers as ConfigDict[];
  for (const entry of entries) {
    const name = (entry.config as ConfigDict).name as string;
    const layer = model.getLayer(name);
    if (isFusedLayer(layer)) Object.assign(entry, standardEntry(tf, layer));
  }
  // Weights are overwritten right after, so skip running the initializers.
  const rebuilt =
    model instanceof tf.Sequential
      ? tf.Sequential.fromConfig(tf.Sequential, config, {}, true)
      : tf.LayersModel.fromConfig(tf.LayersModel, config, {}, true);
  const standard = rebuilt as tfTypes.LayersModel;
  for (const layer of model.layers) {
    const weights = layer.getWeights();
    if (weights.length > 0) standard.getLayer(layer.name).setWeights(weights);
  }
  return standard;
}
