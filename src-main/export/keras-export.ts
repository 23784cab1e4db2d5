/**
 * Writes a Keras 3 `.keras` file (zip of metadata.json, config.json, model.weights.h5) from a
 * layer chain. Keras 3 defaults differ from tfjs-layers (GRU reset_after, recurrent activation),
 * so every such argument is written out. The weights file follows Keras' own layout: one group
 * per layer named after its class (lstm, lstm_1, …) with datasets 0, 1, 2 in variable order.
 */
import { zipSync, strToU8 } from 'fflate';
import type { BidirectionalLayer, ChainLayer, ModelChain, RecurrentLayer, TensorData } from './model-chain';
import { UnsupportedModelError } from './model-chain';

/** The Keras release whose file layout this writer follows. */
export const KERAS_FORMAT_VERSION = '3.15.1';

/**
 * tfjs' hard_sigmoid is clip(0.2x + 0.5, 0, 1); Keras 3's is relu6(x + 3) / 6 = clip(x/6 + 0.5).
 * The two agree when the input is scaled by 1.2, so gates that use it get their weights scaled.
 */
const HARD_SIGMOID_SCALE = 1.2;

export const KERAS_ACTIVATIONS = new Set([
  'linear',
  'tanh',
  'sigmoid',
  'hard_sigmoid',
  'relu',
  'elu',
  'selu',
  'softsign',
  'softmax',
  'softplus',
  'relu6',
]);

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };
export type JsonObject = { [key: string]: JsonValue };

function kerasActivation(name: string, where: string): string {
  if (!KERAS_ACTIVATIONS.has(name))
    throw new UnsupportedModelError(`The activation "${name}" of ${where} has no Keras equivalent.`);
  return name;
}

const CLASS_NAMES: Record<RecurrentLayer['cell'], string> = { LSTM: 'LSTM', GRU: 'GRU', SimpleRNN: 'SimpleRNN' };
/** Keras' snake_case of each class name, used for weight group names. */
export const GROUP_NAMES: Record<string, string> = {
  LSTM: 'lstm',
  GRU: 'gru',
  SimpleRNN: 'simple_rnn',
  Bidirectional: 'bidirectional',
  Embedding: 'embedding',
  Dropout: 'dropout',
  Dense: 'dense',
  Reshape: 'reshape',
  InputLayer: 'input_layer',
  Cropping2D: 'cropping2d',
  Concatenate: 'concatenate',
  Dot: 'dot',
  Activation: 'activation',
};

/** The Keras config of a recurrent layer, every argument whose default differs written out. */
export function recurrentConfig(layer: RecurrentLayer): JsonObject {
  if (layer.activation === 'hard_sigmoid') {
    throw new UnsupportedModelError(
      `The hidden activation hard_sigmoid of ${layer.name} has no exact Keras equivalent.`,
    );
  }
  const config: JsonObject = {
    name: layer.name,
    trainable: true,
    units: layer.units,
    activation: kerasActivation(layer.activation, layer.name),
    use_bias: layer.useBias,
    return_sequences: layer.returnSequences,
    return_state: false,
    go_backwards: false,
    stateful: false,
    unroll: false,
    dropout: layer.dropout,
    recurrent_dropout: layer.recurrentDropout,
  };
  if (layer.cell !== 'SimpleRNN') config.recurrent_activation = kerasActivation(layer.recurrentActivation, layer.name);
  if (layer.cell === 'LSTM') config.unit_forget_bias = true;
  if (layer.cell === 'GRU') config.reset_after = layer.resetAfter;
  return config;
}

/** The Keras class name of a chain layer. */
export function layerClass(layer: ChainLayer): string {
  switch (layer.kind) {
    case 'recurrent':
      return CLASS_NAMES[layer.cell];
    case 'bidirectional':
      return 'Bidirectional';
    case 'embedding':
      return 'Embedding';
    case 'dropout':
      return 'Dropout';
    case 'dense':
      return 'Dense';
    case 'reshape':
      return 'Reshape';
  }
}

/** The Keras config of a chain layer. */
export function layerConfig(layer: ChainLayer): JsonObject {
  switch (layer.kind) {
    case 'recurrent':
      return recurrentConfig(layer);
    case 'bidirectional':
      return {
        name: layer.name,
        trainable: true,
        merge_mode: layer.merge,
        layer: {
          module: 'keras.layers',
          class_name: CLASS_NAMES[layer.forward.cell],
          config: recurrentConfig(layer.forward),
        },
      };
    case 'embedding':
      return {
        name: layer.name,
        trainable: true,
        input_dim: layer.inputDim,
        output_dim: layer.outputDim,
        mask_zero: layer.maskZero,
      };
    case 'dropout':
      return { name: layer.name, trainable: true, rate: layer.rate, noise_shape: null, seed: null };
    case 'dense':
      return {
        name: layer.name,
        trainable: true,
        units: layer.units,
        activation: kerasActivation(layer.activation, layer.name),
        use_bias: layer.useBias,
      };
    case 'reshape':
      return { name: layer.name, trainable: true, target_shape: layer.targetShape };
  }
}

/** The config.json object Keras' load_model reads. */
export function kerasConfig(chain: ModelChain): JsonObject {
  const input: JsonObject = {
    module: 'keras.layers',
    class_name: 'InputLayer',
    config: {
      name: 'input',
      batch_shape: [null, ...chain.inputShape],
      dtype: chain.inputKind === 'ids' ? 'int32' : 'float32',
      sparse: false,
    },
  };
  const layers = chain.layers.map((layer): JsonObject => ({
    module: 'keras.layers',
    class_name: layerClass(layer),
    config: layerConfig(layer),
  }));
  return {
    module: 'keras',
    class_name: 'Sequential',
    config: { name: 'sequential', trainable: true, layers: [input, ...layers] },
    registered_name: null,
  };
}

/** Scales the given gate blocks (columns of a [rows, gates·units] matrix or a bias) in a copy. */
function scaleGates(t: TensorData, units: number, gates: number[], factor: number): TensorData {
  const values = Float32Array.from(t.values);
  const width = t.shape[t.shape.length - 1];
  for (let i = 0; i < values.length; i++) {
    if (gates.includes(Math.floor((i % width) / units))) values[i] *= factor;
  }
  return { shape: t.shape, values };
}

/** Keras-ready weights of a recurrent layer: identical, or gate-scaled for hard_sigmoid. */
export function recurrentWeights(layer: RecurrentLayer): TensorData[] {
  if (layer.cell === 'SimpleRNN' || layer.recurrentActivation !== 'hard_sigmoid') return layer.weights;
  // LSTM gates i, f, c, o: i, f, o use the gate activation. GRU z, r, h: z and r do.
  const gates = layer.cell === 'LSTM' ? [0, 1, 3] : [0, 1];
  return layer.weights.map((w) => scaleGates(w, layer.units, gates, HARD_SIGMOID_SCALE));
}

export function denseWeights(weights: TensorData[], activation: string): TensorData[] {
  if (activation !== 'hard_sigmoid') return weights;
  return weights.map((w) => ({ shape: w.shape, values: w.values.map((v) => v * HARD_SIGMOID_SCALE) }));
}

/** Datasets to store, keyed by HDF5 group path ('' groups are created empty). */
export interface WeightGroups {
  groups: string[];
  datasets: { group: string; name: string; tensor: TensorData }[];
}

/** Lays out the weights exactly as Keras' saving_lib names them. */
export function kerasWeightGroups(chain: ModelChain): WeightGroups {
  const names = new KerasGroupNames();
  const layout: WeightGroups = { groups: ['layers', 'vars'], datasets: [] };
  for (const layer of chain.layers) addLayerWeights(layout, names.next(layerClass(layer)), layer);
  return { groups: [...new Set(layout.groups)], datasets: layout.datasets };
}

/**
 * Keras names each layer's weight group after its class in snake_case, counting repeats in the
 * model's layer order: lstm, lstm_1, …
 */
export class KerasGroupNames {
  private readonly used = new Map<string, number>();

  /** The group path (layers/…) of the next layer of this class. */
  next(className: string): string {
    const snake = GROUP_NAMES[className] ?? className.replace(/([a-z])([A-Z])/g, '$1_$2').toLowerCase();
    const count = this.used.get(snake);
    this.used.set(snake, count === undefined ? 0 : count + 1);
    return `layers/${count === undefined ? snake : `${snake}_${count + 1}`}`;
  }
}

/** Adds one layer's groups and datasets under `base` (layers/<group name>). */
export function addLayerWeights(layout: WeightGroups, base: string, layer: ChainLayer): void {
  const add = (group: string, weights: TensorData[]) => {
    layout.groups.push(group);
    weights.forEach((tensor, i) => layout.datasets.push({ group, name: String(i), tensor }));
  };
  const addRecurrent = (at: string, r: RecurrentLayer) => {
    layout.groups.push(at, `${at}/vars`, `${at}/cell`);
    add(`${at}/cell/vars`, recurrentWeights(r));
  };
  switch (layer.kind) {
    case 'recurrent':
      addRecurrent(base, layer);
      break;
    case 'bidirectional':
      layout.groups.push(base, `${base}/vars`);
      addRecurrent(`${base}/forward_layer`, layer.forward);
      addRecurrent(`${base}/backward_layer`, (layer as BidirectionalLayer).backward);
      break;
    case 'embedding':
      layout.groups.push(base);
      add(`${base}/vars`, layer.weights);
      break;
    case 'dense':
      layout.groups.push(base);
      add(`${base}/vars`, denseWeights(layer.weights, layer.activation));
      break;
    case 'dropout':
    case 'reshape':
      layout.groups.push(base, `${base}/vars`);
      break;
  }
}

let fileCounter = 0;

/** Writes model.weights.h5 in memory (h5wasm's in-memory file system) and returns its bytes. */
export async function kerasWeightsH5(chain: ModelChain): Promise<Uint8Array> {
  return weightsH5(kerasWeightGroups(chain));
}

/** Writes the given groups and datasets as model.weights.h5 bytes. */
export async function weightsH5(layout: WeightGroups): Promise<Uint8Array> {
  const h5wasm = await import('h5wasm');
  const module = await h5wasm.ready;
  const path = `/model-${process.pid}-${++fileCounter}.weights.h5`;
  const file = new h5wasm.File(path, 'w');
  try {
    // h5wasm creates one level at a time: parents first (the list is in creation order).
    for (const group of layout.groups) {
      const slash = group.lastIndexOf('/');
      const parent = slash < 0 ? file : file.get(group.slice(0, slash));
      if (!(parent instanceof h5wasm.Group)) throw new Error(`HDF5 group ${group.slice(0, slash)} is missing`);
      parent.create_group(group.slice(slash + 1));
    }
    for (const d of layout.datasets) {
      const group = file.get(d.group);
      if (!(group instanceof h5wasm.Group)) throw new Error(`HDF5 group ${d.group} is missing`);
      group.create_dataset({ name: d.name, data: d.tensor.values, shape: d.tensor.shape, dtype: '<f' });
    }
  } finally {
    file.close();
  }
  // The bytes are only complete after close().
  const bytes = module.FS.readFile(path);
  module.FS.unlink(path);
  return bytes;
}

function timestamp(date: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${p(date.getMonth() + 1)}-${p(date.getDate())}@${p(date.getHours())}:${p(date.getMinutes())}:${p(date.getSeconds())}`;
}

/** The bytes of a `.keras` file for the chain. */
export async function buildKerasFile(chain: ModelChain, now = new Date()): Promise<Uint8Array> {
  return kerasZip(kerasConfig(chain), await kerasWeightsH5(chain), now);
}

/** A `.keras` file from its config.json object and model.weights.h5 bytes. */
export function kerasZip(config: JsonObject, weights: Uint8Array, now = new Date()): Uint8Array {
  const metadata = { keras_version: KERAS_FORMAT_VERSION, date_saved: timestamp(now) };
  // Keras stores the members uncompressed, in this order.
  return zipSync(
    {
      'metadata.json': strToU8(JSON.stringify(metadata)),
      'config.json': strToU8(JSON.stringify(config)),
      'model.weights.h5': weights,
    },
    { level: 0, mtime: now },
  );
}
