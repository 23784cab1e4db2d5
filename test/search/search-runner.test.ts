import { describe, expect, it } from 'vitest';
import { scoreOf, SearchRunner, type RunOne } from '../../src-main/search/search-runner';
import { parseSpec, type ExperimentSpec } from '../../src-main/shared/spec';
import type { RunResult } from '../../src-main/shared/types';
import type { SearchPlan, SearchState } from '../../src-main/shared/types-project';

const baseInput = { name: 'Base', data: { file: '/data/flow.csv', targetColumns: ['flow'] } };

function result(
  spec: ExperimentSpec,
  runId: string,
  valLosses: (number | null)[],
  status: RunResult['status'] = 'completed',
): RunResult {
  return {
    runId,
    name: spec.name,
    task: spec.task,
    status,
    startedAt: new Date(0).toISOString(),
    durationSeconds: 1,
    backend: 'cpu',
    headline: {},
    spec,
    fused: false,
    history: valLosses.map((v, i) => ({
      runId,
      epoch: i + 1,
      loss: 1,
      valLoss: v,
      metrics: {},
      valMetrics: {},
      learningRate: 0.001,
      gradNorms: {},
      seconds: 0,
      samplesPerSecond: 0,
    })),
    evaluation: null,
    modelDir: null,
    error: status === 'failed' ? 'out of memory' : null,
    log: [],
  };
}

const unitsPlan: SearchPlan = {
  mode: 'grid',
  maxRuns: 10,
  seed: 1,
  dimensions: [{ path: 'model.layers.0.units', values: [8, 16, 32, 64] }],
};

describe('scoreOf', () => {
  it('uses the best validation loss when early stopping restores it, else the last', () => {
    const spec = parseSpec(baseInput);
    if (!spec.ok) throw new Error();
    expect(scoreOf(result(spec.spec, 'a', [0.9, 0.4, 0.6]))).toBe(0.4);
    const noRestore = {
      ...spec.spec,
      training: {
        ...spec.spec.training,
        earlyStopping: { enabled: true, patience: 3, restoreBest: false, minEpochs: 0 },
      },
    };
    expect(scoreOf(result(noRestore, 'a', [0.9, 0.4, 0.6]))).toBe(0.6);
    expect(scoreOf(result(spec.spec, 'a', [null, null]))).toBeNull();
    expect(scoreOf(result(spec.spec, 'a', [0.1], 'failed'))).toBeNull();
  });
});

describe('SearchRunner', () => {
  it('runs candidates one at a time, in order, and picks the lowest validation score', async () => {
    const calls: number[] = [];
    let active = 0;
    let most = 0;
    // Validation loss is lowest for 32 units.
    const runOne: RunOne = async (spec, runId) => {
      active++;
      most = Math.max(most, active);
      calls.push(spec.model.layers[0].units);
      await new Promise((r) => setTimeout(r, 5));
      active--;
      const u = spec.model.layers[0].units;
      return result(spec, runId, [5, Math.abs(Math.log2(u) - 5) + 0.1]);
    };
    const updates: SearchState[] = [];
    const runner = new SearchRunner({ runOne, onUpdate: (s) => updates.push(s), newSearchId: () => 'search-1' });
    const { searchId, done } = runner.start(baseInput, unitsPlan);
    expect(searchId).toBe('search-1');
    expect(runner.busy).toBe(true);
    expect(() => runner.start(baseInput, unitsPlan)).toThrow(/already running/);
    const final = await done;
    expect(calls).toEqual([8, 16, 32, 64]);
    expect(most).toBe(1);
    expect(final.status).toBe('completed');
    expect(final.done).toBe(4);
    expect(final.rows.map((r) => r.score)).toEqual([2.1, 1.1, 0.1, 1.1]);
    expect(final.bestRunId).toBe(final.rows[2].runId);
    expect(final.metric).toBe('validation loss (MSE)');
    expect(updates.at(-1)).toEqual(final);
    expect(updates.some((u) => u.rows[0].status === 'running')).toBe(true);
    expect(runner.busy).toBe(false);
  });

  it('trains one network per run when the spec asks for an ensemble, and says so', async () => {
    const sizes: number[] = [];
    const runOne: RunOne = async (spec, runId) => {
      sizes.push(spec.training.ensemble);
      return result(spec, runId, [0.5]);
    };
    const ensemble = { ...baseInput, training: { ensemble: 3 } };
    const final = await new SearchRunner({ runOne }).start(ensemble, unitsPlan).done;
    expect(sizes).toEqual([1, 1, 1, 1]);
    expect(final.verdict).toMatch(
      /^The spec asks for an ensemble of 3 networks; each run of the search trains one network/,
    );
    expect(final.verdict).toMatch(/with an ensemble size of 3 for the model to keep\.$/);
    // A plan that varies the ensemble size ranks the sizes it lists.
    sizes.length = 0;
    const sizePlan: SearchPlan = { ...unitsPlan, dimensions: [{ path: 'training.ensemble', values: [1, 3] }] };
    const bySize = await new SearchRunner({ runOne }).start(ensemble, sizePlan).done;
    expect(sizes).toEqual([1, 3]);
    expect(bySize.verdict).toBeUndefined();
    expect((await new SearchRunner({ runOne }).start(baseInput, unitsPlan).done).verdict).toBeUndefined();
  });

  it('cancel stops the current run and starts no more', async () => {
    const seen: string[] = [];
    let runner: SearchRunner | null = null;
    const runOne: RunOne = (spec, runId, signal) =>
      new Promise((resolve) => {
        seen.push(runId);
        if (seen.length === 2) runner!.cancel('s');
        const finish = () => resolve(result(spec, runId, [0.5], signal.aborted ? 'cancelled' : 'completed'));
        if (signal.aborted) finish();
        else setTimeout(finish, 5);
      });
    runner = new SearchRunner({ runOne, newSearchId: () => 's' });
    const final = await runner.start(baseInput, unitsPlan).done;
    expect(seen).toHaveLength(2);
    expect(final.status).toBe('cancelled');
    expect(final.rows.map((r) => r.status)).toEqual(['completed', 'cancelled', 'cancelled', 'cancelled']);
    expect(final.bestRunId).toBe(final.rows[0].runId);
    expect(runner.cancel('s')).toBe(false);
  });

  it('a failing or throwing run does not stop the search; skipped rows are never run', async () => {
    const plan: SearchPlan = { ...unitsPlan, dimensions: [{ path: 'model.layers.0.units', values: [8, 0, 16, 32] }] };
    const ran: number[] = [];
    const runOne: RunOne = async (spec, runId) => {
      const u = spec.model.layers[0].units;
      ran.push(u);
      if (u === 16) throw new Error('worker crashed');
      return result(spec, runId, [u === 8 ? 0.9 : 0.3], u === 8 ? 'failed' : 'completed');
    };
    const final = await new SearchRunner({ runOne }).start(baseInput, plan).done;
    expect(ran).toEqual([8, 16, 32]);
    expect(final.rows.map((r) => r.status)).toEqual(['failed', 'skipped', 'failed', 'completed']);
    expect(final.rows[1].note).toMatch(/units/);
    expect(final.rows[2].note).toBe('worker crashed');
    expect(final.bestRunId).toBe(final.rows[3].runId);
    expect(final.status).toBe('completed');
  });

  it('refuses an invalid base spec or plan before running anything', () => {
    const runner = new SearchRunner({ runOne: () => Promise.reject(new Error('must not run')) });
    expect(() => runner.start({ data: {} }, unitsPlan)).toThrow(/settings need attention/);
    expect(() => runner.start(baseInput, { ...unitsPlan, dimensions: [] })).toThrow(/at least one setting/);
    expect(runner.busy).toBe(false);
  });
});
