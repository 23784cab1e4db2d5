/**
 * The large arrays our kernels write in training (a layer's hidden states, the gradients), handed
 * out again once the tensors made from them are gone, so a training step makes no fresh arrays of
 * that size. Fresh ones cost more than their allocation: V8 counts them as external memory, and a
 * 2-layer bidirectional LSTM(64) made about 1.6 MB of them per batch, enough for a full garbage
 * collection every few batches.
 *
 * Why an array is not simply reused once its tensor is disposed: tfjs-node keeps the array a
 * tensor was made from as that tensor's memory, without copying it (`write` stores it; `readSync`
 * returns it), until an op first reads the tensor. Then it hands the same memory to TensorFlow as
 * the memory of a TensorFlow tensor (`TF_NewTensor` over the array, again without a copy), and
 * TensorFlow may keep that memory after the tfjs tensor is disposed: a Reshape's output, for one,
 * shares its input's buffer. So an array is handed out again only when the backend has dropped
 * the tensor made from it (every tensor sharing its data disposed) and never gave it to
 * TensorFlow; one that reached TensorFlow is forgotten and left to garbage collection. When the
 * backend does not look as described (another backend, another tfjs-node), nothing is reused.
 *
 * Only training uses it: a prediction's output is read by the caller, who may keep the values
 * `dataSync` returned (the array itself) after disposing the tensor.
 */
import type * as tfTypes from '@tensorflow/tfjs';

type Tf = typeof tfTypes;

/** What tfjs-node's backend keeps per tensor data: the array until TensorFlow has it, then its id. */
interface BackendData {
  values: unknown;
  id: number;
}

interface BackendStorage {
  get(dataId: object): BackendData | undefined;
  has(dataId: object): boolean;
}

/** An array lent out as a tensor's memory, and what the backend keeps for that tensor. */
interface Lent {
  array: Float32Array;
  dataId: object;
  data: BackendData;
}

/** Arrays kept per length: a training step of a deep bidirectional model lends a few at a time. */
const KEPT_PER_LENGTH = 8;

/** The tfjs-node backend's store of tensor data, or null when the backend is not one that has it. */
function backendStorage(tf: Tf): BackendStorage | null {
  const storage = (tf.backend() as unknown as { tensorMap?: Partial<BackendStorage> }).tensorMap;
  return storage && typeof storage.get === 'function' && typeof storage.has === 'function'
    ? (storage as BackendStorage)
    : null;
}

/** Lends float arrays as the memory of tensors and takes them back once nothing can read them. */
export class ReusableArrays {
  private readonly lent = new Map<number, Lent[]>();

  /**
   * A float array of `length` whose contents are stale: one lent before and free again, or a
   * new one. The caller overwrites every element and makes a tensor of it with `tensor`.
   */
  take(tf: Tf, length: number): Float32Array {
    const list = this.lent.get(length);
    const storage = list && backendStorage(tf);
    if (!list || !storage) return new Float32Array(length);
    for (let i = 0; i < list.length; i++) {
      const { array, dataId, data } = list[i];
      if (storage.has(dataId)) continue;
      list.splice(i--, 1);
      // Still the backend's own array, never given to TensorFlow: nothing else can read it.
      if (data.values === array && !(data.id >= 0)) return array;
    }
    return new Float32Array(length);
  }

  /** A tensor of `shape` over `array` (from `take`), which is lent until the tensor is gone. */
  tensor(tf: Tf, array: Float32Array, shape: number[]): tfTypes.Tensor {
    const tensor = tf.tensor(array, shape, 'float32');
    const data = backendStorage(tf)?.get(tensor.dataId);
    let list = this.lent.get(array.length);
    if (!list) this.lent.set(array.length, (list = []));
    if (data && data.values === array && list.length < KEPT_PER_LENGTH) {
      list.push({ array, dataId: tensor.dataId, data });
    }
    return tensor;
  }

  /** How many arrays are lent out or free to take again (for tests). */
  size(): number {
    let n = 0;
    for (const list of this.lent.values()) n += list.length;
    return n;
  }
}
