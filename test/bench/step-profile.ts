/** Scratch profile of one training step's parts on the reference workload. */
import { createRequire } from 'node:module';
import type * as tfTypes from '@tensorflow/tfjs';
import { createFlatAdam } from '../../src-main/engine/fused/flat-adam';
import { applyGradientStep } from '../../src-main/engine/fused/gradient-step';
import { createRecurrentLayer } from '../../src-main/engine/fused/index';

const tf = createRequire(import.meta.url)('@tensorflow/tfjs-node') as typeof tfTypes;
const [B, T, F, U] = [64, 50, 4, Number(process.argv[2] ?? 64)];
const model = tf.sequential();
model.add(
  createRecurrentLayer(
    tf,
    'LSTM',
    {
      units: U,
      activation: 'tanh',
      recurrentActivation: 'sigmoid',
      returnSequences: false,
      dropout: 0,
      recurrentDropout: 0,
      bidirectional: false,
      merge: 'concat',
      seed: 1,
      inputShape: [T, F],
    },
    true,
  ).layer,
);
model.add(tf.layers.dense({ units: 1 }));
const vars = model.trainableWeights.map((w) => w.read() as tfTypes.Variable);
const opt = tf.train.adam(1e-3);
const flatOpt = createFlatAdam(tf, 1e-3);
const groups = model.layers.map((l) => ({ variables: l.trainableWeights.map((w) => w.read() as tfTypes.Variable) }));
const xData = new Float32Array(B * T * F).map(() => Math.random());
const yData = new Float32Array(B).map(() => Math.random());
const time: Record<string, number> = {};
const tick = (name: string, start: number) => (time[name] = (time[name] ?? 0) + performance.now() - start);
const N = 40;
for (let i = 0; i < N + 5; i++) {
  if (i === 5) for (const k of Object.keys(time)) time[k] = 0;
  let s = performance.now();
  tf.tidy(() => {
    const xs = tf.tensor(xData, [B, T, F]);
    const ys = tf.tensor(yData, [B, 1]);
    tick('tensors', s);
    s = performance.now();
    const pred = model.apply(xs, { training: true }) as tfTypes.Tensor;
    tf.losses.meanSquaredError(ys, pred).dataSync();
    tick('forward only', s);
    s = performance.now();
    const { value, grads } = tf.variableGrads(
      () => tf.losses.meanSquaredError(ys, model.apply(xs, { training: true }) as tfTypes.Tensor) as tfTypes.Scalar,
      vars,
    );
    tick('fwd+bwd', s);
    s = performance.now();
    tf.tidy(() => applyGradientStep(tf, flatOpt, groups, grads, { mode: 'norm', value: 1 }, true).dataSync());
    tick('NEW flat step', s);
    s = performance.now();
    const norms = vars.map((v) => tf.sqrt(tf.sum(tf.square(grads[v.name]))));
    const g = tf.sqrt(tf.addN(norms.map((n) => tf.square(n))));
    const scale = tf.minimum(1, tf.div(1, tf.maximum(g, 1e-12)));
    const clipped: tfTypes.NamedTensorMap = {};
    for (const [n, gr] of Object.entries(grads)) clipped[n] = tf.mul(gr, scale);
    tick('norms+clip', s);
    s = performance.now();
    value.dataSync();
    tick('dataSync', s);
    s = performance.now();
    opt.applyGradients(clipped);
    tick('adam', s);
  });
}
for (const [k, v] of Object.entries(time)) console.log(k.padEnd(14), (v / N).toFixed(2), 'ms');
s0();
function s0() {
  const a = tf.ones([64, 64]);
  const st = performance.now();
  for (let i = 0; i < 2000; i++) tf.tidy(() => tf.add(a, a));
  console.log('tiny op', (((performance.now() - st) / 2000) * 1000).toFixed(1), 'us');
  const sc = performance.now();
  for (let i = 0; i < 2000; i++) tf.tidy(() => tf.mul(a, 0.5));
  console.log('op with js scalar', (((performance.now() - sc) / 2000) * 1000).toFixed(1), 'us');
}
