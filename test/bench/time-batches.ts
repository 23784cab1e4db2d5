/**
 * Milliseconds per training batch of one workload on one engine, in a process of its own; prints
 * one JSON line. `ab-trees.ts` runs it in two checkouts of the app, alternating, to compare code
 * before and after a change under the same machine conditions.
 *
 *   npx tsx test/bench/time-batches.ts ENGINE WORKLOAD EPOCHS
 *
 * ENGINE is `fused` (model.fit on the fused layers with the app's Adam) or `studio` (the app's
 * own training loop). After a warm-up epoch, each of EPOCHS epochs is timed; the line holds each
 * epoch's milliseconds per batch and their median.
 */
import { loadTf } from '../../src-main/tensorflow/load-tf';
import { runStudioLoop } from './studio-engine';
import { buildModel, makeData } from './tfjs-engines';
import { WORKLOADS } from './workloads';

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function main(): Promise<void> {
  const [engine, name, epochArg] = process.argv.slice(2);
  const w = WORKLOADS.find((x) => x.name === name);
  const epochs = Number(epochArg ?? 3);
  if (!w || !(engine === 'fused' || engine === 'studio') || !(epochs >= 1)) {
    throw new Error('usage: time-batches.ts fused|studio WORKLOAD EPOCHS');
  }
  const { tf } = await loadTf();
  await tf.setBackend('tensorflow');
  const batches = Math.ceil(w.samples / w.batchSize);
  let perEpoch: number[];
  if (engine === 'studio') {
    const result = await runStudioLoop(tf, w, epochs);
    // The loop reports samples per second per epoch; only their median and range come back.
    perEpoch = [result.samplesPerSecond, ...result.spread].map((s) => (1000 * w.batchSize) / s);
  } else {
    const model = buildModel(tf, 'fused', w);
    const { x, y } = makeData(tf, w, w.samples);
    perEpoch = [];
    for (let e = 0; e <= epochs; e++) {
      const start = performance.now();
      await model.fit(x, y, { batchSize: w.batchSize, epochs: 1, verbose: 0, shuffle: true });
      if (e > 0) perEpoch.push((performance.now() - start) / batches);
    }
    model.dispose();
    tf.dispose([x, y]);
  }
  const msPerBatch = engine === 'studio' ? perEpoch[0] : median(perEpoch);
  process.stdout.write(`${JSON.stringify({ engine, workload: w.name, msPerBatch, epochs: perEpoch })}\n`);
}

void main();
