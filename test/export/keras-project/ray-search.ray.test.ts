/**
 * A search plan run with Ray Tune and brought back: the app exports a forecast run's training
 * project with a plan of 4 candidates, the project's search.py runs them as 4 Ray Tune trials on
 * a local Ray runtime (Python environment py-ray: TensorFlow and Ray), and `recurrent
 * import-ray` imports the results folder as 4 runs, each scored by the app as Ray reported it.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RunResult } from '../../../src-main/shared/types';
import { quickTraining, trainRun } from '../../model-use/train-run';
import { cli } from '../../cli/run-cli';
import { ensureRayPython } from '../python-keras';
import { exportProject, PERIOD, runPython, writeArSeries } from './project-fixture';

const PLAN = {
  mode: 'grid',
  maxRuns: 4,
  seed: 1,
  dimensions: [
    { path: 'model.layers.0.units', values: [4, 12] },
    { path: 'training.optimizer.learningRate', values: [0.01, 0.003] },
  ],
};

let dir = '';
let data = '';
let project = '';
let python: string | null = null;

beforeAll(async () => {
  python = ensureRayPython();
  dir = await mkdtemp(path.join(tmpdir(), 'keras-ray-search-'));
  data = path.join(dir, 'demand.csv');
  project = path.join(dir, 'project');
  await writeArSeries(data);
  const runDir = path.join(dir, 'run');
  await trainRun(
    {
      data: {
        file: data,
        timeColumn: 'date',
        targetColumns: ['demand'],
        seasonalPeriod: PERIOD,
        lookback: 14,
        horizon: 1,
      },
      model: { cell: 'GRU', layers: [{ units: 8 }] },
      training: quickTraining(3),
    },
    runDir,
  );
  const planFile = path.join(dir, 'plan.json');
  await writeFile(planFile, JSON.stringify(PLAN));
  await exportProject(runDir, project, ['--plan', planFile]);
}, 600_000);

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('search.py of a training project on Ray Tune', () => {
  it('runs a plan of 4 candidates as 4 trials on a local Ray runtime, which import as 4 runs', async (ctx) => {
    if (!python) ctx.skip();
    const started = Date.now();
    const out = path.join(dir, 'ray-results');
    const search = await runPython(
      python!,
      [path.join(project, 'search.py'), '--data', data, '--out', out, '--name', 'demand', '--epochs', '4'],
      { cwd: project },
    );
    if (search.code !== 0) throw new Error(`search.py failed (${search.code}): ${search.stderr.slice(-3000)}`);
    const summary = JSON.parse(search.stdout.trim().split('\n').at(-1) ?? '{}') as { trials: number; failed: number };
    expect(summary).toMatchObject({ trials: 4, failed: 0 });
    const searched = (Date.now() - started) / 1000;

    const runs = path.join(dir, 'runs');
    const imported = await cli('import-ray', path.join(out, 'demand'), '--out', runs, '--json');
    expect(imported.code, imported.err).toBe(0);
    const report = JSON.parse(imported.out) as {
      imported: { trial: number; runDir: string; reported: Record<string, unknown> }[];
      refused: unknown[];
    };
    expect(report.refused).toEqual([]);
    expect(report.imported.map((r) => r.trial)).toEqual([1, 2, 3, 4]);

    const records = await Promise.all(
      report.imported.map(
        async (r) => JSON.parse(await readFile(path.join(r.runDir, 'run.json'), 'utf8')) as RunResult,
      ),
    );
    // Each run is the candidate it claims: the plan's units and learning rate, in the plan's grid order.
    expect(records.map((r) => [r.spec.model.layers[0].units, r.spec.training.optimizer.learningRate])).toEqual([
      [4, 0.01],
      [4, 0.003],
      [12, 0.01],
      [12, 0.003],
    ]);
    for (const r of records) {
      expect(r.status).toBe('completed');
      if (r.evaluation?.kind !== 'forecast') throw new Error('an imported trial has no forecast scores');
      expect(Number.isFinite(r.evaluation.metrics.rmse)).toBe(true);
    }
    // The app scores each imported model as the trial itself reported it to Ray.
    records.forEach((r, i) => {
      if (r.evaluation?.kind !== 'forecast') throw new Error('scores');
      expect(Math.abs(r.evaluation.metrics.rmse - Number(report.imported[i].reported.test_rmse))).toBeLessThan(1e-4);
    });
    console.log(
      `Ray Tune search of 4 trials: search.py ${searched.toFixed(0)} s, with the import ${((Date.now() - started) / 1000).toFixed(0)} s (machine under load)`,
    );
  }, 1_200_000);
});
