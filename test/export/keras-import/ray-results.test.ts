/**
 * Reading a Ray Tune results folder before import: complete trials are found in the plan's
 * order (also one folder down), and each damaged or failed trial is refused with a sentence
 * naming the file and the field, while the others still come in. Folders are laid out as Ray
 * Tune 2.x writes them for search.py (params.json, result.json, checkpoint_NNNNNN/).
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readRayResults } from '../../../src-main/export/keras-import/ray-results';

let dir = '';

beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'ray-results-'));
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface TrialFiles {
  params?: unknown;
  results?: unknown[];
  trial?: unknown;
  checkpoint?: boolean;
  error?: string;
  model?: boolean;
}

/** Writes one trial folder; each part can be left out or damaged. */
async function writeTrial(root: string, name: string, index: number, files: TrialFiles = {}): Promise<void> {
  const folder = path.join(root, name);
  await mkdir(folder, { recursive: true });
  await writeFile(path.join(folder, 'params.json'), JSON.stringify(files.params ?? { trial: index }));
  const results = files.results ?? [{ score: 0.5 - index / 10, test_rmse: 1.2, epochs: 4, trial_id: 'x' }];
  await writeFile(path.join(folder, 'result.json'), results.map((r) => JSON.stringify(r)).join('\n') + '\n');
  if (files.error) await writeFile(path.join(folder, 'error.txt'), files.error);
  if (files.checkpoint === false) return;
  const checkpoint = path.join(folder, 'checkpoint_000000');
  await mkdir(checkpoint);
  const trial = files.trial ?? { index, name: `Demand #${index + 1} (units=${4 * (index + 1)})`, values: { units: 4 } };
  await writeFile(path.join(checkpoint, 'trial.json'), JSON.stringify(trial));
  await writeFile(path.join(checkpoint, 'preprocessing.json'), '{}');
  if (files.model !== false) await writeFile(path.join(checkpoint, 'model.keras'), 'zip');
}

describe('readRayResults', () => {
  it('finds complete trials in the plan order, also in the folder above the search', async () => {
    const search = path.join(dir, 'search');
    // Ray names folders by trial id, not by plan order.
    await writeTrial(search, 'run_trial_b_00001_1_trial=1', 1);
    await writeTrial(search, 'run_trial_a_00000_0_trial=0', 0);
    for (const root of [search, dir]) {
      const { trials, refused } = await readRayResults(root);
      expect(refused).toEqual([]);
      expect(trials.map((t) => t.trial.index)).toEqual([0, 1]);
      expect(trials[0].kerasFile).toBe(
        path.join(search, 'run_trial_a_00000_0_trial=0', 'checkpoint_000000', 'model.keras'),
      );
      expect(trials[1].result.score).toBeCloseTo(0.4);
    }
  });

  it('reads the last report of result.json', async () => {
    await writeTrial(dir, 't0', 0, { results: [{ score: 3 }, { score: 1.5, test_rmse: 0.7 }] });
    const { trials } = await readRayResults(dir);
    expect(trials[0].result).toMatchObject({ score: 1.5, test_rmse: 0.7 });
  });

  it('refuses failed and damaged trials with the reason and keeps the others', async () => {
    await writeTrial(dir, 'good', 0);
    await writeTrial(dir, 'failed', 1, {
      error: 'Traceback\nRuntimeError: Trial 2 (Demand #2) failed: out of memory\n',
    });
    await writeTrial(dir, 'bad-params', 2, { params: { trial: 'two' } });
    await writeTrial(dir, 'no-checkpoint', 3, { checkpoint: false });
    await writeTrial(dir, 'other-trial', 4, { trial: { index: 9, name: 'x', values: {} } });
    await writeTrial(dir, 'no-model', 5, { model: false });
    await writeTrial(dir, 'bad-score', 6, { results: [{ score: 'low' }] });
    const { trials, refused } = await readRayResults(dir);
    expect(trials.map((t) => t.folder)).toEqual(['good']);
    const reason = (folder: string) => refused.find((r) => r.folder === folder)?.reason;
    expect(reason('failed')).toBe('The trial failed in Ray: RuntimeError: Trial 2 (Demand #2) failed: out of memory');
    expect(reason('bad-params')).toMatch(/params\.json is not what search\.py writes: trial is wrong/);
    expect(reason('no-checkpoint')).toMatch(/saved no checkpoint, so it has no model/);
    expect(reason('other-trial')).toMatch(/names trial 10, but Ray ran trial 5 here/);
    expect(reason('no-model')).toMatch(/has no model\.keras/);
    expect(reason('bad-score')).toMatch(/result\.json is not what search\.py writes: score is wrong/);
    expect(refused).toHaveLength(6);
  });

  it('says what to choose when the folder holds no trial or is not a folder', async () => {
    await expect(readRayResults(dir)).rejects.toThrow(/holds no Ray Tune trial \(no folder with params\.json\)/);
    const file = path.join(dir, 'model.keras');
    await writeFile(file, 'zip');
    await expect(readRayResults(file)).rejects.toThrow(/is not a folder: choose the results folder/);
  });
});
