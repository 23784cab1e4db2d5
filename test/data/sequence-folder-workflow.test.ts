/**
 * A folder of recordings through the whole workflow: imported, given the suggested spec (sequence
 * classification of the label folders), trained, and its model asked about a folder of new
 * recordings without labels; and a folder of series without labels, forecast as the suggestion says.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadTable } from '../../src-main/data/import/load-table';
import { suggestSpec } from '../../src-main/experiment/suggest-spec';
import { predictSequencesFile } from '../../src-main/model-use/predict-sequences-file';
import type { ClassificationEvaluation, ForecastEvaluation } from '../../src-main/shared/types';
import { loadTf } from '../../src-main/tensorflow/load-tf';
import { runSpec } from '../engine/tasks/run-helper';
import { makeFolder } from './folder-helpers';

/** A pseudo-random generator with a seed, so the recordings are the same on every run. */
function random(seed: number): () => number {
  let s = seed;
  return () => {
    s = (s * 1_103_515_245 + 12_345) % 2 ** 31;
    return s / 2 ** 31;
  };
}

/**
 * Movements of 15 to 40 steps: a 'circle' turns (x and y swing a quarter period apart), a 'shake'
 * swings x only, faster; both with noise and a random start, so no single step tells them apart.
 */
function recording(kind: 'circle' | 'shake', rnd: () => number): string {
  const steps = 15 + Math.floor(rnd() * 26);
  const phase = rnd() * 2 * Math.PI;
  const rows = ['x,y'];
  for (let t = 0; t < steps; t++) {
    const noise = () => (rnd() - 0.5) * 0.4;
    const x = kind === 'circle' ? Math.cos(phase + t * 0.4) : Math.sin(phase + t * 1.3);
    const y = kind === 'circle' ? Math.sin(phase + t * 0.4) : 0;
    rows.push(`${(x + noise()).toFixed(3)},${(y + noise()).toFixed(3)}`);
  }
  return `${rows.join('\n')}\n`;
}

function gestures(perLabel: number, seed: number, labelled: boolean): { folder: string; kinds: string[] } {
  const rnd = random(seed);
  const files: Record<string, string> = {};
  const kinds: string[] = [];
  for (let i = 0; i < perLabel; i++) {
    for (const kind of ['circle', 'shake'] as const) {
      const name = `rec${String(i).padStart(2, '0')}-${kind}.csv`;
      files[labelled ? `${kind}/${name}` : `${kinds.length}.csv`] = recording(kind, rnd);
      kinds.push(kind);
    }
  }
  return { folder: makeFolder(files, labelled ? 'gestures' : 'new-gestures'), kinds };
}

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sequence-folder-run-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('training on a folder of recordings', () => {
  it('trains the suggested sequence classifier and classifies a folder of new recordings', async () => {
    const { folder } = gestures(40, 7, true);
    const { summary } = await loadTable(folder);
    const spec = suggestSpec(summary);
    expect(spec.task).toBe('sequence-classification');
    const lines: string[] = [];
    const result = await runSpec(
      dir,
      'gestures',
      {
        ...spec,
        // The suggestion, sized down so the run takes seconds.
        model: { cell: 'GRU', layers: [{ units: 12 }] },
        training: { epochs: 25, batchSize: 16, optimizer: { learningRate: 0.01 }, seed: 3 },
      },
      (l) => lines.push(l),
    );
    expect(result.error).toBeNull();
    expect(lines.join('\n')).toMatch(/80 sequences \(one per 'sequence'\) of up to \d+ steps × 2 features, 2 classes/);
    const evaluation = result.evaluation as ClassificationEvaluation;
    expect([...evaluation.classes].sort()).toEqual(['circle', 'shake']);
    // Chance is one half; the two movements differ plainly over a few steps.
    expect(evaluation.accuracy).toBeGreaterThan(0.9);

    // New recordings, one file each and no label folders: each gets a class.
    const fresh = gestures(5, 99, false);
    const { tf } = await loadTf();
    const out = join(dir, 'new-predictions.csv');
    const predicted = await predictSequencesFile(tf, join(dir, 'gestures'), fresh.folder, out);
    expect(predicted.rows).toBe(10);
    expect(predicted.header.slice(0, 2)).toEqual(['sequence', 'predicted']);
    const csv = (await readFile(out, 'utf8')).trim().split('\n').slice(1);
    const byFile = new Map(csv.map((l) => [l.split(',')[0], l.split(',')[1]]));
    const right = fresh.kinds.filter((kind, i) => byFile.get(`${i}.csv`) === kind).length;
    expect(right).toBeGreaterThanOrEqual(8);
  }, 120_000);
});

describe('forecasting a folder of series', () => {
  it('trains the suggested forecast over every file', async () => {
    const files: Record<string, string> = {};
    for (let m = 0; m < 3; m++) {
      const rows = Array.from({ length: 120 }, (_, t) => (50 + 10 * Math.sin(t / 4 + m)).toFixed(3));
      files[`machine-${m + 1}.csv`] = `load\n${rows.join('\n')}\n`;
    }
    const { summary } = await loadTable(makeFolder(files, 'machines'));
    const spec = suggestSpec(summary);
    expect(spec.task).toBe('forecast');
    const result = await runSpec(dir, 'machines', {
      ...spec,
      model: { cell: 'GRU', layers: [{ units: 8 }] },
      training: { ...spec.training, epochs: 3 },
    });
    expect(result.error).toBeNull();
    expect(result.status).toBe('completed');
    expect((result.evaluation as ForecastEvaluation).global?.series.map((s) => s.id).sort()).toEqual([
      'machine-1.csv',
      'machine-2.csv',
      'machine-3.csv',
    ]);
  }, 120_000);
});
