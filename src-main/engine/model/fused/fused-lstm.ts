/**
 * A whole LSTM sequence in one TensorFlow call each way: BlockLSTMV2 forward, BlockLSTMGradV2
 * backward. Weights use the tfjs-layers / Keras layout (gate order i, f, c, o), which is the op's
 * own order once kernel and recurrent kernel are stacked, so no permutation is needed.
 */
import type * as tfTypes from '@tensorflow/tfjs';
import { STEPWISE_LSTM_GRAD_MIN_UNITS, stepwiseLstmGrad } from './lstm-stepwise-grad';
import { expectShape, type RawOps } from './raw-ops';

type Tensor = tfTypes.Tensor;

/** How the backward pass runs: one BlockLSTMGradV2 call, or per step (faster for wide layers). */
export type LstmBackward = 'block' | 'stepwise';

/**
 * Runs an LSTM (sigmoid gates, tanh activation, zero initial state) over time-major `x` [T,B,I]
 * and returns every hidden state [T,B,U]. Differentiable with respect to all four inputs.
 * `backward` defaults to the faster form for the layer's width.
 */
export function fusedLstmSequence(
  ops: RawOps,
  x: Tensor,
  kernel: Tensor,
  recurrentKernel: Tensor,
  bias: Tensor,
  backward?: LstmBackward,
): Tensor {
  const { tf } = ops;
  const [steps, batch, inputDim] = x.shape;
  const units = recurrentKernel.shape[0];
  expectShape(x, [steps, batch, inputDim], 'input');
  expectShape(kernel, [inputDim, 4 * units], 'kernel');
  expectShape(recurrentKernel, [units, 4 * units], 'recurrent kernel');
  expectShape(bias, [4 * units], 'bias');
  const seqLen = ops.int64Scalar(steps);
  const attrs = [ops.floatAttr('cell_clip', 0), ops.boolAttr('use_peephole', false), ops.floatType];
  const gradAttrs = [ops.boolAttr('use_peephole', false), ops.floatType];
  const stepwise = (backward ?? (units >= STEPWISE_LSTM_GRAD_MIN_UNITS ? 'stepwise' : 'block')) === 'stepwise';

  const run = tf.customGrad((...args: (Tensor | tfTypes.GradSaveFunc)[]) => {
    const [xs, k, r, b] = args as Tensor[];
    const save = args[4] as tfTypes.GradSaveFunc;
    const w = tf.concat([k, r], 0);
    const state = tf.zeros([batch, units]);
    // The peephole weights are required inputs even with use_peephole off.
    const peephole = tf.zeros([units]);
    const forwardInputs = [seqLen, xs, state, state, w, peephole, peephole, peephole, b];
    const outputs = ops.run('BlockLSTMV2', attrs, forwardInputs, 7);
    save([xs, w, b, state, peephole, ...outputs]);
    return {
      value: outputs[6],
      gradFunc: (dy: Tensor | Tensor[], saved: Tensor[]) => {
        const hGrad = Array.isArray(dy) ? dy[0] : dy;
        const [sx, sw, sb, sState, sPeep, ...sOut] = saved;
        expectShape(hGrad, [steps, batch, units], 'output gradient');
        if (stepwise) return stepwiseLstmGrad(ops, { x: sx, w: sw, b: sb, peephole: sPeep, outputs: sOut }, hGrad);
        // The loss reaches the cell state only through h; the op adds the recurrent part itself.
        const csGrad = tf.zerosLike(hGrad);
        const gradInputs = [seqLen, sx, sState, sState, sw, sPeep, sPeep, sPeep, sb, ...sOut, csGrad, hGrad];
        const grads = ops.run('BlockLSTMGradV2', gradAttrs, gradInputs, 8);
        const wGrad = grads[3];
        return [
          grads[0],
          tf.slice(wGrad, [0, 0], [inputDim, 4 * units]),
          tf.slice(wGrad, [inputDim, 0], [units, 4 * units]),
          grads[7],
        ];
      },
    };
  });
  return run(x, kernel, recurrentKernel, bias);
}
