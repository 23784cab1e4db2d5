/**
 * A format-neutral description of an exportable model: a chain of standard layers with their
 * settings and weights. Built from the tfjs-layers topology (snake_case, Keras-2 style) and the
 * weights of the loaded model; the Keras and ONNX writers read only this.
 */

/** One weight array, row-major float32. */
export interface TensorData {
  shape: number[];
  values: Float32Array;
}

export type RecurrentCell = 'LSTM' | 'GRU' | 'SimpleRNN';
export type MergeMode = 'concat' | 'sum' | 'ave' | 'mul';

/** LSTM / GRU / SimpleRNN with weights [kernel, recurrent_kernel, bias?] in Keras order. */
export interface RecurrentLayer {
  kind: 'recurrent';
  name: string;
  cell: RecurrentCell;
  units: number;
  /** Activation names as stored in model.json (snake_case, e.g. 'tanh', 'hard_sigmoid'). */
  activation: string;
  /** Gate activation (LSTM, GRU); 'sigmoid' for SimpleRNN, which has none. */
  recurrentActivation: string;
  useBias: boolean;
  returnSequences: boolean;
  dropout: number;
  recurrentDropout: number;
  /** GRU bias layout: [3U] when false, [2, 3U] when true. */
  resetAfter: boolean;
  weights: TensorData[];
}

export interface BidirectionalLayer {
  kind: 'bidirectional';
  name: string;
  merge: MergeMode;
  forward: RecurrentLayer;
  backward: RecurrentLayer;
}

export interface EmbeddingLayer {
  kind: 'embedding';
  name: string;
  inputDim: number;
  outputDim: number;
  maskZero: boolean;
  weights: TensorData[];
}

export interface DropoutLayer {
  kind: 'dropout';
  name: string;
  rate: number;
}

export interface DenseLayer {
  kind: 'dense';
  name: string;
  units: number;
  activation: string;
  useBias: boolean;
  weights: TensorData[];
}

export interface ReshapeLayer {
  kind: 'reshape';
  name: string;
  targetShape: number[];
}

export type ChainLayer =
  RecurrentLayer | BidirectionalLayer | EmbeddingLayer | DropoutLayer | DenseLayer | ReshapeLayer;

/** A linear stack of layers fed by one input. */
export interface ModelChain {
  /** Input shape without the batch axis; null where any length is accepted. */
  inputShape: (number | null)[];
  /** Token ids (first layer is an Embedding) or float values. */
  inputKind: 'ids' | 'values';
  layers: ChainLayer[];
  /** Output shape without the batch axis. */
  outputShape: (number | null)[];
}

/** The model uses something the exporters cannot express; the message names it. */
export class UnsupportedModelError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UnsupportedModelError';
  }
}

type Json = Record<string, unknown>;

interface TopologyLayer {
  className: string;
  config: Json;
}

function asObject(value: unknown, what: string): Json {
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new UnsupportedModelError(`The model description is damaged: ${what} is missing.`);
  }
  return value as Json;
}

function num(config: Json, key: string, fallback?: number): number {
  const v = config[key];
  if (typeof v === 'number' && Number.isFinite(v)) return v;
  if (fallback !== undefined && (v === undefined || v === null)) return fallback;
  throw new UnsupportedModelError(`The model description is damaged: "${key}" is not a number.`);
}

function bool(config: Json, key: string, fallback: boolean): boolean {
  const v = config[key];
  return typeof v === 'boolean' ? v : fallback;
}

function str(config: Json, key: string, fallback: string): string {
  const v = config[key];
  return typeof v === 'string' ? v : fallback;
}

function shapeOf(value: unknown): (number | null)[] | null {
  if (!Array.isArray(value)) return null;
  return value.map((d) => (typeof d === 'number' ? d : null));
}

/** Lists the layers of a Sequential or single-path functional topology, in order. */
function topologyLayers(topology: Json): { layers: TopologyLayer[]; batchInputShape: (number | null)[] | null } {
  const className = str(topology, 'class_name', '');
  const config = topology.config;
  const raw: unknown[] = Array.isArray(config) ? config : (asObject(config, 'the layer list').layers as unknown[]);
  if (!Array.isArray(raw)) throw new UnsupportedModelError('The model description lists no layers.');
  const all = raw.map((l) => {
    const o = asObject(l, 'a layer');
    return { className: str(o, 'class_name', ''), config: asObject(o.config, 'a layer configuration'), raw: o };
  });
  if (className !== 'Sequential' && className !== 'Model' && className !== 'Functional') {
    throw new UnsupportedModelError(`Models of type "${className}" cannot be exported; only layer stacks can.`);
  }
  let batchInputShape: (number | null)[] | null = null;
  const layers: TopologyLayer[] = [];
  let previous: string | null = null;
  for (const l of all) {
    if (className !== 'Sequential') {
      // A functional model is exportable when every layer reads the one before it.
      const nodes = Array.isArray(l.raw.inbound_nodes) ? (l.raw.inbound_nodes as unknown[]) : [];
      const inbound = nodes.flatMap((n) => (Array.isArray(n) ? n : [])).map((e) => (Array.isArray(e) ? e[0] : null));
      const expected = previous === null ? [] : [previous];
      if (inbound.length !== expected.length || inbound.some((name, i) => name !== expected[i])) {
        throw new UnsupportedModelError('Only models whose layers form a single chain can be exported.');
      }
      previous = str(l.config, 'name', '');
    }
    if (l.className === 'InputLayer') {
      batchInputShape = shapeOf(l.config.batch_input_shape ?? l.config.batch_shape);
      continue;
    }
    if (!batchInputShape) batchInputShape = shapeOf(l.config.batch_input_shape);
    layers.push({ className: l.className, config: l.config });
  }
  return { layers, batchInputShape };
}

function recurrentFrom(className: string, config: Json, weights: TensorData[]): RecurrentLayer {
  if (className !== 'LSTM' && className !== 'GRU' && className !== 'SimpleRNN') {
    throw new UnsupportedModelError(`The recurrent layer type "${className}" cannot be exported.`);
  }
  const name = str(config, 'name', className.toLowerCase());
  for (const flag of ['stateful', 'return_state', 'go_backwards', 'unroll'] as const) {
    if (bool(config, flag, false)) {
      throw new UnsupportedModelError(`The layer ${name} uses "${flag}", which the export does not support.`);
    }
  }
  const useBias = bool(config, 'use_bias', true);
  if (weights.length !== (useBias ? 3 : 2)) {
    throw new UnsupportedModelError(
      `The layer ${name} has ${weights.length} weight arrays; expected ${useBias ? 3 : 2}.`,
    );
  }
  return {
    kind: 'recurrent',
    name,
    cell: className,
    units: num(config, 'units'),
    activation: str(config, 'activation', 'tanh'),
    // tfjs-layers' own default for LSTM/GRU is hard_sigmoid; model.json always spells it out.
    recurrentActivation: className === 'SimpleRNN' ? 'sigmoid' : str(config, 'recurrent_activation', 'hard_sigmoid'),
    useBias,
    returnSequences: bool(config, 'return_sequences', false),
    dropout: num(config, 'dropout', 0),
    recurrentDropout: num(config, 'recurrent_dropout', 0),
    resetAfter: className === 'GRU' && bool(config, 'reset_after', false),
    weights,
  };
}

function withoutBatch(shape: (number | null)[]): (number | null)[] {
  return shape.slice(1);
}

function nextShape(layer: ChainLayer, shape: (number | null)[]): (number | null)[] {
  switch (layer.kind) {
    case 'recurrent':
    case 'bidirectional': {
      const r = layer.kind === 'recurrent' ? layer : layer.forward;
      const width = layer.kind === 'bidirectional' && layer.merge === 'concat' ? 2 * r.units : r.units;
      return r.returnSequences ? [shape[0] ?? null, width] : [width];
    }
    case 'embedding':
      return [...shape, layer.outputDim];
    case 'dense':
      return [...shape.slice(0, -1), layer.units];
    case 'dropout':
      return shape;
    case 'reshape': {
      const known = shape.every((d) => d !== null) ? shape.reduce<number>((n, d) => n * (d ?? 1), 1) : null;
      const fixed = layer.targetShape.filter((d) => d !== -1).reduce((n, d) => n * d, 1);
      return layer.targetShape.map((d) => (d === -1 ? (known === null ? null : known / fixed) : d));
    }
  }
}

/**
 * Describes one layer of a tfjs-layers topology (its class name and snake_case config).
 * @param weightsOf returns the layer's weights in getWeights() order
 */
export function describeLayer(
  className: string,
  config: Json,
  weightsOf: (layerName: string) => TensorData[],
): ChainLayer {
  const name = str(config, 'name', className.toLowerCase());
  const weights = () => weightsOf(name);
  switch (className) {
    case 'LSTM':
    case 'GRU':
    case 'SimpleRNN':
      return recurrentFrom(className, config, weights());
    case 'Bidirectional': {
      const inner = asObject(config.layer, 'the wrapped layer of a Bidirectional layer');
      const all = weights();
      const half = all.length / 2;
      const innerConfig = asObject(inner.config, 'the wrapped layer configuration');
      const innerClass = str(inner, 'class_name', '');
      const merge = str(config, 'merge_mode', 'concat');
      if (merge !== 'concat' && merge !== 'sum' && merge !== 'ave' && merge !== 'mul') {
        throw new UnsupportedModelError(`The merge mode "${merge}" of ${name} cannot be exported.`);
      }
      return {
        kind: 'bidirectional',
        name,
        merge,
        forward: recurrentFrom(innerClass, innerConfig, all.slice(0, half)),
        backward: recurrentFrom(innerClass, innerConfig, all.slice(half)),
      };
    }
    case 'Embedding':
      return {
        kind: 'embedding',
        name,
        inputDim: num(config, 'input_dim'),
        outputDim: num(config, 'output_dim'),
        maskZero: bool(config, 'mask_zero', false),
        weights: weights(),
      };
    case 'Dropout':
      return { kind: 'dropout', name, rate: num(config, 'rate', 0) };
    case 'Dense': {
      const useBias = bool(config, 'use_bias', true);
      const w = weights();
      if (w.length !== (useBias ? 2 : 1)) throw new UnsupportedModelError(`The layer ${name} has unexpected weights.`);
      return {
        kind: 'dense',
        name,
        units: num(config, 'units'),
        activation: str(config, 'activation', 'linear'),
        useBias,
        weights: w,
      };
    }
    case 'TimeDistributed': {
      // A dense layer applied at every step (the per-step labeling head) is a dense layer on the
      // last axis, which is what Keras' Dense and ONNX's MatMul do with a sequence input.
      const inner = asObject(config.layer, 'the wrapped layer of a TimeDistributed layer');
      const innerClass = str(inner, 'class_name', '');
      if (innerClass !== 'Dense') {
        throw new UnsupportedModelError(
          `The layer ${name} wraps a "${innerClass}" layer, which cannot be exported yet.`,
        );
      }
      const innerConfig = asObject(inner.config, 'the wrapped layer configuration');
      return describeLayer('Dense', { ...innerConfig, name }, weightsOf);
    }
    case 'Reshape': {
      const target = shapeOf(config.target_shape);
      if (!target || target.some((d) => d === null))
        throw new UnsupportedModelError(`The layer ${name} has no target shape.`);
      return { kind: 'reshape', name, targetShape: target as number[] };
    }
    default:
      throw new UnsupportedModelError(`The layer type "${className}" (${name}) cannot be exported yet.`);
  }
}

/**
 * Describes a tfjs-layers topology (model.json's modelTopology) as a layer chain.
 * @param weightsOf returns the layer's weights in getWeights() order
 */
export function describeModel(topology: unknown, weightsOf: (layerName: string) => TensorData[]): ModelChain {
  const root = asObject(topology, 'the topology');
  // model.json nests the Keras-style description under model_config in some writers.
  const modelConfig = root.model_config ? asObject(root.model_config, 'model_config') : root;
  const { layers: raw, batchInputShape } = topologyLayers(modelConfig);
  if (!batchInputShape) throw new UnsupportedModelError('The model does not record its input shape.');
  const layers = raw.map(({ className, config }) => describeLayer(className, config, weightsOf));
  if (layers.length === 0) throw new UnsupportedModelError('The model has no layers to export.');
  const inputShape = withoutBatch(batchInputShape);
  let shape = inputShape;
  for (const layer of layers) shape = nextShape(layer, shape);
  return { inputShape, inputKind: layers[0].kind === 'embedding' ? 'ids' : 'values', layers, outputShape: shape };
}
