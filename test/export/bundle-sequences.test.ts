/**
 * The bundle of a sequence classifier carries predict.cjs (TensorFlow.js) and predict.py
 * (onnxruntime), which classify the sequences of a CSV exactly as the app's "Predict a file"
 * does: rows put in time order, scaled, the latest steps kept, short sequences padded in front.
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededRandom } from '../../src-main/engine/training/seeded-random';
import { predictSequencesFile } from '../../src-main/model-use/predict-sequences-file';
import { loadTf } from '../../src-main/tensorflow/load-tf';
import { runSpec } from '../engine/tasks/run-helper';
import { unpackedBundle } from './bundle-helpers';
import { ensureKerasPython } from './python-keras';

const dirs: string[] = [];
let bundleDir = '';
let zip: Record<string, Uint8Array> = {};
/** The app's own predictions for sequences.csv: header and rows of cells. */
let expected: string[][] = [];

/** Sequences of 5 to 12 steps of two readings, rising, falling or flat; some rows newest first, one value missing. */
function sequencesCsv(count: number, seed: number): string {
  const random = seededRandom(seed);
  const kinds = ['rising', 'falling', 'flat'];
  const lines = ['unit,minute,pressure,flow,kind'];
  for (let i = 0; i < count; i++) {
    const kind = i % 3;
    const n = 5 + Math.floor(random() * 8);
    const rows: string[] = [];
    for (let t = 0; t < n; t++) {
      const level = kind === 0 ? t : kind === 1 ? 10 - t : 5;
      const pressure = i === 4 && t === 2 ? '' : (level + random() * 2).toFixed(3);
      rows.push(`u${i},${t},${pressure},${(random() * 3).toFixed(3)},${kinds[kind]}`);
    }
    lines.push(...(i % 4 === 0 ? rows.reverse() : rows));
  }
  return lines.join('\n');
}

/** CSV text -> rows of cells (the outputs here hold no quoted cells). */
const cellsOf = (text: string) =>
  text
    .trim()
    .split(/\r?\n/)
    .map((l) => l.split(','));

function expectSamePredictions(got: string[][]): void {
  expect(got[0]).toEqual(expected[0]);
  expect(got).toHaveLength(expected.length);
  got.slice(1).forEach((row, r) => {
    const want = expected[r + 1];
    expect(row.slice(0, 2)).toEqual(want.slice(0, 2));
    row.slice(2).forEach((p, c) => expect(Math.abs(Number(p) - Number(want[c + 2]))).toBeLessThanOrEqual(2e-4));
  });
}

describe('a sequence classifier bundle', () => {
  beforeAll(async () => {
    const dir = await mkdtemp(join(tmpdir(), 'rs-bundle-sequences-'));
    dirs.push(dir);
    const file = join(dir, 'units.csv');
    await writeFile(file, sequencesCsv(150, 4));
    const result = await runSpec(dir, 'units', {
      task: 'sequence-classification',
      data: {
        file,
        idColumn: 'unit',
        timeColumn: 'minute',
        targetColumns: ['kind'],
        featureColumns: ['pressure', 'flow'],
        lookback: 8,
      },
      model: { cell: 'GRU', layers: [{ units: 8 }] },
      training: { epochs: 6, batchSize: 16, optimizer: { learningRate: 0.02 } },
    });
    expect(result.error).toBeNull();
    const unpacked = await unpackedBundle(result.modelDir ?? '');
    dirs.push(unpacked.dir);
    bundleDir = join(unpacked.dir, 'unpacked');
    zip = unpacked.zip;
    // New sequences, without labels, as a user would classify them.
    const fresh = sequencesCsv(12, 9)
      .split('\n')
      .map((l) => l.slice(0, l.lastIndexOf(',')))
      .join('\n');
    await writeFile(join(bundleDir, 'sequences.csv'), fresh);
    const { tf } = await loadTf();
    const app = await predictSequencesFile(
      tf,
      join(dir, 'units'),
      join(bundleDir, 'sequences.csv'),
      join(dir, 'app.csv'),
    );
    if (!app.file) throw new Error('The app wrote no prediction file.');
    expected = cellsOf(await readFile(app.file, 'utf8'));
    expect(expected).toHaveLength(13);
  });

  afterAll(async () => Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true }))));

  it('holds both scripts and a README that says how to run them', () => {
    expect(Object.keys(zip)).toEqual(expect.arrayContaining(['predict.cjs', 'predict.py', 'README.md']));
    const readme = strFromU8(zip['README.md']);
    expect(readme).toContain('`python predict.py sequences.csv` or `node predict.cjs sequences.csv`');
    expect(readme).toContain('`unit` naming the sequence');
  });

  it('predict.cjs (TensorFlow.js) classifies like the app', () => {
    const run = spawnSync('node', ['predict.cjs', 'sequences.csv'], {
      cwd: bundleDir,
      encoding: 'utf8',
      env: { ...process.env, NODE_PATH: resolve('node_modules') },
    });
    expect(run.status, run.stderr).toBe(0);
    expectSamePredictions(cellsOf(run.stdout));
  });

  it('predict.cjs names a missing column instead of failing later', async () => {
    await writeFile(join(bundleDir, 'wrong.csv'), 'unit,minute,pressure\nu1,0,1.0\n');
    const run = spawnSync('node', ['predict.cjs', 'wrong.csv'], {
      cwd: bundleDir,
      encoding: 'utf8',
      env: { ...process.env, NODE_PATH: resolve('node_modules') },
    });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain('sequences.csv has no column "flow" (an input of the model)');
  });

  it('predict.py (onnxruntime) classifies like the app', { timeout: 40 * 60_000 }, (ctx) => {
    const python = ensureKerasPython();
    if (!python) {
      ctx.skip();
      return;
    }
    const run = spawnSync(python, ['predict.py', 'sequences.csv'], { cwd: bundleDir, encoding: 'utf8' });
    expect(run.status, run.stderr).toBe(0);
    expectSamePredictions(cellsOf(run.stdout));
  });
});
