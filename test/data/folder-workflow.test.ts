/**
 * A folder of labeled texts through the whole workflow: `recurrent inspect`, `recurrent init`
 * (which suggests text classification on the folder's columns), and a short training run.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInit } from '../../src-main/cli/commands/init';
import { runInspect } from '../../src-main/cli/commands/inspect';
import { runExperiment } from '../../src-main/engine/run-experiment';
import { TrainControl } from '../../src-main/engine/training/train-control';
import { parseSpec, type ExperimentSpec } from '../../src-main/shared/spec';
import type { ClassificationEvaluation, DatasetSummary } from '../../src-main/shared/types';
import { makeFolder } from './folder-helpers';

function capture() {
  const out: string[] = [];
  const err: string[] = [];
  return { out, err, io: { out: (s: string) => out.push(s), err: (s: string) => err.push(s) } };
}

const GOOD = ['great', 'wonderful', 'loved', 'superb', 'brilliant'];
const BAD = ['awful', 'boring', 'hated', 'terrible', 'dull'];
const FILLER = ['the', 'film', 'was', 'really', 'and', 'story', 'acting', 'plot'];

/** Reviews whose label shows in their words, so a few epochs suffice to learn them. */
function reviews(perLabel: number): string {
  const files: Record<string, string> = {};
  for (let i = 0; i < perLabel; i++) {
    const pick = (words: string[], k: number) => words[(i * 7 + k * 3) % words.length];
    const filler = (k: number) => FILLER[(i + k * 5) % FILLER.length];
    files[`pos/${i}.txt`] = `${filler(0)} ${filler(1)} ${pick(GOOD, 0)} ${filler(2)} ${pick(GOOD, 1)}`;
    files[`neg/${i}.txt`] = `${filler(1)} ${filler(0)} ${pick(BAD, 0)} ${filler(3)} ${pick(BAD, 1)}`;
  }
  return makeFolder(files, 'movie-reviews');
}

let folder = '';
let outDir = '';
beforeAll(async () => {
  folder = reviews(40);
  outDir = await mkdtemp(join(tmpdir(), 'folder-run-'));
});
afterAll(async () => {
  await rm(outDir, { recursive: true, force: true });
});

describe('a folder of labeled texts in the command line', () => {
  it('recurrent inspect FOLDER describes the folder table', async () => {
    const c = capture();
    expect(await runInspect([folder], c.io)).toBe(0);
    const text = c.out.join('\n');
    expect(text).toMatch(/^movie-reviews {2}\(folder, [\d.]+ MB, 80 rows, 3 columns\)/);
    expect(text).toMatch(/Layout:\s+labeled-text/);
    expect(text).toMatch(/label\s+categorical\s+0\s+2\s/);

    const json = capture();
    expect(await runInspect([folder, '--json'], json.io)).toBe(0);
    const summary = JSON.parse(json.out.join('')) as DatasetSummary;
    expect(summary.columns.map((x) => x.name)).toEqual(['file', 'text', 'label']);
  });

  it('recurrent inspect on an unusable folder fails with the reason', async () => {
    const c = capture();
    expect(await runInspect([makeFolder({ 'pos/1.txt': 'good' })], c.io)).toBe(2);
    expect(c.err.join('\n')).toMatch(/Only one label folder \('pos'\)/);
  });

  it('recurrent init --data FOLDER suggests text classification of the label by the text', async () => {
    const c = capture();
    expect(await runInit(['--data', folder], c.io)).toBe(0);
    const r = parseSpec(JSON.parse(c.out.join('')));
    expect(r.ok).toBe(true);
    const spec = (r as { spec: ExperimentSpec }).spec;
    expect(spec.task).toBe('text-classification');
    expect(spec.data.file).toBe(folder);
    expect(spec.data.targetColumns).toEqual(['label']);
    expect(spec.data.text.column).toBe('text');
  });
});

describe('training from a folder of labeled texts', () => {
  it('trains a text classifier whose classes are the label folders', async () => {
    const c = capture();
    expect(await runInit(['--data', folder], c.io)).toBe(0);
    const suggested = JSON.parse(c.out.join('')) as Record<string, unknown>;
    // The suggested spec, sized down so the run takes a few seconds.
    const r = parseSpec({
      ...suggested,
      data: { ...(suggested.data as object), text: { column: 'text', tokens: 'word', maxLength: 8 } },
      model: { cell: 'GRU', input: 'embedding', layers: [{ units: 8 }] },
      training: { epochs: 12, batchSize: 16, optimizer: { learningRate: 0.02 }, seed: 3 },
    });
    if (!r.ok) throw new Error(r.problems.map((p) => `${p.path}: ${p.message}`).join('; '));
    const lines: string[] = [];
    const noop = () => undefined;
    const result = await runExperiment(r.spec, {
      runId: 'folder-run',
      outDir: join(outDir, 'folder-run'),
      control: new TrainControl(),
      onProgress: noop,
      onEpoch: noop,
      log: (l) => lines.push(l),
    });
    expect(result.error).toBeNull();
    expect(result.status).toBe('completed');
    expect(lines.join('\n')).toMatch(/80 texts from 'text' with 2 classes from 'label'/);
    const evaluation = result.evaluation as ClassificationEvaluation;
    expect([...evaluation.classes].sort()).toEqual(['neg', 'pos']);
    // The label shows in the words: a model that learned anything separates the test texts.
    expect(evaluation.accuracy).toBeGreaterThan(0.8);
  });
});
