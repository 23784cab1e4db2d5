/**
 * Text bundles: the shipped scripts classify texts and generate text exactly as the app's own
 * classifyText / generateText do, on tiny models trained here (a few epochs; the numbers need
 * not be good, only equal).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type * as tfTypes from '@tensorflow/tfjs';
import { strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeTokens, vocabularyIndex } from '../../src-main/data/prepare/text';
import { runExperiment } from '../../src-main/engine/run-experiment';
import { classifyText, generateText } from '../../src-main/model-use/text-inference';
import { TrainControl } from '../../src-main/engine/training/train-control';
import { importTfjsModel } from '../../src-main/export/index';
import { loadTf } from '../../src-main/tensorflow/load-tf';
import { parseSpec, type ExperimentSpecInput } from '../../src-main/shared/spec';
import { lastJson, runScript, unpackedBundle } from './bundle-helpers';
import { maxAbsDiff } from './fixtures';
import { ensureKerasPython } from './python-keras';

async function train(dir: string, runId: string, input: ExperimentSpecInput): Promise<string> {
  const parsed = parseSpec(input);
  if (!parsed.ok) throw new Error(parsed.problems.map((p) => `${p.path}: ${p.message}`).join('; '));
  const noop = () => undefined;
  const result = await runExperiment(parsed.spec, {
    runId,
    outDir: join(dir, runId),
    control: new TrainControl(),
    onProgress: noop,
    onEpoch: noop,
    log: noop,
  });
  if (result.error) throw new Error(result.error);
  return join(dir, runId);
}

/** Texts that exercise case, unknown words, punctuation, apostrophes and truncation. */
const TEXTS = [
  'A great film',
  'TERRIBLE, boring plot!',
  "it wasn't dull at all, the cast was wonderful and the music too",
  'zebra quantum',
  '',
];

const REVIEWS = [
  ['a great film', 'good'],
  ['wonderful cast and music', 'good'],
  ['i loved it', 'good'],
  ['great plot, great cast', 'good'],
  ['terrible and boring', 'bad'],
  ['a dull plot', 'bad'],
  ["it wasn't good", 'bad'],
  ['boring music, terrible cast', 'bad'],
];

const CORPUS = 'the cat sat on the mat. the dog sat on the log.\n'.repeat(12);

describe('text bundles', () => {
  let dir = '';
  let classifier = '';
  let generator = '';
  let classifierBundle = '';
  let generatorBundle = '';
  const zips: Record<string, Record<string, Uint8Array>> = {};
  let python: string | null = null;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'rs-text-bundle-'));
    const csv = join(dir, 'reviews.csv');
    await writeFile(csv, ['review,label', ...[...REVIEWS, ...REVIEWS].map(([r, l]) => `"${r}",${l}`)].join('\n'));
    classifier = await train(dir, 'classifier', {
      task: 'text-classification',
      data: {
        file: csv,
        targetColumns: ['label'],
        // Post padding and truncation differ from the defaults, so the scripts must read them.
        text: { column: 'review', tokens: 'word', maxLength: 6, padding: 'post', truncating: 'post' },
      },
      model: { cell: 'LSTM', layers: [{ units: 6 }], embeddingDim: 4 },
      training: { epochs: 15, batchSize: 8, optimizer: { learningRate: 0.03 }, seed: 3 },
    });
    const corpus = join(dir, 'corpus.txt');
    await writeFile(corpus, CORPUS);
    generator = await train(dir, 'generator', {
      task: 'text-generation',
      data: { file: corpus, targetColumns: ['text'], text: { tokens: 'char', maxLength: 5 } },
      model: { cell: 'GRU', layers: [{ units: 8 }], embeddingDim: 4 },
      // Enough training that different seeds give clearly different next-token distributions.
      training: { epochs: 6, batchSize: 16, optimizer: { learningRate: 0.02 }, seed: 5 },
    });
    const c = await unpackedBundle(join(classifier, 'model'));
    const g = await unpackedBundle(join(generator, 'model'));
    classifierBundle = c.dir;
    generatorBundle = g.dir;
    zips.classifier = c.zip;
    zips.generator = g.zip;
    python = ensureKerasPython();
  }, 40 * 60_000);

  afterAll(async () => {
    await Promise.all(
      [dir, classifierBundle, generatorBundle].filter(Boolean).map((d) => rm(d, { recursive: true, force: true })),
    );
  });

  it('ship the scripts, the ONNX model and a README on how to run them', () => {
    for (const zip of Object.values(zips)) {
      expect(Object.keys(zip)).toEqual(expect.arrayContaining(['predict.cjs', 'predict.py', 'model/model.onnx']));
    }
    expect(strFromU8(zips.classifier['README.md'])).toContain('padded with 0 at the end');
    expect(strFromU8(zips.generator['README.md'])).toContain('--random-seed');
  });

  /** The app's class probabilities per text, as label → probability. */
  async function appProbabilities(): Promise<Record<string, number>[]> {
    const out: Record<string, number>[] = [];
    for (const text of TEXTS) {
      const r = await classifyText(classifier, text);
      out.push(Object.fromEntries(r.classes.map((c) => [c.label, c.probability])));
    }
    return out;
  }

  function expectSameProbabilities(got: Record<string, number>[], want: Record<string, number>[]): void {
    expect(got).toHaveLength(want.length);
    got.forEach((g, i) => {
      expect(Object.keys(g)).toEqual(Object.keys(want[i]));
      expect(maxAbsDiff(Object.values(g), Object.values(want[i]))).toBeLessThan(1e-4);
    });
  }

  function parseLines(stdout: string): Record<string, number>[] {
    return stdout
      .trim()
      .split('\n')
      .filter((l) => l.startsWith('{'))
      .map((l) => JSON.parse(l) as Record<string, number>);
  }

  it('predict.cjs classifies like the app', async () => {
    const want = await appProbabilities();
    // The texts differ in their probabilities, so equal outputs are not a constant.
    const good = want.map((w) => w.good);
    expect(Math.max(...good) - Math.min(...good)).toBeGreaterThan(0.01);
    expectSameProbabilities(parseLines(runScript(classifierBundle, 'node', ['predict.cjs', ...TEXTS])), want);
  });

  it('predict.py (onnxruntime) classifies like the app', async (ctx) => {
    if (!python) return ctx.skip();
    const want = await appProbabilities();
    expectSameProbabilities(parseLines(runScript(classifierBundle, python, ['predict.py', ...TEXTS])), want);
  });

  /** Next-token probabilities computed here from the saved model and the app's encoding. */
  async function nextTokenProbabilities(seed: string): Promise<number[]> {
    const { tf } = await loadTf();
    const { model, preprocessing } = await importTfjsModel(join(generator, 'model'), tf);
    const t = preprocessing!.text!;
    const ids = Array.from(encodeTokens(seed, vocabularyIndex(t.vocabulary), t)).slice(-t.maxLength);
    const window = [...new Array<number>(t.maxLength - ids.length).fill(0), ...ids];
    const x = tf.tensor2d([window]);
    const y = model.predict(x) as tfTypes.Tensor;
    const p = Array.from(y.dataSync());
    tf.dispose([x, y]);
    model.dispose();
    return p;
  }

  const SEEDS = ['the c', 'On', 'the dog sat on the'];
  const GENERATE = { length: 15, temperature: 0.9, randomSeed: 11 };

  it('the generator is trained enough that the window decides the next token', async () => {
    const [a, b, c] = await Promise.all(SEEDS.map(nextTokenProbabilities));
    // A script that built its window wrongly would get visibly different probabilities.
    expect(Math.min(maxAbsDiff(a, b), maxAbsDiff(b, c), maxAbsDiff(a, c))).toBeGreaterThan(0.01);
  });

  async function checkGenerator(command: string, script: string): Promise<void> {
    for (const seed of SEEDS) {
      const next = lastJson<Record<string, number>>(runScript(generatorBundle, command, [script, seed, '--next']));
      expect(maxAbsDiff(Object.values(next), await nextTokenProbabilities(seed))).toBeLessThan(1e-4);
      const app = await generateText(generator, { seed, ...GENERATE });
      const args = ['--tokens', String(GENERATE.length), '--temperature', String(GENERATE.temperature)];
      const out = runScript(generatorBundle, command, [script, seed, ...args, '--random-seed', '11']);
      // Same seeded draws over the same probabilities: the very same text.
      expect(out.replace(/\n$/, '')).toBe(app.text);
    }
  }

  it('predict.cjs gives the next-token probabilities and generated text of the app', async () => {
    await checkGenerator('node', 'predict.cjs');
  });

  it('predict.py (onnxruntime) gives the next-token probabilities and generated text of the app', async (ctx) => {
    if (!python) return ctx.skip();
    await checkGenerator(python, 'predict.py');
  });
});
