/**
 * Turns a Keras 3 Sequential config and its weights into a TensorFlow.js model the app runs:
 * only the layers and settings the app's own models use (LSTM, GRU with reset_after false,
 * SimpleRNN, Bidirectional, Embedding, Dropout, Dense; built-in activations). Anything else is
 * refused with the reason, before a model is built. Weights are looked up where Keras' saving
 * puts them (layers/<class in snake_case>[_n]/…), as the app's Keras export writes them.
 */
import type * as tfTypes from '@tensorflow/tfjs';
import type { Tf } from '../../tensorflow/load-tf';
import type { TensorData } from '../model-chain';
import type { KerasFile } from './read-keras-file';
import { KerasImportError } from './keras-import-error';
import { GROUP_NAMES, KERAS_ACTIVATIONS } from '../keras-export';

type Json = Record<string, unknown>;

type Activation = NonNullable<NonNullable<Parameters<Tf['layers']['dense']>[0]>['activation']>;

/**
 * Keras built-in activations that compute the same function in TensorFlow.js (same names):
 * the export's list without hard_sigmoid, which Keras 3 defines differently.
 */
const ACTIVATIONS: readonly Activation[] = [...KERAS_ACTIVATIONS].filter(
  (name): name is Activation => name !== 'hard_sigmoid',
);
const RECURRENT = new Set(['LSTM', 'GRU', 'SimpleRNN']);
const MERGES = new Set(['concat', 'sum', 'ave', 'mul']);

function isObject(v: unknown): v is Json {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function field(config: Json, key: string, where: string): unknown {
  if (!(key in config)) throw new KerasImportError(`${where} has no "${key}" setting.`);
  return config[key];
}

function num(config: Json, key: string, where: string, fallback?: number): number {
  const v = key in config || fallback === undefined ? field(config, key, where) : fallback;
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new KerasImportError(`${where}: "${key}" must be a number.`);
  return v;
}

function bool(config: Json, key: string, fallback: boolean): boolean {
  const v = config[key];
  return typeof v === 'boolean' ? v : fallback;
}

function activation(config: Json, key: string, where: string, fallback: Activation): Activation {
  const v = key in config ? config[key] : fallback;
  const known = ACTIVATIONS.find((a) => a === v);
  if (!known) {
    const shown = typeof v === 'string' ? v : JSON.stringify(v);
    throw new KerasImportError(
      `${where} uses the activation ${shown}, which the app cannot reproduce exactly (it supports ${ACTIVATIONS.join(', ')}).`,
    );
  }
  return known;
}

/** The layer's config object and class name, checked. */
function layerParts(layer: unknown, index: number): { cls: string; config: Json; where: string } {
  if (!isObject(layer) || typeof layer.class_name !== 'string' || !isObject(layer.config)) {
    throw new KerasImportError(`Layer ${index + 1} of the model config is malformed.`);
  }
  const name = typeof layer.config.name === 'string' ? layer.config.name : layer.class_name;
  return { cls: layer.class_name, config: layer.config, where: `The layer "${name}" (${layer.class_name})` };
}

/** tfjs arguments of an LSTM / GRU / SimpleRNN config. */
function recurrentArgs(cls: string, config: Json, where: string) {
  if (bool(config, 'go_backwards', false) || bool(config, 'stateful', false) || bool(config, 'return_state', false)) {
    throw new KerasImportError(
      `${where} is backwards, stateful or returns its state; the app's layers are none of these.`,
    );
  }
  if (cls === 'GRU' && bool(config, 'reset_after', true)) {
    throw new KerasImportError(
      `${where} has reset_after=True (the Keras default); the app's GRU applies the reset gate before the recurrent weights. Build the GRU with reset_after=False.`,
    );
  }
  const args = {
    units: num(config, 'units', where),
    activation: activation(config, 'activation', where, 'tanh'),
    useBias: bool(config, 'use_bias', true),
    returnSequences: bool(config, 'return_sequences', false),
    dropout: num(config, 'dropout', where, 0),
    recurrentDropout: num(config, 'recurrent_dropout', where, 0),
  };
  if (cls === 'SimpleRNN') return args;
  return { ...args, recurrentActivation: activation(config, 'recurrent_activation', where, 'sigmoid') };
}

function recurrentLayer(tf: Tf, cls: string, args: ReturnType<typeof recurrentArgs>, extra: Json = {}) {
  const all = { ...args, ...extra };
  if (cls === 'LSTM') return tf.layers.lstm(all);
  if (cls === 'GRU') return tf.layers.gru(all);
  return tf.layers.simpleRNN(all);
}

/** The Keras weight arrays of one `vars` group, in dataset order 0, 1, 2… */
function groupWeights(file: KerasFile, group: string, where: string): TensorData[] {
  const out: TensorData[] = [];
  for (let i = 0; file.weights.has(`${group}/vars/${i}`); i++)
    out.push(file.weights.get(`${group}/vars/${i}`) as TensorData);
  if (out.length === 0)
    throw new KerasImportError(`${where} has no weights in model.weights.h5 (expected them under ${group}).`);
  return out;
}

/** A built model's weights, set from Keras arrays after checking every shape. */
function setWeights(tf: Tf, layer: tfTypes.layers.Layer, weights: TensorData[], where: string): void {
  const expected = layer.getWeights().map((w) => w.shape);
  if (expected.length !== weights.length || expected.some((s, i) => s.join('x') !== weights[i].shape.join('x'))) {
    throw new KerasImportError(
      `${where}: the weights in the file have shapes ${weights.map((w) => `[${w.shape.join(', ')}]`).join(' ')}, the layer needs ${expected.map((s) => `[${s.join(', ')}]`).join(' ')}.`,
    );
  }
  layer.setWeights(weights.map((w) => tf.tensor(w.values, w.shape)));
}

/** The model's input: the window shape without the batch axis and whether it holds token ids. */
export interface KerasInput {
  shape: number[];
  ids: boolean;
}

function inputOf(layers: unknown[]): KerasInput {
  const first = layerParts(layers[0], 0);
  if (first.cls !== 'InputLayer') {
    throw new KerasImportError('The model config does not start with an InputLayer, so its input shape is unknown.');
  }
  const shape = first.config.batch_shape ?? first.config.batch_input_shape;
  if (!Array.isArray(shape) || shape.length < 2 || shape.slice(1).some((d) => typeof d !== 'number' || d < 1)) {
    throw new KerasImportError(
      'The InputLayer needs a fixed input shape (every axis but the batch known), like the windows the app feeds.',
    );
  }
  const dtype = first.config.dtype;
  return { shape: shape.slice(1) as number[], ids: typeof dtype === 'string' && dtype.startsWith('int') };
}

/** Builds the TensorFlow.js model with the file's weights. @throws KerasImportError with the reason. */
export function kerasToTfjs(tf: Tf, file: KerasFile): { model: tfTypes.Sequential; input: KerasInput } {
  const top = file.config;
  if (!isObject(top) || top.class_name !== 'Sequential' || !isObject(top.config) || !Array.isArray(top.config.layers)) {
    const cls = isObject(top) && typeof top.class_name === 'string' ? top.class_name : 'unknown';
    throw new KerasImportError(`Only Keras Sequential models import; this one is ${cls}.`);
  }
  const layers = top.config.layers;
  if (layers.length < 2) throw new KerasImportError('The model has no layers after its input.');
  const input = inputOf(layers);
  const model = tf.sequential();
  const counts = new Map<string, number>();
  const pending: { layer: tfTypes.layers.Layer; group: string; where: string; bidirectional: boolean }[] = [];
  try {
    layers.slice(1).forEach((raw, i) => {
      const { cls, config, where } = layerParts(raw, i + 1);
      const first = i === 0 ? { inputShape: input.shape } : {};
      const snake = cls === 'Reshape' ? undefined : GROUP_NAMES[cls];
      if (!snake) throw new KerasImportError(`${where} has no counterpart in the app's models.`);
      const count = counts.get(snake) ?? -1;
      counts.set(snake, count + 1);
      const group = `layers/${count < 0 ? snake : `${snake}_${count + 1}`}`;
      let layer: tfTypes.layers.Layer;
      if (RECURRENT.has(cls)) {
        layer = recurrentLayer(tf, cls, recurrentArgs(cls, config, where), first);
      } else if (cls === 'Bidirectional') {
        const inner = layerParts(config.layer, i + 1);
        if (!RECURRENT.has(inner.cls))
          throw new KerasImportError(`${where} wraps ${inner.cls}, not a recurrent layer.`);
        const merge = config.merge_mode ?? 'concat';
        if (typeof merge !== 'string' || !MERGES.has(merge)) {
          throw new KerasImportError(
            `${where} merges with ${String(merge)}; the app supports concat, sum, ave and mul.`,
          );
        }
        layer = tf.layers.bidirectional({
          layer: recurrentLayer(tf, inner.cls, recurrentArgs(inner.cls, inner.config, inner.where)) as tfTypes.RNN,
          mergeMode: merge as 'concat' | 'sum' | 'ave' | 'mul',
          ...first,
        });
      } else if (cls === 'Dense') {
        const units = num(config, 'units', where);
        const act = activation(config, 'activation', where, 'linear');
        layer = tf.layers.dense({ units, activation: act, useBias: bool(config, 'use_bias', true), ...first });
      } else if (cls === 'Dropout') {
        layer = tf.layers.dropout({ rate: num(config, 'rate', where), ...first });
      } else {
        layer = tf.layers.embedding({
          inputDim: num(config, 'input_dim', where),
          outputDim: num(config, 'output_dim', where),
          maskZero: bool(config, 'mask_zero', false),
          ...first,
        });
      }
      model.add(layer);
      if (cls !== 'Dropout') pending.push({ layer, group, where, bidirectional: cls === 'Bidirectional' });
    });
    for (const p of pending) {
      const weights = p.bidirectional
        ? [
            ...groupWeights(file, `${p.group}/forward_layer/cell`, p.where),
            ...groupWeights(file, `${p.group}/backward_layer/cell`, p.where),
          ]
        : groupWeights(file, file.weights.has(`${p.group}/cell/vars/0`) ? `${p.group}/cell` : p.group, p.where);
      setWeights(tf, p.layer, weights, p.where);
    }
  } catch (err) {
    model.dispose();
    throw err;
  }
  return { model, input };
}
