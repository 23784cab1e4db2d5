/**
 * Writes an ONNX model (opset 17, IR version 8) from a layer chain using the standard LSTM /
 * GRU / RNN operators. The graph input `input` is [batch, time, features] float32 (int64 token
 * ids when the model starts with an Embedding) and the output is `output`. Recurrent operators
 * run time-major (layout 0, which every runtime supports), so each one sits between Transposes.
 */
import { OnnxGraphBuilder, TensorDataType, type AttributeValue, type Dim } from './onnx-graph';
import type { ChainLayer, DenseLayer, MergeMode, ModelChain, RecurrentLayer, TensorData } from './model-chain';
import { UnsupportedModelError } from './model-chain';
import { medianNetwork } from '../engine/training/ensemble-weights';
import type { EnsembleCombination } from '../engine/training/ensemble-weights';

export const ONNX_OPSET = 17;
export const ONNX_IR_VERSION = 8;

/** How a recurrent activation is written in the ONNX RNN operators' `activations` attribute. */
interface RnnActivation {
  name: string;
  alpha?: number;
  beta?: number;
}

const RNN_ACTIVATIONS: Record<string, RnnActivation> = {
  tanh: { name: 'Tanh' },
  sigmoid: { name: 'Sigmoid' },
  relu: { name: 'Relu' },
  softsign: { name: 'Softsign' },
  softplus: { name: 'Softplus' },
  elu: { name: 'Elu', alpha: 1 },
  // tfjs' hard_sigmoid is clip(0.2x + 0.5, 0, 1), exactly ONNX HardSigmoid with these values.
  hard_sigmoid: { name: 'HardSigmoid', alpha: 0.2, beta: 0.5 },
  linear: { name: 'Affine', alpha: 1, beta: 0 },
};

function rnnActivation(name: string, where: string): RnnActivation {
  const a = RNN_ACTIVATIONS[name];
  if (!a)
    throw new UnsupportedModelError(
      `The activation "${name}" of ${where} cannot be expressed in ONNX recurrent operators.`,
    );
  return a;
}

/** Keras gate blocks → ONNX gate blocks: LSTM i,f,c,o → i,o,f,c; GRU z,r,h and RNN keep their order. */
function gateOrder(cell: RecurrentLayer['cell']): number[] {
  if (cell === 'LSTM') return [0, 3, 1, 2];
  if (cell === 'GRU') return [0, 1, 2];
  return [0];
}

/** Keras kernel [in, G·U] → ONNX [G·U, in] with the gate blocks reordered. */
function onnxGateMatrix(kernel: TensorData, units: number, order: number[]): Float32Array {
  const [rows, cols] = kernel.shape;
  const out = new Float32Array(rows * cols);
  order.forEach((src, dst) => {
    for (let u = 0; u < units; u++) {
      for (let r = 0; r < rows; r++) out[(dst * units + u) * rows + r] = kernel.values[r * cols + src * units + u];
    }
  });
  return out;
}

/** ONNX bias [Wb, Rb] (2·G·U) for one direction. */
function onnxBias(layer: RecurrentLayer, order: number[]): Float32Array {
  const g = order.length;
  const u = layer.units;
  const out = new Float32Array(2 * g * u);
  const bias = layer.weights[2];
  if (!bias) return out;
  // GRU with reset_after keeps separate input and recurrent biases as rows of a [2, 3U] matrix.
  const rows = bias.shape.length === 2 ? bias.shape[0] : 1;
  for (let row = 0; row < rows; row++) {
    order.forEach((src, dst) => {
      for (let k = 0; k < u; k++) out[row * g * u + dst * u + k] = bias.values[row * g * u + src * u + k];
    });
  }
  return out;
}

function concat(parts: Float32Array[]): Float32Array {
  const out = new Float32Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p, offset);
    offset += p.length;
  }
  return out;
}

/**
 * Adds one LSTM/GRU/RNN operator over a time-major input [time, batch, in] with the layer's
 * weights; `states` are its optional initial states (initial_h, then initial_c for an LSTM).
 * @returns its outputs: Y [time, directions, batch, units], Y_h (and Y_c for an LSTM)
 */
export function addRecurrentNode(
  g: OnnxGraphBuilder,
  timeMajor: string,
  directions: RecurrentLayer[],
  name: string,
  states: string[] = [],
): string[] {
  const first = directions[0];
  const order = gateOrder(first.cell);
  const units = first.units;
  const inputSize = first.weights[0].shape[0];
  const d = directions.length;
  const gu = order.length * units;
  const w = g.floats(
    `${name}_W`,
    [d, gu, inputSize],
    concat(directions.map((l) => onnxGateMatrix(l.weights[0], units, order))),
  );
  const r = g.floats(
    `${name}_R`,
    [d, gu, units],
    concat(directions.map((l) => onnxGateMatrix(l.weights[1], units, order))),
  );
  const b = first.useBias ? g.floats(`${name}_B`, [d, 2 * gu], concat(directions.map((l) => onnxBias(l, order)))) : '';
  // An empty name leaves an optional input out (sequence_lens: every row runs all steps).
  const inputs = states.length ? [timeMajor, w, r, b, '', ...states] : b ? [timeMajor, w, r, b] : [timeMajor, w, r];
  const fns =
    first.cell === 'LSTM'
      ? [first.recurrentActivation, first.activation, first.activation]
      : first.cell === 'GRU'
        ? [first.recurrentActivation, first.activation]
        : [first.activation];
  const acts = Array.from({ length: d }, () => fns.map((f) => rnnActivation(f, name))).flat();
  const attrs: Record<string, AttributeValue> = {
    hidden_size: units,
    direction: d === 2 ? 'bidirectional' : 'forward',
    activations: acts.map((a) => a.name),
  };
  // Alpha and beta values are consumed in the order of the activations that take them.
  const alphas = acts.filter((a) => a.alpha !== undefined).map((a) => a.alpha as number);
  const betas = acts.filter((a) => a.beta !== undefined).map((a) => a.beta as number);
  if (alphas.length) attrs.activation_alpha = { floats: alphas };
  if (betas.length) attrs.activation_beta = { floats: betas };
  if (first.cell === 'GRU') attrs.linear_before_reset = first.resetAfter ? 1 : 0;
  const opType = first.cell === 'LSTM' ? 'LSTM' : first.cell === 'GRU' ? 'GRU' : 'RNN';
  return g.node(opType, inputs, attrs, first.cell === 'LSTM' ? 3 : 2);
}

/** Adds one LSTM/GRU/RNN operator over [batch, time, in] and returns its merged output. */
function addRecurrent(
  g: OnnxGraphBuilder,
  input: string,
  directions: RecurrentLayer[],
  merge: MergeMode,
  name: string,
): string {
  const first = directions[0];
  const d = directions.length;
  // Y: [time, directions, batch, units]; Y_h: [directions, batch, units].
  const [y, yh] = addRecurrentNode(g, g.op('Transpose', [input], { perm: [1, 0, 2] }), directions, name);
  if (!first.returnSequences) {
    if (d === 1) return g.op('Squeeze', [yh, g.int64s('axes', [0])]);
    return mergeDirections(g, yh, 0, merge, () =>
      g.op('Reshape', [g.op('Transpose', [yh], { perm: [1, 0, 2] }), g.int64s('shape', [0, -1])]),
    );
  }
  if (d === 1) return g.op('Transpose', [g.op('Squeeze', [y, g.int64s('axes', [1])])], { perm: [1, 0, 2] });
  const merged = mergeDirections(g, y, 1, merge, () =>
    g.op('Reshape', [g.op('Transpose', [y], { perm: [2, 0, 1, 3] }), g.int64s('shape', [0, 0, -1])]),
  );
  // concat already produced [batch, time, 2·units]; the reductions give [time, batch, units].
  return merge === 'concat' ? merged : g.op('Transpose', [merged], { perm: [1, 0, 2] });
}

/** Merges the direction axis like Keras' Bidirectional merge_mode. */
function mergeDirections(
  g: OnnxGraphBuilder,
  t: string,
  axis: number,
  merge: MergeMode,
  concatenate: () => string,
): string {
  switch (merge) {
    case 'concat':
      return concatenate();
    case 'sum':
      return g.op('ReduceSum', [t, g.int64s('axes', [axis])], { keepdims: 0 });
    case 'ave':
      return g.op('ReduceMean', [t], { axes: [axis], keepdims: 0 });
    case 'mul':
      return g.op('ReduceProd', [t], { axes: [axis], keepdims: 0 });
  }
}

const SELU_ALPHA = 1.6732632423543772;
const SELU_GAMMA = 1.0507009873554805;

function addActivation(g: OnnxGraphBuilder, t: string, activation: string, where: string): string {
  switch (activation) {
    case 'linear':
      return t;
    case 'relu':
      return g.op('Relu', [t]);
    case 'sigmoid':
      return g.op('Sigmoid', [t]);
    case 'tanh':
      return g.op('Tanh', [t]);
    case 'softmax':
      return g.op('Softmax', [t], { axis: -1 });
    case 'elu':
      return g.op('Elu', [t], { alpha: { float: 1 } });
    case 'selu':
      return g.op('Selu', [t], { alpha: { float: SELU_ALPHA }, gamma: { float: SELU_GAMMA } });
    case 'softsign':
      return g.op('Softsign', [t]);
    case 'softplus':
      return g.op('Softplus', [t]);
    case 'hard_sigmoid':
      return g.op('HardSigmoid', [t], { alpha: { float: 0.2 }, beta: { float: 0.5 } });
    default:
      throw new UnsupportedModelError(`The activation "${activation}" of ${where} cannot be exported to ONNX.`);
  }
}

export function addDense(g: OnnxGraphBuilder, input: string, layer: DenseLayer): string {
  const [kernel, bias] = layer.weights;
  // MatMul works on [batch, in] and on [batch, time, in] alike.
  let t = g.op('MatMul', [input, g.floats(`${layer.name}_kernel`, kernel.shape, kernel.values)]);
  if (bias) t = g.op('Add', [t, g.floats(`${layer.name}_bias`, bias.shape, bias.values)]);
  return addActivation(g, t, layer.activation, layer.name);
}

export function addLayer(g: OnnxGraphBuilder, input: string, layer: ChainLayer): string {
  switch (layer.kind) {
    case 'recurrent':
      return addRecurrent(g, input, [layer], 'concat', layer.name);
    case 'bidirectional':
      return addRecurrent(g, input, [layer.forward, layer.backward], layer.merge, layer.name);
    case 'embedding': {
      if (layer.maskZero) {
        throw new UnsupportedModelError(
          `The embedding ${layer.name} masks padding (mask_zero), which the ONNX export does not support yet. Use the Keras or TensorFlow.js export.`,
        );
      }
      const [table] = layer.weights;
      return g.op('Gather', [g.floats(`${layer.name}_embeddings`, table.shape, table.values), input], { axis: 0 });
    }
    case 'dropout':
      // Dropout does nothing at prediction time.
      return input;
    case 'dense':
      return addDense(g, input, layer);
    case 'reshape':
      // 0 keeps the batch size from the input.
      return g.op('Reshape', [input, g.int64s('shape', [0, ...layer.targetShape])]);
  }
}

function dims(shape: (number | null)[], names: string[]): Dim[] {
  return ['batch', ...shape.map((d, i) => (d === null ? (names[i] ?? `dim_${i}`) : d))];
}

/** The bytes of an .onnx file for the chain. */
export function buildOnnxModel(chain: ModelChain, metadata: Record<string, string> = {}): Uint8Array {
  const g = new OnnxGraphBuilder();
  let t = 'input';
  for (const layer of chain.layers) t = addLayer(g, t, layer);
  g.identity(t, 'output');
  return encodeModel(g, chain, metadata);
}

/**
 * The bytes of an .onnx file for an ensemble: every member chain reads `input`, and `output` is
 * their per-element median from Min, Max and Mean operators, or their mean from one Mean
 * operator (the app's ensemble-weights.ts).
 */
export function buildOnnxEnsemble(
  members: ModelChain[],
  metadata: Record<string, string> = {},
  combine: EnsembleCombination = 'median',
): Uint8Array {
  const g = new OnnxGraphBuilder();
  const outputs = members.map((chain) => chain.layers.reduce((t, layer) => addLayer(g, t, layer), 'input'));
  const joined =
    combine === 'mean' && outputs.length > 1
      ? g.op('Mean', outputs)
      : medianNetwork(outputs, {
          min: (a, b) => g.op('Min', [a, b]),
          max: (a, b) => g.op('Max', [a, b]),
          mean: (a, b) => g.op('Mean', [a, b]),
        });
  g.identity(joined, 'output');
  return encodeModel(g, members[0], metadata);
}

function encodeModel(g: OnnxGraphBuilder, chain: ModelChain, metadata: Record<string, string>): Uint8Array {
  const ids = chain.inputKind === 'ids';
  return g.encode({
    input: {
      name: 'input',
      elemType: ids ? TensorDataType.INT64 : TensorDataType.FLOAT,
      dims: dims(chain.inputShape, ['time', 'features']),
    },
    output: { name: 'output', dims: dims(chain.outputShape, ['time']) },
    opset: ONNX_OPSET,
    irVersion: ONNX_IR_VERSION,
    producer: 'Recurrent Studio',
    docString: 'Exported by Recurrent Studio from a TensorFlow.js layers model.',
    metadata,
  });
}
