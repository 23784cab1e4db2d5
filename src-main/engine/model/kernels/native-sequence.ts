/**
 * A whole recurrent sequence on our native kernels, one call forward and one backward per layer
 * and direction, wrapped as a tfjs custom gradient: the rest of training (losses, clipping,
 * optimizers, weight averaging, checkpoints, exports) sees ordinary tensors in the standard
 * tfjs-layers / Keras weight layout.
 *
 * What the forward pass keeps for the backward pass (gates, cell states, every hidden state)
 * stays in the addon's memory behind a handle, in buffers it reuses from step to step; only the
 * layer's input, weights, output and gradients cross between JavaScript and TensorFlow.
 */
import type * as tfTypes from '@tensorflow/tfjs';
import type { KernelProblem, NativeKernels, SavedSequence } from './native-kernels';
import { ReusableArrays } from './reusable-arrays';

type Tf = typeof tfTypes;
type Tensor = tfTypes.Tensor;

/** The cells the kernels compute; GRU in both of Keras' forms. */
export type NativeCell = 'LSTM' | 'GRU' | 'GRU-reset-after' | 'SimpleRNN';

/**
 * What a call returns: every hidden state, or only the last one [B,U]. A layer that does not
 * return sequences asks for the last state, so no whole-sequence tensor is made forward and no
 * mostly-zero gradient of that size is made and copied out of TensorFlow backward.
 */
export type SequenceOutput = 'sequence' | 'last';

/** How a call reads its input and returns its output. */
export interface SequenceOptions {
  output: SequenceOutput;
  /**
   * x is [B,T,I] and a returned sequence [B,T,U], as tfjs-layers tensors are; otherwise both are
   * time-major ([T,B,·]). The addon reorders while it copies, so TensorFlow transposes nothing.
   */
  batchMajor: boolean;
  /**
   * Runs from the last step to the first (the backward direction of a bidirectional layer). A
   * returned sequence keeps the caller's time order: its step t is the state after reading steps
   * T−1 … t.
   */
  reversed: boolean;
}

const DEFAULT_OPTIONS: SequenceOptions = { output: 'sequence', batchMajor: false, reversed: false };

const CELL_CODES: Record<NativeCell, number> = { LSTM: 0, GRU: 1, 'GRU-reset-after': 2, SimpleRNN: 3 };
const GATES: Record<NativeCell, number> = { LSTM: 4, GRU: 3, 'GRU-reset-after': 3, SimpleRNN: 1 };

/** Activation names (as the forms and tfjs-layers spell them) and the addon's codes for them. */
export const NATIVE_ACTIVATION_CODES = {
  tanh: 0,
  relu: 1,
  sigmoid: 2,
  elu: 3,
  selu: 4,
  softsign: 5,
  linear: 6,
  hardSigmoid: 7,
} as const;
export type NativeActivation = keyof typeof NATIVE_ACTIVATION_CODES;

/** True when the kernels compute `name` (any hidden or recurrent activation the forms offer). */
export function isNativeActivation(name: string): name is NativeActivation {
  return Object.prototype.hasOwnProperty.call(NATIVE_ACTIVATION_CODES, name);
}

/** The cell and its activations; `recurrentActivation` drives the gates of LSTM and GRU. */
export interface NativeCellConfig {
  cell: NativeCell;
  activation: NativeActivation;
  recurrentActivation: NativeActivation;
}

function floats(tensor: Tensor, what: string, shape: readonly number[]): Float32Array {
  const same = tensor.shape.length === shape.length && tensor.shape.every((d, i) => d === shape[i]);
  if (!same || tensor.dtype !== 'float32') {
    throw new Error(
      `Native recurrent kernel: ${what} must be float32 [${shape.join(', ')}], got ${tensor.dtype} [${tensor.shape.join(', ')}].`,
    );
  }
  return tensor.dataSync() as Float32Array;
}

/**
 * Runs one addon call on the threads the tuner picks for its kind (or on `kernels.threads`) and
 * reports how long it took.
 */
function timedCall<T>(
  kernels: NativeKernels,
  problem: KernelProblem,
  pass: 'forward' | 'backward',
  call: (problem: KernelProblem) => T,
): T {
  const tuner = kernels.threadTuner;
  if (!tuner || kernels.threads <= 1) return call(problem);
  const { cell, activation, recurrentActivation, steps, batch, inputDim, units, lastOnly, save } = problem;
  const kind = `${pass} ${cell}/${activation}/${recurrentActivation} ${steps}×${batch}×${inputDim}→${units} ${lastOnly ? 'last' : 'all'}${save ? ' saved' : ''}`;
  const threads = tuner.choose(kind, kernels.threads);
  const start = performance.now();
  const result = call({ ...problem, threads });
  tuner.record(kind, threads, performance.now() - start);
  return result;
}

/** A call's problem for the addon and the shapes of its arrays, checked. */
interface PreparedCall {
  problem: KernelProblem;
  shapes: { x: number[]; kernel: number[]; recurrent: number[]; bias: number[]; out: number[] };
}

function prepareCall(
  tf: Tf,
  kernels: NativeKernels,
  config: NativeCellConfig,
  x: Tensor,
  recurrentKernel: Tensor,
  options: SequenceOptions,
): PreparedCall {
  const { output, batchMajor, reversed } = options;
  if (x.rank !== 3 || recurrentKernel.rank !== 2) {
    const order = batchMajor ? 'batch, steps' : 'steps, batch';
    throw new Error(`Native recurrent kernel: input must be [${order}, features], got [${x.shape.join(', ')}].`);
  }
  const [outer, inner, inputDim] = x.shape as [number, number, number];
  const [steps, batch] = batchMajor ? [inner, outer] : [outer, inner];
  const units = (recurrentKernel.shape as [number, number])[0];
  const width = GATES[config.cell] * units;
  if ([steps, batch, inputDim, units].some((d) => !Number.isInteger(d) || d <= 0)) {
    throw new Error(`Native recurrent kernel: empty input or layer ([${x.shape.join(', ')}], ${units} units).`);
  }
  const problem: KernelProblem = {
    cell: CELL_CODES[config.cell],
    activation: NATIVE_ACTIVATION_CODES[config.activation],
    recurrentActivation: NATIVE_ACTIVATION_CODES[config.recurrentActivation],
    steps,
    batch,
    inputDim,
    units,
    threads: kernels.threads,
    batchMajor,
    reversed,
    lastOnly: output === 'last',
    // Only a forward pass under a gradient tape can be differentiated; prediction and
    // evaluation keep nothing for a backward pass that never comes.
    save: tf.engine().isTapeOn(),
  };
  const sequenceShape = (d: number): number[] => (batchMajor ? [batch, steps, d] : [steps, batch, d]);
  return {
    problem,
    shapes: {
      x: sequenceShape(inputDim),
      kernel: [inputDim, width],
      recurrent: [units, width],
      // Keras keeps the reset-after GRU's two biases as rows of one [2, 3U] weight.
      bias: config.cell === 'GRU-reset-after' ? [2, width] : [width],
      out: output === 'last' ? [batch, units] : sequenceShape(units),
    },
  };
}

const size = (shape: readonly number[]): number => shape.reduce((a, d) => a * d, 1);

/**
 * Training's outputs and gradients, reused from step to step once their tensors are gone
 * (reusable-arrays.ts). Every kernel call overwrites all of an array it is handed.
 */
const trainingArrays = new ReusableArrays();

/** A new array for the output of a forward pass: reused in training, fresh for prediction. */
function outputArray(tf: Tf, call: PreparedCall, shape: number[]): Float32Array {
  return call.problem.save ? trainingArrays.take(tf, size(shape)) : new Float32Array(size(shape));
}

/** The tensor over an array from `outputArray` (or a gradient from `backwardCall`). */
function arrayTensor(tf: Tf, call: PreparedCall, array: Float32Array, shape: number[]): Tensor {
  return call.problem.save ? trainingArrays.tensor(tf, array, shape) : tf.tensor(array, shape);
}

/** One direction's weights as the addon reads them. */
interface WeightData {
  kernel: Float32Array;
  recurrent: Float32Array;
  bias: Float32Array;
}

function weightData(call: PreparedCall, kernel: Tensor, recurrentKernel: Tensor, bias: Tensor): WeightData {
  return {
    kernel: floats(kernel, 'kernel', call.shapes.kernel),
    recurrent: floats(recurrentKernel, 'recurrent kernel', call.shapes.recurrent),
    bias: floats(bias, 'bias', call.shapes.bias),
  };
}

/** Forward pass of one direction into `out`; the handle backward needs, when training. */
function forwardCall(
  kernels: NativeKernels,
  call: PreparedCall,
  x: Float32Array,
  w: WeightData,
  // Not in use by any tensor: tfjs-node hands JavaScript arrays to TensorFlow without copying
  // them, so an array given to tf.tensor belongs to that tensor while it lives.
  out: Float32Array,
): { out: Float32Array; saved: SavedSequence | null } {
  const saved = timedCall(kernels, call.problem, 'forward', (p) =>
    kernels.addon.forward(p, x, w.kernel, w.recurrent, w.bias, out),
  );
  return { out, saved: saved ?? null };
}

/**
 * Backward pass of one direction: the gradients of x (into `dx`), kernel, recurrent kernel and
 * bias, in arrays to make tensors of with `arrayTensor`.
 */
function backwardCall(
  tf: Tf,
  kernels: NativeKernels,
  call: PreparedCall,
  saved: SavedSequence,
  w: WeightData,
  dy: Float32Array,
  dx: Float32Array = trainingArrays.take(tf, size(call.shapes.x)),
): [Float32Array, Float32Array, Float32Array, Float32Array] {
  const { shapes } = call;
  const weightShapes = [shapes.kernel, shapes.recurrent, shapes.bias];
  const grads = [dx, ...weightShapes.map((s) => trainingArrays.take(tf, size(s)))];
  timedCall(kernels, call.problem, 'backward', (p) =>
    kernels.addon.backward(p, saved, w.kernel, w.recurrent, dy, grads[0], grads[1], grads[2], grads[3]),
  );
  return grads as [Float32Array, Float32Array, Float32Array, Float32Array];
}

const NOT_DIFFERENTIABLE = 'Native recurrent kernel: this forward pass cannot be differentiated (again).';

/**
 * Runs the cell from a zero state over `x` and returns every hidden state (or, with `output`
 * 'last', the last one [B,U]); differentiable with respect to `x` and the three weights.
 * Weights: kernel [I, G·U], recurrent kernel [U, G·U], bias [G·U] ([2, G·U] for the reset-after
 * GRU) (gate order i,f,c,o or z,r,h).
 */
export function nativeRecurrentSequence(
  tf: Tf,
  kernels: NativeKernels,
  config: NativeCellConfig,
  x: Tensor,
  kernel: Tensor,
  recurrentKernel: Tensor,
  bias: Tensor,
  options: Partial<SequenceOptions> = {},
): Tensor {
  const call = prepareCall(tf, kernels, config, x, recurrentKernel, { ...DEFAULT_OPTIONS, ...options });
  const { shapes } = call;
  const run = tf.customGrad((...args: (Tensor | tfTypes.GradSaveFunc)[]) => {
    const [xs, k, r, b] = args as Tensor[];
    const xData = floats(xs, 'input', shapes.x);
    const w = weightData(call, k, r, b);
    const forward = forwardCall(kernels, call, xData, w, outputArray(tf, call, shapes.out));
    let saved = forward.saved;
    return {
      value: arrayTensor(tf, call, forward.out, shapes.out),
      gradFunc: (dy: Tensor | Tensor[]) => {
        if (!saved) throw new Error(NOT_DIFFERENTIABLE);
        const dyData = floats(Array.isArray(dy) ? dy[0] : dy, 'output gradient', shapes.out);
        const current = saved;
        saved = null;
        const grads = backwardCall(tf, kernels, call, current, w, dyData);
        return [shapes.x, shapes.kernel, shapes.recurrent, shapes.bias].map((shape, i) =>
          arrayTensor(tf, call, grads[i], shape),
        );
      },
    };
  });
  return run(x, kernel, recurrentKernel, bias);
}

/**
 * Both directions of a bidirectional layer whose outputs are concatenated ([·, 2U]: the forward
 * direction's states, then the backward one's), in one differentiable call: x is read once, each
 * direction writes its half of the joined output and reads its half of the output gradient, and
 * the second adds its input gradient to the first's — no TensorFlow concat, split or add, and
 * nothing copied into TensorFlow and back between stacked layers. `options.reversed` is ignored:
 * the second direction always runs from the end.
 */
export function nativeBidirectionalConcat(
  tf: Tf,
  kernels: NativeKernels,
  config: NativeCellConfig,
  x: Tensor,
  forwardWeights: [Tensor, Tensor, Tensor],
  backwardWeights: [Tensor, Tensor, Tensor],
  options: Partial<SequenceOptions> = {},
): Tensor {
  const merged = { ...DEFAULT_OPTIONS, ...options };
  const calls = [false, true].map((reversed, d) => {
    const call = prepareCall(tf, kernels, config, x, forwardWeights[1], { ...merged, reversed });
    const units = call.shapes.recurrent[0];
    const joined = { outWidth: 2 * units, outOffset: d * units, addInputGradient: d === 1 };
    return { ...call, problem: { ...call.problem, ...joined } };
  });
  const { shapes } = calls[0];
  const outShape = [...shapes.out.slice(0, -1), 2 * shapes.recurrent[0]];
  const run = tf.customGrad((...args: (Tensor | tfTypes.GradSaveFunc)[]) => {
    const [xs, ...weights] = args as Tensor[];
    const xData = floats(xs, 'input', shapes.x);
    const w = calls.map((call, d) => weightData(call, weights[3 * d], weights[3 * d + 1], weights[3 * d + 2]));
    const out = outputArray(tf, calls[0], outShape);
    let saved = calls.map((call, d) => forwardCall(kernels, call, xData, w[d], out).saved);
    return {
      value: arrayTensor(tf, calls[0], out, outShape),
      gradFunc: (dy: Tensor | Tensor[]) => {
        const [first, second] = saved;
        if (!first || !second) throw new Error(NOT_DIFFERENTIABLE);
        saved = [null, null];
        const dyData = floats(Array.isArray(dy) ? dy[0] : dy, 'output gradient', outShape);
        // The first direction writes dx, the second adds its own (addInputGradient).
        const dx = trainingArrays.take(tf, size(shapes.x));
        const grads = [first, second].map((handle, d) => backwardCall(tf, kernels, calls[d], handle, w[d], dyData, dx));
        const weightShapes = [shapes.kernel, shapes.recurrent, shapes.bias];
        return [
          arrayTensor(tf, calls[0], dx, shapes.x),
          ...grads.flatMap((g) => weightShapes.map((shape, i) => arrayTensor(tf, calls[0], g[i + 1], shape))),
        ];
      },
    };
  });
  return run(x, ...forwardWeights, ...backwardWeights);
}
