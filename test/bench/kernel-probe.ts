/** Scratch: BlockLSTMGradV2 vs stepwise backward, min of repeats. */
import { createRequire } from 'node:module';
import type * as tfTypes from '@tensorflow/tfjs';
import { fusedLstmSequence } from '../../src-main/engine/fused/fused-lstm';
import { getRawOps } from '../../src-main/engine/fused/raw-ops';
const tf = createRequire(import.meta.url)('@tensorflow/tfjs-node') as typeof tfTypes;
const ops = getRawOps(tf)!;
const [T, B, I, U] = process.argv.slice(2).map(Number);
const x = tf.randomNormal([T, B, I]);
const k = tf.randomNormal([I, 4 * U], 0, 0.1);
const r = tf.randomNormal([U, 4 * U], 0, 0.1);
const b = tf.zeros([4 * U]);
const best: Record<string, number> = {};
for (let rep = 0; rep < 6; rep++)
  for (const form of ['block', 'stepwise'] as const) {
    const s = performance.now();
    tf.tidy(() =>
      tf
        .grads((k2: tfTypes.Tensor, r2: tfTypes.Tensor) => tf.sum(fusedLstmSequence(ops, x, k2, r2, b, form)))([
          k,
          r,
        ])[1]
        .dataSync(),
    );
    best[form] = Math.min(best[form] ?? Infinity, performance.now() - s);
  }
console.log(
  `T=${T} B=${B} I=${I} U=${U}`,
  Object.entries(best)
    .map(([n, v]) => `${n} ${v.toFixed(1)}ms`)
    .join('  '),
);
