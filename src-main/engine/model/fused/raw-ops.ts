/**
 * Thin access to TensorFlow's own ops through the tfjs-node backend, with the shape checks that
 * must happen before every call: malformed inputs to the fused recurrent ops can abort the whole
 * process instead of raising an error.
 */
import type * as tfTypes from '@tensorflow/tfjs';
import type { Tf } from '../../../tensorflow/load-tf';

type Tensor = tfTypes.Tensor;

/** One attribute of a TensorFlow op call, as the tfjs-node binding expects it. */
export interface OpAttr {
  name: string;
  type: number;
  value: boolean | number | string | number[];
}

/** The parts of the tfjs-node binding we use. */
interface NativeBinding {
  TF_FLOAT: number;
  TF_INT32: number;
  TF_INT64: number;
  TF_ATTR_FLOAT: number;
  TF_ATTR_BOOL: number;
  TF_ATTR_TYPE: number;
}

/** The parts of the tfjs-node kernel backend we use. */
interface NativeBackend {
  binding: NativeBinding;
  executeSingleOutput(name: string, attrs: OpAttr[], inputs: Tensor[]): Tensor;
  executeMultipleOutputs(name: string, attrs: OpAttr[], inputs: Tensor[], numOutputs: number): Tensor[];
}

/** Runs TensorFlow ops by name on the native backend. */
export interface RawOps {
  tf: Tf;
  /** Runs an op with `numOutputs` outputs; the inputs must already have been shape-checked. */
  run(name: string, attrs: OpAttr[], inputs: Tensor[], numOutputs: number): Tensor[];
  /** `T: float` attribute. */
  floatType: OpAttr;
  boolAttr(name: string, value: boolean): OpAttr;
  floatAttr(name: string, value: number): OpAttr;
  /** An int64 scalar holding `value` (cached and kept: made once per distinct value). */
  int64Scalar(value: number): Tensor;
  /**
   * 2-D float matmul as one TensorFlow call. tf.matMul goes through BatchMatMul with reshapes
   * around it and costs several times more per call; that adds up in per-step loops. No gradient
   * is recorded: use it only where the caller writes the gradient itself.
   */
  matMul(a: Tensor, b: Tensor, transposeA?: boolean, transposeB?: boolean): Tensor;
  /** Elementwise float a + b (same shapes) as one TensorFlow call; no gradient is recorded. */
  add(a: Tensor, b: Tensor): Tensor;
}

function isNativeBackend(backend: unknown): backend is NativeBackend {
  const candidate = backend as Partial<NativeBackend> | null;
  return (
    candidate != null &&
    typeof candidate.executeMultipleOutputs === 'function' &&
    typeof candidate.executeSingleOutput === 'function' &&
    candidate.binding != null &&
    typeof candidate.binding.TF_INT64 === 'number'
  );
}

const rawOpsCache = new WeakMap<object, RawOps>();

/** Raw op access for the current backend, or null when it is not native TensorFlow. */
export function getRawOps(tf: Tf): RawOps | null {
  if (tf.getBackend() !== 'tensorflow') return null;
  const backend: unknown = tf.backend();
  if (!isNativeBackend(backend)) return null;
  const cached = rawOpsCache.get(backend);
  if (cached) return cached;
  const { binding } = backend;
  const int64Cache = new Map<number, Tensor>();
  const floatType: OpAttr = { name: 'T', type: binding.TF_ATTR_TYPE, value: binding.TF_FLOAT };
  const bool = (name: string, value: boolean): OpAttr => ({ name, type: binding.TF_ATTR_BOOL, value });
  const matMulAttrs = [false, true].map((a) =>
    [false, true].map((b) => [bool('transpose_a', a), bool('transpose_b', b), floatType]),
  );
  const ops: RawOps = {
    tf,
    matMul: (a, b, transposeA = false, transposeB = false) => {
      const [m, k] = transposeA ? [a.shape[1], a.shape[0]] : a.shape;
      const [k2, n] = transposeB ? [b.shape[1], b.shape[0]] : b.shape;
      // Checked here: a malformed call could take the process down instead of raising.
      if (a.rank !== 2 || b.rank !== 2 || k !== k2 || a.dtype !== 'float32' || b.dtype !== 'float32') {
        throw new Error(`Fused recurrent kernel: cannot multiply [${a.shape.join(', ')}] by [${b.shape.join(', ')}].`);
      }
      if (m === 0 || n === 0) throw new Error('Fused recurrent kernel: empty matmul.');
      return backend.executeSingleOutput('MatMul', matMulAttrs[Number(transposeA)][Number(transposeB)], [a, b]);
    },
    add: (a, b) => {
      if (a.shape.length !== b.shape.length || a.shape.some((d, i) => d !== b.shape[i])) {
        throw new Error(`Fused recurrent kernel: cannot add [${a.shape.join(', ')}] and [${b.shape.join(', ')}].`);
      }
      return backend.executeSingleOutput('AddV2', [floatType], [a, b]);
    },
    run: (name, attrs, inputs, numOutputs) =>
      numOutputs === 1
        ? [backend.executeSingleOutput(name, attrs, inputs)]
        : backend.executeMultipleOutputs(name, attrs, inputs, numOutputs),
    floatType,
    boolAttr: bool,
    floatAttr: (name, value) => ({ name, type: binding.TF_ATTR_FLOAT, value }),
    int64Scalar: (value) => {
      const hit = int64Cache.get(value);
      if (hit && !hit.isDisposed) return hit;
      const attrs: OpAttr[] = [
        { name: 'SrcT', type: binding.TF_ATTR_TYPE, value: binding.TF_INT32 },
        { name: 'DstT', type: binding.TF_ATTR_TYPE, value: binding.TF_INT64 },
        { name: 'Truncate', type: binding.TF_ATTR_BOOL, value: false },
      ];
      // tfjs-node warns on every int64 output; this one is made once per sequence length and
      // only ever passed back to TensorFlow, so the warning would be noise in the run log.
      const warn = console.warn;
      console.warn = () => undefined;
      let made: Tensor;
      try {
        made = tf.keep(tf.tidy(() => backend.executeSingleOutput('Cast', attrs, [tf.scalar(value, 'int32')])));
      } finally {
        console.warn = warn;
      }
      int64Cache.set(value, made);
      return made;
    },
  };
  rawOpsCache.set(backend, ops);
  return ops;
}

/** Throws unless `tensor` is float32 with exactly `shape`. */
export function expectShape(tensor: Tensor, shape: readonly number[], what: string): void {
  const actual = tensor.shape;
  const same = actual.length === shape.length && actual.every((size, i) => size === shape[i]);
  if (!same || tensor.dtype !== 'float32') {
    throw new Error(
      `Fused recurrent kernel: ${what} must be float32 [${shape.join(', ')}], got ${tensor.dtype} [${actual.join(', ')}].`,
    );
  }
  if (shape.some((size) => !Number.isInteger(size) || size <= 0)) {
    throw new Error(`Fused recurrent kernel: ${what} has an empty or invalid dimension [${shape.join(', ')}].`);
  }
}

/** For hidden states H [T,B,U] from a zero start, the state before each step: [0, h_0 … h_{T-2}]. */
export function previousStates(tf: Tf, hAll: Tensor): Tensor {
  const [steps, batch, units] = hAll.shape;
  const start = tf.zeros([1, batch, units]);
  return steps === 1 ? start : tf.concat([start, tf.slice(hAll, [0, 0, 0], [steps - 1, -1, -1])], 0);
}
