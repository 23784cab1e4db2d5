/**
 * A whole recurrent sequence on our native kernels, one call forward and one backward per layer
 * and direction, wrapped as a tfjs custom gradient: the rest of training (losses, clipping,
 * optimizers, weight averaging, checkpoints, exports) sees ordinary tensors in the standard
 * tfjs-layers / Keras weight layout.
 */
import type * as tfTypes from '@tensorflow/tfjs';
import { FloatBufferPool } from './buffer-pool';
import type { KernelProblem, NativeKernels } from './native-kernels';

type Tf = typeof tfTypes;
type Tensor = tfTypes.Tensor;

/** The cells the kernels compute; GRU in both of Keras' forms. */
export type NativeCell = 'LSTM' | 'GRU' | 'GRU-reset-after' | 'SimpleRNN';

/** Workspaces saved from forward for backward; each training step returns its own. */
const workspaces = new FloatBufferPool();
/** Whole-sequence output gradients built from a last-state gradient; only the addon reads them. */
const sequenceGradients = new FloatBufferPool(2);

/**
 * What a call returns: every hidden state [T,B,U], or only the last one [B,U]. A layer that does
 * not return sequences asks for the last state, so no [T,B,U] tensor is made forward and no
 * mostly-zero gradient of that size is made and copied out of TensorFlow backward.
 */
export type SequenceOutput = 'sequence' | 'last';

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
 * Runs the cell from a zero state over time-major `x` [T,B,I] and returns every hidden state
 * [T,B,U] (or, with `output` 'last', the last one [B,U]); differentiable with respect to `x` and the three weights. Weights: kernel [I, G·U],
 * recurrent kernel [U, G·U], bias [G·U] ([2, G·U] for the reset-after GRU) (gate order i,f,c,o or z,r,h).
 */
export function nativeRecurrentSequence(
  tf: Tf,
  kernels: NativeKernels,
  config: NativeCellConfig,
  x: Tensor,
  kernel: Tensor,
  recurrentKernel: Tensor,
  bias: Tensor,
  output: SequenceOutput = 'sequence',
): Tensor {
  if (x.rank !== 3 || recurrentKernel.rank !== 2) {
    throw new Error(`Native recurrent kernel: input must be [steps, batch, features], got [${x.shape.join(', ')}].`);
  }
  const [steps, batch, inputDim] = x.shape;
  const units = recurrentKernel.shape[0];
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
  };
  const shapes = {
    x: [steps, batch, inputDim],
    kernel: [inputDim, width],
    recurrent: [units, width],
    // Keras keeps the reset-after GRU's two biases as rows of one [2, 3U] weight.
    bias: config.cell === 'GRU-reset-after' ? [2, width] : [width],
    h: [steps, batch, units],
    last: [batch, units],
  };
  const lastStart = (steps - 1) * batch * units;
  const { addon } = kernels;

  /** The gradient of every hidden state when only the last one reaches the loss. */
  const lastStateGradient = (last: Float32Array): Float32Array => {
    const full = sequenceGradients.take(steps * batch * units);
    full.fill(0, 0, lastStart);
    full.set(last, lastStart);
    return full;
  };

  const run = tf.customGrad((...args: (Tensor | tfTypes.GradSaveFunc)[]) => {
    const [xs, k, r, b] = args as Tensor[];
    const xData = floats(xs, 'input', shapes.x);
    const kData = floats(k, 'kernel', shapes.kernel);
    const rData = floats(r, 'recurrent kernel', shapes.recurrent);
    const bData = floats(b, 'bias', shapes.bias);
    // Never reused: tfjs-node hands JavaScript arrays to TensorFlow without copying them, so an
    // array given to tf.tensor belongs to that tensor from then on.
    const h = new Float32Array(steps * batch * units);
    // What backward needs stays in JavaScript memory until backward has used it.
    let workspace: Float32Array | null = workspaces.take(addon.workspaceLength(problem));
    addon.forward(problem, xData, kData, rData, bData, h, workspace);
    return {
      value:
        output === 'last'
          ? tf.tensor2d(h.slice(lastStart), shapes.last as [number, number])
          : tf.tensor3d(h, shapes.h as [number, number, number]),
      gradFunc: (dy: Tensor | Tensor[]) => {
        if (!workspace) throw new Error('Native recurrent kernel: this forward pass was already differentiated once.');
        const gradient = Array.isArray(dy) ? dy[0] : dy;
        const dyData = output === 'last' ? lastStateGradient(floats(gradient, 'output gradient', shapes.last)) : null;
        const dhData = dyData ?? floats(gradient, 'output gradient', shapes.h);
        const dx = new Float32Array(xData.length);
        const dk = new Float32Array(kData.length);
        const dr = new Float32Array(rData.length);
        const db = new Float32Array(bData.length);
        addon.backward(problem, xData, kData, rData, h, workspace, dhData, dx, dk, dr, db);
        if (dyData) sequenceGradients.give(dyData);
        workspaces.give(workspace);
        workspace = null;
        return [
          tf.tensor(dx, shapes.x),
          tf.tensor(dk, shapes.kernel),
          tf.tensor(dr, shapes.recurrent),
          tf.tensor(db, shapes.bias),
        ];
      },
    };
  });
  return run(x, kernel, recurrentKernel, bias);
}
