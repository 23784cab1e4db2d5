/**
 * The trials a training project's search.py runs: the app expands the search plan over the
 * run's spec into the same candidates `recurrent search` trains, each with the Keras network it
 * builds, and refuses plans that change how data is prepared (the project cannot reproduce them).
 */
import { describe, expect, it } from 'vitest';
import { searchPlanRefusal, searchTrials } from '../../src-main/search/keras-trials';
import { planRuns, PlanError } from '../../src-main/search/expand-plan';
import type { SearchPlan } from '../../src-main/shared/types-project';
import { loadTf } from '../../src-main/tensorflow/load-tf';
import { validPreprocessing } from '../shared/preprocessing-fixture';

interface KerasLayer {
  class_name: string;
  config: { units?: number; batch_shape?: (number | null)[] };
}

const layersOf = (config: unknown) => (config as { config: { layers: KerasLayer[] } }).config.layers;

const plan = (dimensions: SearchPlan['dimensions'], extra: Partial<SearchPlan> = {}): SearchPlan => ({
  mode: 'grid',
  maxRuns: 10,
  seed: 1,
  dimensions,
  ...extra,
});

describe('search trials of a Keras training project', () => {
  it('gives each candidate of the plan its spec and the Keras network that spec builds', async () => {
    const { tf } = await loadTf();
    const pre = validPreprocessing();
    const grid = plan([
      { path: 'model.layers.0.units', values: [4, 12] },
      { path: 'data.lookback', values: [6, 9] },
    ]);
    const { trials, skipped } = searchTrials(tf, pre, grid);
    expect(skipped).toEqual([]);
    // The same candidates, in the same order, as the app's own search.
    expect(trials.map((t) => t.values)).toEqual(planRuns(pre.spec, grid).map((r) => r.values));
    expect(trials.map((t) => t.index)).toEqual([0, 1, 2, 3]);
    for (const t of trials) {
      const layers = layersOf(t.config);
      expect(layers[0].config.batch_shape).toEqual([null, t.spec.data.lookback, 1]);
      const recurrent = layers.find((l) => ['LSTM', 'GRU', 'SimpleRNN'].includes(l.class_name));
      expect(recurrent?.config.units).toBe(t.spec.model.layers[0].units);
      expect(t.values).toEqual({
        'model.layers.0.units': t.spec.model.layers[0].units,
        'data.lookback': t.spec.data.lookback,
      });
    }
  });

  it('lists invalid candidates with the reason instead of writing them', async () => {
    const { tf } = await loadTf();
    const { trials, skipped } = searchTrials(
      tf,
      validPreprocessing(),
      plan([{ path: 'model.layers.0.units', values: [8, -3] }]),
    );
    expect(trials).toHaveLength(1);
    expect(skipped).toHaveLength(1);
    expect(skipped[0].values).toEqual({ 'model.layers.0.units': -3 });
    expect(skipped[0].reason).not.toBe('');
  });

  it('refuses settings that change how the data is prepared, naming them', async () => {
    const refused = plan([
      { path: 'data.targetTransform', values: ['level', 'difference'] },
      { path: 'training.epochs', values: [5, 10] },
    ]);
    expect(searchPlanRefusal(refused)).toMatch(/"data\.targetTransform" changes how the data is prepared/);
    expect(searchPlanRefusal(plan([{ path: 'training.epochs', values: [5] }]))).toBeNull();
    const { tf } = await loadTf();
    expect(() => searchTrials(tf, validPreprocessing(), refused)).toThrow(PlanError);
  });
});
