/**
 * `recurrent import-ray`, `import-keras` and `export --plan` on bad input: each answers exit code 2 with one
 * sentence that says what to give instead, before any model is read.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from './run-cli';

let dir = '';

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'cli-import-ray-'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('recurrent import-ray', () => {
  it('needs the results folder and --out', async () => {
    const r = await cli('import-ray', dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain('recurrent import-ray needs the results folder of a Ray Tune search and --out DIR.');
  });

  it('says which folder to choose when it holds no trial', async () => {
    const r = await cli('import-ray', dir, '--out', path.join(dir, 'runs'), '--json');
    expect(r.code).toBe(2);
    const error = JSON.parse(r.out) as { code: string; message: string };
    expect(error.code).toBe('bad-input');
    expect(error.message).toMatch(/holds no Ray Tune trial .*choose the folder search\.py wrote/);
  });

  it('imports nothing and says so when every trial failed', async () => {
    const trial = path.join(dir, 'search', 'run_trial_00000_0_trial=0');
    await mkdir(trial, { recursive: true });
    await writeFile(path.join(trial, 'params.json'), '{"trial": 0}');
    await writeFile(path.join(trial, 'error.txt'), 'RuntimeError: Trial 1 failed\n');
    const r = await cli('import-ray', path.join(dir, 'search'), '--out', path.join(dir, 'none'));
    expect(r.code).toBe(2);
    expect(r.err).toContain(
      'Not imported: run_trial_00000_0_trial=0: The trial failed in Ray: RuntimeError: Trial 1 failed',
    );
    expect(r.err).toContain('No trial of the search could be imported.');
  });

  it('refuses an --out folder that already exists', async () => {
    const r = await cli('import-ray', dir, '--out', dir);
    expect(r.code).toBe(2);
    expect(r.err).toContain('already exists: give a new folder for the imported runs');
  });
});

describe('recurrent export --plan', () => {
  it('goes with the training project only', async () => {
    const r = await cli(
      'export',
      '--run',
      dir,
      '--format',
      'onnx',
      '--out',
      path.join(dir, 'm.onnx'),
      '--plan',
      'p.json',
    );
    expect(r.code).toBe(2);
    expect(r.err).toContain('--plan goes with --format keras-project');
  });
});

describe('recurrent import-keras', () => {
  it('asks for the preprocessing.json of the run when none lies beside the model', async () => {
    const model = path.join(dir, 'elsewhere', 'model.keras');
    await mkdir(path.dirname(model), { recursive: true });
    await writeFile(model, 'zip');
    const r = await cli('import-keras', model, '--out', path.join(dir, 'keras-run'));
    expect(r.code).toBe(2);
    expect(r.err).toContain(
      `There is no preprocessing file ${path.join(dir, 'elsewhere', 'preprocessing.json')}: put the preprocessing.json of the run the model fits beside it`,
    );
  });
});
