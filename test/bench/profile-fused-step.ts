/**
 * Where one training batch of a fused-native workload spends its time: our forward and backward
 * kernel calls (timed inside the JS wrapper around the addon), the tfjs work around them, and
 * model.fit's own per-batch cost. `npx tsx test/bench/profile-fused-step.ts [workload…]`.
 */
import { loadTf } from '../../src-main/tensorflow/load-tf';
import { nativeKernels } from '../../src-main/engine/model/kernels/native-kernels';
import { buildModel, makeData } from './tfjs-engines';
import { WORKLOADS } from './workloads';

async function main(): Promise<void> {
  const { tf } = await loadTf();
  await tf.setBackend('tensorflow');
  const kernels = nativeKernels();
  if (!kernels) throw new Error('native kernels not built');
  const { addon } = kernels;
  const spent = { forward: 0, backward: 0, forwardCalls: 0, backwardCalls: 0 };
  const forward = addon.forward.bind(addon);
  const backward = addon.backward.bind(addon);
  addon.forward = (...args) => {
    const s = performance.now();
    const r = forward(...args);
    spent.forward += performance.now() - s;
    spent.forwardCalls++;
    return r;
  };
  addon.backward = (...args) => {
    const s = performance.now();
    backward(...args);
    spent.backward += performance.now() - s;
    spent.backwardCalls++;
  };
  const names = process.argv.slice(2);
  for (const w of WORKLOADS.filter((w) => names.length === 0 || names.includes(w.name))) {
    const model = buildModel(tf, 'fused', w);
    const { x, y } = makeData(tf, w, w.samples);
    const batches = w.samples / w.batchSize;
    const xs = tf.split(x, batches);
    const ys = tf.split(y, batches);
    await model.fit(x.slice(0, 128), y.slice(0, 128), { batchSize: w.batchSize, epochs: 1, verbose: 0 });
    const report = (label: string, ms: number, n: number) => {
      const per = (v: number) => (v / n).toFixed(3);
      console.log(
        `${w.name} ${label}: ${per(ms)} ms/batch; forward ${per(spent.forward)} (${spent.forwardCalls / n}/batch), ` +
          `backward ${per(spent.backward)}, rest ${per(ms - spent.forward - spent.backward)}`,
      );
    };
    for (let round = 0; round < 3; round++) {
      Object.assign(spent, { forward: 0, backward: 0, forwardCalls: 0, backwardCalls: 0 });
      let s = performance.now();
      await model.fit(x, y, { batchSize: w.batchSize, epochs: 1, verbose: 0, shuffle: true });
      report('model.fit', performance.now() - s, batches);
      Object.assign(spent, { forward: 0, backward: 0, forwardCalls: 0, backwardCalls: 0 });
      s = performance.now();
      for (let i = 0; i < batches; i++) await model.trainOnBatch(xs[i], ys[i]);
      report('trainOnBatch', performance.now() - s, batches);
      Object.assign(spent, { forward: 0, backward: 0, forwardCalls: 0, backwardCalls: 0 });
      s = performance.now();
      for (let i = 0; i < batches; i++) tf.tidy(() => model.predictOnBatch(xs[i]));
      report('predict only', performance.now() - s, batches);
    }
    model.dispose();
    tf.dispose([x, y, ...xs, ...ys]);
  }
}

void main();
