/**
 * GRU through TensorFlow's GRUBlockCell / GRUBlockCellGrad, one call per step each way (there is
 * no whole-sequence GRU op on the CPU). The weight gradients are gathered over all steps and
 * computed as one matmul each instead of one per step.
 *
 * tfjs-layers / Keras (reset_after false) keep the gates in the order z, r, h; the op wants
 * w_ru = [[K_r, K_z]; [R_r, R_z]], w_c = [K_h; R_h], b_ru = [b_r, b_z], b_c = b_h (u is z).
 */
import type * as tfTypes from '@tensorflow/tfjs';
import { expectShape, previousStates, type RawOps } from './raw-ops';

type Tensor = tfTypes.Tensor;

/**
 * Runs a GRU (sigmoid gates, tanh activation, reset before the recurrent matmul, zero initial
 * state) over time-major `x` [T,B,I] and returns every hidden state [T,B,U].
 */
export function fusedGruSequence(
  ops: RawOps,
  x: Tensor,
  kernel: Tensor,
  recurrentKernel: Tensor,
  bias: Tensor,
): Tensor {
  const { tf } = ops;
  const [steps, batch, inputDim] = x.shape;
  const units = recurrentKernel.shape[0];
  expectShape(x, [steps, batch, inputDim], 'input');
  expectShape(kernel, [inputDim, 3 * units], 'kernel');
  expectShape(recurrentKernel, [units, 3 * units], 'recurrent kernel');
  expectShape(bias, [3 * units], 'bias');
  const attrs = [ops.floatType];
  const cols = (m: Tensor, block: number, count = 1) => tf.slice(m, [0, block * units], [-1, count * units]);

  const run = tf.customGrad((...args: (Tensor | tfTypes.GradSaveFunc)[]) => {
    const [xs, k, r, b] = args as Tensor[];
    const save = args[4] as tfTypes.GradSaveFunc;
    const w = tf.concat([k, r], 0);
    const wRu = tf.concat([cols(w, 1), cols(w, 0)], 1);
    const wC = cols(w, 2);
    const bRu = tf.concat([tf.slice(b, [units], [units]), tf.slice(b, [0], [units])]);
    const bC = tf.slice(b, [2 * units], [units]);
    const xSteps = tf.unstack(xs);
    let h = tf.zeros([batch, units]);
    const hs: Tensor[] = [];
    const rs: Tensor[] = [];
    const us: Tensor[] = [];
    const cs: Tensor[] = [];
    for (const xt of xSteps) {
      const [rt, ut, ct, ht] = ops.run('GRUBlockCell', attrs, [xt, h, wRu, wC, bRu, bC], 4);
      rs.push(rt);
      us.push(ut);
      cs.push(ct);
      hs.push(ht);
      h = ht;
    }
    const hAll = tf.stack(hs);
    save([xs, wRu, wC, bRu, bC, hAll, tf.stack(rs), tf.stack(us), tf.stack(cs)]);
    return {
      value: hAll,
      gradFunc: (dy: Tensor | Tensor[], saved: Tensor[]) => {
        const hGrad = Array.isArray(dy) ? dy[0] : dy;
        expectShape(hGrad, [steps, batch, units], 'output gradient');
        const [sx, sRu, sC, sbRu, sbC, sH, sR, sU, sCand] = saved;
        const hPrevAll = previousStates(tf, sH);
        const xSteps = tf.unstack(sx);
        const hPrev = tf.unstack(hPrevAll);
        const rSteps = tf.unstack(sR);
        const uSteps = tf.unstack(sU);
        const cSteps = tf.unstack(sCand);
        const dySteps = tf.unstack(hGrad);
        const dxs: Tensor[] = new Array<Tensor>(steps);
        const dcs: Tensor[] = new Array<Tensor>(steps);
        const drus: Tensor[] = new Array<Tensor>(steps);
        let dhNext: Tensor | null = null;
        for (let t = steps - 1; t >= 0; t--) {
          const dh: Tensor = dhNext ? ops.add(dySteps[t], dhNext) : dySteps[t];
          const inputs = [xSteps[t], hPrev[t], sRu, sC, sbRu, sbC, rSteps[t], uSteps[t], cSteps[t], dh];
          const [dx, dhPrev, dcBar, druBar] = ops.run('GRUBlockCellGrad', attrs, inputs, 4);
          dxs[t] = dx;
          dcs[t] = dcBar;
          drus[t] = druBar;
          dhNext = dhPrev;
        }
        const rows = steps * batch;
        const dRu = tf.reshape(tf.stack(drus), [rows, 2 * units]);
        const dC = tf.reshape(tf.stack(dcs), [rows, units]);
        const x2 = tf.reshape(sx, [rows, inputDim]);
        const hPrev2 = tf.reshape(hPrevAll, [rows, units]);
        const resetPrev2 = tf.reshape(tf.mul(sR, hPrevAll), [rows, units]);
        const dWRu = ops.matMul(tf.concat([x2, hPrev2], 1), dRu, true, false);
        const dWC = ops.matMul(tf.concat([x2, resetPrev2], 1), dC, true, false);
        const dbRu = tf.sum(dRu, 0);
        const dbC = tf.sum(dC, 0);
        // Back to the z, r, h column order of the layer's weights.
        const toLayer = (m: Tensor, c: Tensor) => tf.concat([cols(m, 1), cols(m, 0), c], 1);
        const kernelGrad = toLayer(tf.slice(dWRu, [0, 0], [inputDim, -1]), tf.slice(dWC, [0, 0], [inputDim, -1]));
        const recurrentGrad = toLayer(
          tf.slice(dWRu, [inputDim, 0], [units, -1]),
          tf.slice(dWC, [inputDim, 0], [units, -1]),
        );
        const biasGrad = tf.concat([tf.slice(dbRu, [units], [units]), tf.slice(dbRu, [0], [units]), dbC]);
        return [tf.stack(dxs), kernelGrad, recurrentGrad, biasGrad];
      },
    };
  });
  return run(x, kernel, recurrentKernel, bias);
}
