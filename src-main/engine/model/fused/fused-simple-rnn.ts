/**
 * SimpleRNN with a hand-written backward pass. TensorFlow has no fused op for it, but the input
 * projection (forward) and every weight gradient (backward) are batched over all steps, leaving
 * three small ops per step each way instead of autodiff's many.
 */
import type * as tfTypes from '@tensorflow/tfjs';
import { expectShape, previousStates, type RawOps } from './raw-ops';

type Tensor = tfTypes.Tensor;

/** Activations whose derivative can be computed from the layer's output alone. */
export const FUSED_SIMPLE_RNN_ACTIVATIONS = ['tanh', 'relu', 'sigmoid', 'linear'] as const;
export type FusedSimpleRnnActivation = (typeof FUSED_SIMPLE_RNN_ACTIVATIONS)[number];

/**
 * Runs h_t = act(x_t·K + h_{t-1}·R + b) from a zero state over time-major `x` [T,B,I] and returns
 * every hidden state [T,B,U].
 */
export function fusedSimpleRnnSequence(
  ops: RawOps,
  x: Tensor,
  kernel: Tensor,
  recurrentKernel: Tensor,
  bias: Tensor,
  activation: FusedSimpleRnnActivation,
): Tensor {
  const { tf } = ops;
  const [steps, batch, inputDim] = x.shape;
  const units = recurrentKernel.shape[0];
  expectShape(x, [steps, batch, inputDim], 'input');
  expectShape(kernel, [inputDim, units], 'kernel');
  expectShape(recurrentKernel, [units, units], 'recurrent kernel');
  expectShape(bias, [units], 'bias');
  const rows = steps * batch;
  const act = (t: Tensor): Tensor => {
    if (activation === 'tanh') return tf.tanh(t);
    if (activation === 'relu') return tf.relu(t);
    if (activation === 'sigmoid') return tf.sigmoid(t);
    return t;
  };
  /** d act / d pre-activation, written in terms of the output h. */
  const slope = (h: Tensor): Tensor | null => {
    if (activation === 'tanh') return tf.sub(1, tf.square(h));
    if (activation === 'relu') return tf.cast(tf.greater(h, 0), 'float32');
    if (activation === 'sigmoid') return tf.mul(h, tf.sub(1, h));
    return null;
  };

  const run = tf.customGrad((...args: (Tensor | tfTypes.GradSaveFunc)[]) => {
    const [xs, k, r, b] = args as Tensor[];
    const save = args[4] as tfTypes.GradSaveFunc;
    const projected = tf.unstack(
      tf.reshape(tf.add(ops.matMul(tf.reshape(xs, [rows, inputDim]), k), b), [steps, batch, units]),
    );
    const hs: Tensor[] = [];
    let h = act(projected[0]);
    hs.push(h);
    for (let t = 1; t < steps; t++) {
      h = act(ops.add(projected[t], ops.matMul(h, r)));
      hs.push(h);
    }
    const hAll = tf.stack(hs);
    save([xs, k, r, hAll]);
    return {
      value: hAll,
      gradFunc: (dy: Tensor | Tensor[], saved: Tensor[]) => {
        const hGrad = Array.isArray(dy) ? dy[0] : dy;
        expectShape(hGrad, [steps, batch, units], 'output gradient');
        const [sx, sk, sr, sH] = saved;
        const slopeAll = slope(sH);
        const slopes = slopeAll ? tf.unstack(slopeAll) : null;
        const dySteps = tf.unstack(hGrad);
        // Transposed once: MatMul with transpose_b set is much slower per call.
        const recurrentT = tf.transpose(sr);
        const das: Tensor[] = new Array<Tensor>(steps);
        let dhNext: Tensor | null = null;
        for (let t = steps - 1; t >= 0; t--) {
          const dh: Tensor = dhNext ? ops.add(dySteps[t], dhNext) : dySteps[t];
          const da = slopes ? tf.mul(dh, slopes[t]) : dh;
          das[t] = da;
          if (t > 0) dhNext = ops.matMul(da, recurrentT);
        }
        const da2 = tf.reshape(tf.stack(das), [rows, units]);
        const hPrev2 = tf.reshape(previousStates(tf, sH), [rows, units]);
        return [
          tf.reshape(ops.matMul(da2, sk, false, true), [steps, batch, inputDim]),
          ops.matMul(tf.reshape(sx, [rows, inputDim]), da2, true, false),
          ops.matMul(hPrev2, da2, true, false),
          tf.sum(da2, 0),
        ];
      },
    };
  });
  return run(x, kernel, recurrentKernel, bias);
}
