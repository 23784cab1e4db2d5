/** `recurrent predict` with a sequence classifier: every recording of a new file gets a class. */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BatchPrediction } from '../../src-main/shared/types-model-use';
import { runSpec } from '../engine/tasks/run-helper';
import { cli } from './run-cli';

const ACTIVITY = path.resolve('resources/samples/activity-accelerometer.csv');
let dir = '';
let run = '';

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'cli-sequences-'));
  run = path.join(dir, 'activity');
  const r = await runSpec(dir, 'activity', {
    task: 'sequence-classification',
    data: {
      file: ACTIVITY,
      idColumn: 'recording',
      timeColumn: 't',
      targetColumns: ['activity'],
      featureColumns: ['acc_x', 'acc_y', 'acc_z'],
      lookback: 32,
    },
    model: { cell: 'GRU', layers: [{ units: 8 }] },
    training: { epochs: 2, batchSize: 16, seed: 1 },
  });
  if (r.status !== 'completed') throw new Error(r.error ?? r.status);
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('recurrent predict with a sequence classifier', () => {
  it('classifies each recording of a file without labels into a CSV', async () => {
    // Two recordings, rows shuffled and labels dropped: order comes from the time column.
    const lines = (await readFile(ACTIVITY, 'utf8')).trim().split('\n');
    const rows = lines.slice(1).filter((l) => l.startsWith('rec-001,') || l.startsWith('rec-002,'));
    const unlabelled = [
      'recording,t,acc_x,acc_y,acc_z',
      ...rows.reverse().map((l) => l.split(',').slice(0, 5).join(',')),
    ];
    const file = path.join(dir, 'new-recordings.csv');
    await writeFile(file, unlabelled.join('\n'));
    const r = await cli('predict', '--run', run, '--data', file, '--json');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    const result = JSON.parse(r.out) as BatchPrediction;
    expect(result.rows).toBe(2);
    expect(result.header.slice(0, 2)).toEqual(['recording', 'predicted']);
    const classes = result.header.slice(2).map((h) => h.replace('probability_', ''));
    expect(classes.length).toBeGreaterThanOrEqual(2);
    for (const row of result.preview) {
      expect(classes).toContain(row[1]);
      const sum = row.slice(2).reduce((s, p) => s + Number(p), 0);
      expect(sum).toBeCloseTo(1, 3);
    }
    expect(result.preview.map((row) => row[0]).sort()).toEqual(['rec-001', 'rec-002']);
  });

  it('names a missing feature column', async () => {
    const file = path.join(dir, 'partial.csv');
    await writeFile(file, 'recording,t,acc_x,acc_y\nrec-9,0,0.1,0.2\n');
    const r = await cli('predict', '--run', run, '--data', file);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/numeric column 'acc_z', which this file does not have/);
  });
});
