import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runExperiment } from '../../src-main/engine/run-experiment';
import { seededRandom } from '../../src-main/engine/training/seeded-random';
import { TrainControl } from '../../src-main/engine/training/train-control';
import type { PreprocessingFile } from '../../src-main/shared/preprocessing';
import { parseSpec } from '../../src-main/shared/spec';
import type { ExperimentSpecInput } from '../../src-main/shared/spec';
import type { ClassificationEvaluation, GenerationEvaluation } from '../../src-main/shared/types';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'other-tasks-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function run(runId: string, input: ExperimentSpecInput) {
  const r = parseSpec(input);
  if (!r.ok) throw new Error(JSON.stringify(r.problems));
  const noop = () => undefined;
  return runExperiment(r.spec, {
    runId,
    outDir: path.join(dir, runId),
    control: new TrainControl(),
    onProgress: noop,
    onEpoch: noop,
    log: noop,
  });
}

const small = { layers: [{ units: 8 }] };

describe('runExperiment (classification and generation)', () => {
  it('classifies short texts whose words give the class away', async () => {
    // Positive texts use one word family, negative another: a learnable, unambiguous signal.
    const random = seededRandom(11);
    const good = ['great', 'lovely', 'superb', 'fine', 'happy'];
    const bad = ['awful', 'poor', 'broken', 'sad', 'terrible'];
    const filler = ['the', 'a', 'it', 'was', 'very', 'quite'];
    const pick = (words: string[]) => words[Math.floor(random() * words.length)];
    const rows = ['review,label'];
    for (let i = 0; i < 240; i++) {
      const positive = random() < 0.5;
      const words = [
        pick(filler),
        pick(filler),
        pick(positive ? good : bad),
        pick(filler),
        pick(positive ? good : bad),
      ];
      rows.push(`${words.join(' ')},${positive ? 'pos' : 'neg'}`);
    }
    const file = path.join(dir, 'reviews.csv');
    await writeFile(file, rows.join('\n'));
    const result = await run('texts', {
      task: 'text-classification',
      data: { file, targetColumns: ['label'], text: { column: 'review', tokens: 'word', maxLength: 8, vocabSize: 40 } },
      model: { cell: 'GRU', ...small, embeddingDim: 8 },
      training: { epochs: 12, batchSize: 16, optimizer: { learningRate: 0.01 } },
    });
    expect(result.error).toBeNull();
    const evaluation = result.evaluation as ClassificationEvaluation;
    expect(evaluation.classes).toEqual(['neg', 'pos']);
    expect(evaluation.accuracy).toBeGreaterThan(0.85);
    expect(evaluation.auc).toBeGreaterThan(0.9);
    const support = evaluation.perClass.reduce((a, p) => a + p.support, 0);
    expect(support).toBe(Math.floor(240 * 0.15));
    const pre = JSON.parse(
      await readFile(path.join(result.modelDir ?? '', 'preprocessing.json'), 'utf8'),
    ) as PreprocessingFile;
    expect(pre.classes).toEqual(['neg', 'pos']);
    expect(pre.text?.vocabulary.slice(0, 2)).toEqual(['<pad>', '<oov>']);
    expect(pre.text?.vocabulary).toContain('great');
  });

  it('learns a repetitive text well enough to lower perplexity far below the vocabulary size', async () => {
    const file = path.join(dir, 'corpus.txt');
    await writeFile(file, 'abcdefgh\n'.repeat(120));
    const result = await run('generation', {
      task: 'text-generation',
      data: { file, targetColumns: ['text'], text: { tokens: 'char', maxLength: 6 } },
      model: { cell: 'LSTM', layers: [{ units: 16 }], embeddingDim: 8 },
      training: { epochs: 4, batchSize: 32, optimizer: { learningRate: 0.02 } },
    });
    expect(result.error).toBeNull();
    const evaluation = result.evaluation as GenerationEvaluation;
    // 11 vocabulary entries (8 letters, the line break, padding, unknown): guessing gives ~9.
    expect(evaluation.perplexity).toBeLessThan(3);
    expect(evaluation.sample.length).toBeGreaterThan(100);
    expect(evaluation.sample).toMatch(/^[a-h\n]+$/);
  });

  it('classifies numeric sequences, one per row or one per id', async () => {
    const random = seededRandom(5);
    const wide = ['s1,s2,s3,s4,s5,s6,kind'];
    const long = ['id,step,value,kind'];
    for (let i = 0; i < 160; i++) {
      const rising = random() < 0.5;
      const steps = Array.from({ length: 6 }, (_, j) => (rising ? j : 5 - j) + random() * 2);
      wide.push(`${steps.map((v) => v.toFixed(3)).join(',')},${rising ? 'rising' : 'falling'}`);
      steps.forEach((v, j) => long.push(`u${i},${j},${v.toFixed(3)},${rising ? 'rising' : 'falling'}`));
    }
    await writeFile(path.join(dir, 'wide.csv'), wide.join('\n'));
    await writeFile(path.join(dir, 'long.csv'), long.join('\n'));
    const training = { epochs: 10, batchSize: 16, optimizer: { learningRate: 0.02 } };
    const byRow = await run('rows', {
      task: 'sequence-classification',
      data: { file: path.join(dir, 'wide.csv'), targetColumns: ['kind'] },
      model: small,
      training,
    });
    expect(byRow.error).toBeNull();
    expect((byRow.evaluation as ClassificationEvaluation).accuracy).toBeGreaterThan(0.85);
    const byId = await run('ids', {
      task: 'sequence-classification',
      data: {
        file: path.join(dir, 'long.csv'),
        idColumn: 'id',
        timeColumn: 'step',
        targetColumns: ['kind'],
        featureColumns: ['value'],
      },
      model: small,
      training,
    });
    expect(byId.error).toBeNull();
    const evaluation = byId.evaluation as ClassificationEvaluation;
    expect(evaluation.accuracy).toBeGreaterThan(0.85);
    expect(evaluation.confusion.flat().reduce((a, b) => a + b, 0)).toBe(Math.floor(160 * 0.15));
  });
});
