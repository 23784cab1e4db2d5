import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type * as tfTypes from '@tensorflow/tfjs';
import { loadTf } from '../../../src-main/tensorflow/load-tf';
import { computeLoss } from '../../../src-main/engine/training/losses';
import { splitSamples } from '../../../src-main/engine/tasks/common/sample-split';
import { scoreSteps } from '../../../src-main/engine/tasks/sequence-labeling/sequence-labeling-task';
import { seededRandom } from '../../../src-main/engine/training/seeded-random';
import type { PreprocessingFile } from '../../../src-main/shared/preprocessing';
import type { ClassificationEvaluation } from '../../../src-main/shared/types';
import { runSpec } from './run-helper';
import * as ort from 'onnxruntime-node';
import { strFromU8, unzipSync } from 'fflate';
import { exportModel } from '../../../src-main/export/index';
import { predictLabelsFile } from '../../../src-main/model-use/predict-labels-file';
import { splitLikeVocabulary, splitWords, tagText } from '../../../src-main/model-use/tag-text';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'labeling-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('padded steps in the loss and the scores', () => {
  it('skips steps labeled -1 in sparse cross-entropy and averages over the labeled ones', async () => {
    const { tf } = await loadTf();
    // Two sequences of three steps, two classes; the last step of each is padding.
    const probs = tf.tensor3d([
      [
        [0.5, 0.5],
        [0.9, 0.1],
        [0.3, 0.7],
      ],
      [
        [0.2, 0.8],
        [0.6, 0.4],
        [0.99, 0.01],
      ],
    ]);
    const labels = tf.tensor2d([
      [0, 0, -1],
      [1, 0, -1],
    ]);
    const loss = computeLoss(tf, 'sparseCategoricalCrossentropy', labels, probs);
    const expected = -(Math.log(0.5) + Math.log(0.9) + Math.log(0.8) + Math.log(0.6)) / 4;
    expect(loss.dataSync()[0]).toBeCloseTo(expected, 5);
    tf.dispose([probs, labels, loss]);
  });

  it('scores only the labeled steps', () => {
    // Steps: actual a, b, (padding), b; predicted a, a, -, b.
    const m = scoreSteps(['a', 'b'], [0, 1, -1, 1], [0.9, 0.1, 0.6, 0.4, 0.5, 0.5, 0.2, 0.8]);
    expect(m.confusion).toEqual([
      [1, 0],
      [1, 1],
    ]);
    expect(m.accuracy).toBeCloseTo(2 / 3);
  });
});

describe('sequence labeling runs', () => {
  it('labels every step of numeric sequences longer than the window, padding excluded from the scores', async () => {
    // Each step is labeled by how the value moved since the previous step, so the label needs
    // the step before: a recurrent net can learn it, a per-step rule on the value alone cannot.
    const random = seededRandom(3);
    const lines = ['seq,step,value,move'];
    const lengths: number[] = [];
    for (let s = 0; s < 120; s++) {
      const n = 4 + Math.floor(random() * 17);
      lengths.push(n);
      let v = random() * 4;
      // Steps are written newest first so the step column, not file order, must set the order.
      const rows: string[] = [];
      for (let t = 0; t < n; t++) {
        const change = random() * 2 - 1;
        v += t === 0 ? 0 : change;
        const move = t === 0 ? '' : Math.abs(change) < 0.25 ? 'flat' : change > 0 ? 'up' : 'down';
        rows.push(`s${s},${t},${v.toFixed(4)},${move}`);
      }
      lines.push(...rows.reverse());
    }
    const file = path.join(dir, 'moves.csv');
    await writeFile(file, lines.join('\n'));
    const result = await runSpec(dir, 'moves', {
      task: 'sequence-labeling',
      data: {
        file,
        idColumn: 'seq',
        timeColumn: 'step',
        targetColumns: ['move'],
        featureColumns: ['value'],
        lookback: 12,
      },
      model: { cell: 'LSTM', layers: [{ units: 16 }] },
      training: { epochs: 15, batchSize: 16, optimizer: { learningRate: 0.02 }, seed: 1 },
    });
    expect(result.error).toBeNull();
    const evaluation = result.evaluation as ClassificationEvaluation;
    expect(evaluation.classes).toEqual(['down', 'flat', 'up']);
    // Every labeled step of the test sequences is scored once (the first step has no label).
    const split = splitSamples(120, { validation: 0.15, test: 0.15 }, 1);
    const testSteps = Array.from(split.test, (s) => lengths[s] - 1).reduce((a, b) => a + b, 0);
    expect(evaluation.confusion.flat().reduce((a, b) => a + b, 0)).toBe(testSteps);
    expect(evaluation.accuracy).toBeGreaterThan(0.8);
    expect(evaluation.macroF1).toBeGreaterThan(0.7);
    // Training accuracy counts labeled steps only: were padded steps counted as misses, the
    // many padded pieces would hold it far below this.
    const last = result.history[result.history.length - 1];
    expect(last.metrics.accuracy).toBeGreaterThan(0.8);
    expect(last.metrics.accuracy).toBeLessThanOrEqual(1);

    const pre = JSON.parse(
      await readFile(path.join(result.modelDir ?? '', 'preprocessing.json'), 'utf8'),
    ) as PreprocessingFile;
    expect(pre.task).toBe('sequence-labeling');
    expect(pre.lookback).toBe(12);
    expect(pre.classes).toEqual(['down', 'flat', 'up']);
    const modelJson = JSON.parse(await readFile(path.join(result.modelDir ?? '', 'model.json'), 'utf8')) as {
      modelTopology: { config: { layers: { class_name: string }[] } };
    };
    expect(modelJson.modelTopology.config.layers.map((l) => l.class_name)).toContain('TimeDistributed');

    // The trained labeler exports: ONNX gives the app's per-step probabilities, and the bundle's
    // README says how to read them.
    const { tf } = await loadTf();
    const model = await tf.loadLayersModel(`file://${path.join(result.modelDir ?? '', 'model.json')}`);
    const shape = [3, 12, 1];
    const input = Float32Array.from({ length: 36 }, (_, i) => Math.sin(i / 3));
    const x = tf.tensor(input, shape);
    const want = (model.predict(x) as tfTypes.Tensor).dataSync();
    tf.dispose(x);
    model.dispose();
    const { files } = await exportModel(result.modelDir ?? '', 'onnx', path.join(dir, 'labeler'));
    const session = await ort.InferenceSession.create(await readFile(files[0]));
    const onnx = await session.run({ input: new ort.Tensor('float32', input, shape) });
    expect(onnx.output.dims).toEqual([3, 12, 3]);
    const got = onnx.output.data as Float32Array;
    for (let i = 0; i < want.length; i++) expect(Math.abs(got[i] - want[i])).toBeLessThan(1e-4);
    const bundle = await exportModel(result.modelDir ?? '', 'bundle', path.join(dir, 'labeler-bundle'));
    const readme = strFromU8(unzipSync(await readFile(bundle.files[0]))['README.md']);
    expect(readme).toContain('The output gives, at every step, one probability per class');
  });

  it('tags a token column by context (one word per row)', async () => {
    // "run" and "fly" are nouns after "the" / "a" and verbs after "we" / "they": only the
    // previous token tells them apart.
    const random = seededRandom(8);
    const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)];
    const lines = ['sentence,position,word,tag'];
    for (let s = 0; s < 150; s++) {
      const words: [string, string][] = [];
      const clauses = 1 + Math.floor(random() * 3);
      for (let c = 0; c < clauses; c++) {
        const word = pick(['run', 'fly', 'walk', 'swim']);
        if (random() < 0.5) words.push([pick(['the', 'a']), 'DET'], [word, 'NOUN']);
        else words.push([pick(['we', 'they', 'you']), 'PRON'], [word, 'VERB']);
      }
      words.forEach(([w, tag], i) => lines.push(`${s},${i},${w},${tag}`));
    }
    const file = path.join(dir, 'tags.csv');
    await writeFile(file, lines.join('\n'));
    const result = await runSpec(dir, 'tags', {
      task: 'sequence-labeling',
      data: {
        file,
        idColumn: 'sentence',
        timeColumn: 'position',
        targetColumns: ['tag'],
        lookback: 6,
        text: { column: 'word' },
      },
      model: { cell: 'GRU', layers: [{ units: 12 }], embeddingDim: 8 },
      training: { epochs: 15, batchSize: 16, optimizer: { learningRate: 0.03 }, seed: 2 },
    });
    expect(result.error).toBeNull();
    const evaluation = result.evaluation as ClassificationEvaluation;
    expect(evaluation.classes).toEqual(['DET', 'NOUN', 'PRON', 'VERB']);
    expect(evaluation.accuracy).toBeGreaterThan(0.95);
    const noun = evaluation.perClass.find((p) => p.label === 'NOUN');
    expect(noun?.f1).toBeGreaterThan(0.9);
    // Each word's usual tag gets the determiners and pronouns right and half of the ambiguous words:
    // about 0.75, well below a tagger that reads the word before.
    const words = evaluation.wordTagBaseline?.accuracy ?? 0;
    expect(words).toBeGreaterThan(0.6);
    expect(words).toBeLessThan(0.9);
    expect(evaluation.wordTagVerdict).toBeNull();

    // New sentences, untagged, one word never seen in training: every word gets its tag from its context.
    const fresh = path.join(dir, 'fresh.csv');
    await writeFile(
      fresh,
      [
        'sentence,position,word',
        '1,0,we',
        '1,1,fly',
        '1,2,the',
        '1,3,fly',
        '2,0,a',
        '2,1,run',
        '2,2,they',
        '2,3,crawl',
      ].join('\n'),
    );
    const { tf } = await loadTf();
    const out = path.join(dir, 'fresh-tags.csv');
    const labelled = await predictLabelsFile(tf, path.join(dir, 'tags'), fresh, out);
    expect(labelled.rows).toBe(8);
    expect(labelled.header).toEqual(['sentence', 'step', 'word', 'predicted', 'probability']);
    expect(labelled.preview.map((r) => r[3])).toEqual(['PRON', 'VERB', 'DET', 'NOUN', 'DET', 'NOUN', 'PRON', 'VERB']);
    expect(labelled.problems.join(' ')).toContain('1 of 8 words were never seen in training');
    const csv = await readFile(out, 'utf8');
    expect(csv.split(/\r?\n/)[2]).toMatch(/^1,2,fly,VERB,/);
    // With the tags in the file, the answers are weighed against them.
    const tagged = path.join(dir, 'tagged.csv');
    await writeFile(tagged, lines.slice(0, 40).join('\n'));
    const weighed = await predictLabelsFile(tf, path.join(dir, 'tags'), tagged, path.join(dir, 'tagged-out.csv'));
    expect(weighed.header.at(-1)).toBe('tag');
    expect(weighed.problems.join(' ')).toMatch(
      /The file's 'tag' agrees with the predicted label on \d+\.\d% of 39 rows/,
    );
    // A file without the word column is refused by name.
    // A typed sentence is split into words and tagged the same way ("Try it").
    expect(splitWords("We fly, they'd say: the fly-by!")).toEqual([
      'We',
      'fly',
      ',',
      "they'd",
      'say',
      ':',
      'the',
      'fly-by',
      '!',
    ]);
    const vocabulary = new Set(['do', "n't", "'s", 'it']);
    expect(splitLikeVocabulary(["don't", "it's", "can't", "rock'n'roll"], (w) => vocabulary.has(w))).toEqual([
      'do',
      "n't",
      'it',
      "'s",
      'ca',
      "n't",
      "rock'n'roll",
    ]);
    const typed = await tagText(tf, path.join(dir, 'tags'), 'we fly the fly they crawl');
    expect(typed.words.map((w) => w.tag)).toEqual(['PRON', 'VERB', 'DET', 'NOUN', 'PRON', 'VERB']);
    expect(typed.words.filter((w) => w.unknown).map((w) => w.word)).toEqual(['crawl']);
    expect(typed.unknownShare).toBeCloseTo(1 / 6);
    await expect(tagText(tf, path.join(dir, 'tags'), ' … ')).resolves.toMatchObject({ words: [{ word: '…' }] });
    await expect(tagText(tf, path.join(dir, 'tags'), '   ')).rejects.toThrow(/holds no words/);
    const renamed = path.join(dir, 'renamed.csv');
    await writeFile(renamed, 'sentence,position,token\n1,0,we\n1,1,run\n');
    await expect(predictLabelsFile(tf, path.join(dir, 'tags'), renamed)).rejects.toThrow(
      /words of the column 'word', which this file does not have/,
    );
    const pre = JSON.parse(
      await readFile(path.join(result.modelDir ?? '', 'preprocessing.json'), 'utf8'),
    ) as PreprocessingFile;
    expect(pre.text?.padding).toBe('post');
    expect(pre.text?.vocabulary.slice(0, 2)).toEqual(['<pad>', '<oov>']);
    expect([...(pre.text?.vocabulary ?? [])].sort()).toEqual(
      ['<oov>', '<pad>', 'a', 'fly', 'run', 'swim', 'the', 'they', 'walk', 'we', 'you'].sort(),
    );
  });

  it('fails with a plain reason without an id column', async () => {
    const result = await runSpec(dir, 'no-id', {
      task: 'sequence-labeling',
      data: { file: path.join(dir, 'moves.csv'), targetColumns: ['move'], featureColumns: ['value'] },
    });
    expect(result.status).toBe('failed');
    expect(result.error).toMatch(/id column/);
  });
});
