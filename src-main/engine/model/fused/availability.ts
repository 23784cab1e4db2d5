/**
 * Whether the fused kernels can run here: the native TensorFlow backend is active and its
 * library has the recurrent ops (a custom or trimmed libtensorflow may lack them).
 */
import type { Tf } from '../../../tensorflow/load-tf';
import { getRawOps } from './raw-ops';

const probed = new WeakMap<object, string | null>();

/** Null when fused kernels can be used, otherwise the reason they cannot (for the run log). */
export function fusedUnavailableReason(tf: Tf): string | null {
  const ops = getRawOps(tf);
  if (!ops) return `fused kernels need the native TensorFlow backend (current backend: '${tf.getBackend()}')`;
  const known = probed.get(ops);
  if (known !== undefined) return known;
  let reason: string | null = null;
  try {
    // The smallest valid call of each op family, with every shape checked by hand.
    tf.tidy(() => {
      // Even sizes: TensorFlow logs a warning for odd batch and cell sizes.
      const x = tf.zeros([1, 2, 2]);
      const state = tf.zeros([2, 2]);
      const vec = tf.zeros([2]);
      ops.run(
        'BlockLSTMV2',
        [ops.floatAttr('cell_clip', 0), ops.boolAttr('use_peephole', false), ops.floatType],
        [ops.int64Scalar(1), x, state, state, tf.zeros([4, 8]), vec, vec, vec, tf.zeros([8])],
        7,
      );
      ops.run(
        'GRUBlockCell',
        [ops.floatType],
        [state, state, tf.zeros([4, 4]), tf.zeros([4, 2]), tf.zeros([4]), vec],
        4,
      );
    });
  } catch (error) {
    reason = `the TensorFlow library lacks the fused recurrent ops (${(error as Error).message})`;
  }
  probed.set(ops, reason);
  return reason;
}
