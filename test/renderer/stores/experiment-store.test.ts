// @vitest-environment happy-dom
import { createPinia, setActivePinia } from 'pinia';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { nextTick } from 'vue';
import type { SpecProblem } from '../../../src-main/shared/spec';
import { setStudioApi } from '../../../src-renderer/composables/use-studio-api';
import { REFRESH_DELAY_MS, useExperimentStore } from '../../../src-renderer/stores/experiment-store';
import { FakeStudioApi } from '../fake-studio-api';
import { modelSummary, spec } from '../fixtures';

/** A validator in the spirit of main's: the window must fit in 50 rows. */
function validate(input: unknown): { ok: boolean; problems: SpecProblem[] } {
  const lookback = (input as { data: { lookback: number } }).data.lookback;
  const problems =
    lookback > 50 ? [{ path: 'data.lookback', message: `A window of ${lookback} is longer than the 50 rows.` }] : [];
  return { ok: problems.length === 0, problems };
}

describe('useExperimentStore', () => {
  let api: FakeStudioApi;
  beforeEach(() => {
    api = new FakeStudioApi({
      'spec.suggest': () => spec({ lookback: 12 }),
      'spec.validate': ({ spec: s }) => validate(s),
      'model.summary': () => modelSummary(),
    });
    setStudioApi(api);
    setActivePinia(createPinia());
  });
  afterEach(() => vi.useRealTimers());

  it('starts from main’s suggestion, validated, with the architecture summary', async () => {
    vi.useFakeTimers();
    const store = useExperimentStore();
    expect(await store.suggest('ds-1')).toBe(true);
    vi.advanceTimersByTime(REFRESH_DELAY_MS * 2);
    await Promise.resolve();
    // Loading a suggestion validates it once, not once more when the edit watcher fires.
    expect(api.callsOf('spec.validate')).toHaveLength(1);
    // No task of its own: main proposes the one the file's layout calls for.
    expect(api.callsOf('spec.suggest')[0]).toEqual({ datasetId: 'ds-1' });
    expect(store.spec?.data.lookback).toBe(12);
    expect(store.valid).toBe(true);
    expect(store.summary?.totalParams).toBe(modelSummary().totalParams);
  });

  it('asks main for the task the user chose instead of the proposed one', async () => {
    const store = useExperimentStore();
    await store.suggest('ds-1', 'rain', 'sequence-classification');
    expect(api.callsOf('spec.suggest')[0]).toEqual({
      datasetId: 'ds-1',
      target: 'rain',
      task: 'sequence-classification',
    });
  });

  it('reports field problems by path, nested paths counting for their parent', async () => {
    const store = useExperimentStore();
    await store.suggest('ds-1');
    api.handlers['spec.validate'] = () => ({
      ok: false,
      problems: [
        { path: 'model.layers.1.units', message: 'Units must be at least 1.' },
        { path: 'model.layers', message: 'Use at most 3 layers.' },
      ],
    });
    await store.refreshNow();
    expect(store.valid).toBe(false);
    expect(store.problemsFor('model.layers.1.units').map((p) => p.message)).toEqual(['Units must be at least 1.']);
    expect(store.problemsFor('model.layers')).toHaveLength(2);
    expect(store.problemsFor('model.layers', true).map((p) => p.message)).toEqual(['Use at most 3 layers.']);
    expect(store.problemsFor('data.lookback')).toEqual([]);
  });

  it('validates once after a burst of edits, with the last values', async () => {
    const store = useExperimentStore();
    await store.suggest('ds-1');
    const before = api.callsOf('spec.validate').length;
    vi.useFakeTimers();
    for (const lookback of [20, 40, 60]) {
      store.spec!.data.lookback = lookback;
      await nextTick();
      vi.advanceTimersByTime(REFRESH_DELAY_MS / 3);
    }
    expect(api.callsOf('spec.validate').length).toBe(before);
    vi.advanceTimersByTime(REFRESH_DELAY_MS);
    vi.useRealTimers();
    await vi.waitFor(() => expect(store.problemsFor('data.lookback')).toHaveLength(1));
    const calls = api.callsOf('spec.validate') as { spec: { data: { lookback: number } } }[];
    expect(calls.length).toBe(before + 1);
    expect(calls[calls.length - 1]!.spec.data.lookback).toBe(60);
    expect(store.valid).toBe(false);
  });

  it('ignores an older validation that answers after a newer one', async () => {
    const store = useExperimentStore();
    await store.suggest('ds-1');
    const releases: (() => void)[] = [];
    api.handlers['spec.validate'] = ({ spec: s }) =>
      new Promise((resolve) => releases.push(() => resolve(validate(s))));
    store.spec!.data.lookback = 80;
    const older = store.refreshNow();
    store.spec!.data.lookback = 10;
    const newer = store.refreshNow();
    releases[1]!();
    await newer;
    releases[0]!();
    await older;
    expect(store.valid).toBe(true);
    expect(store.problems).toEqual([]);
  });

  it('resizes the layer stack, copying the last layer', async () => {
    const store = useExperimentStore();
    await store.suggest('ds-1');
    store.spec!.model.layers[0]!.units = 48;
    store.setLayerCount(3);
    expect(store.spec!.model.layers.map((l) => l.units)).toEqual([48, 48, 48]);
    store.spec!.model.layers[2]!.units = 8;
    store.setLayerCount(2);
    expect(store.spec!.model.layers.map((l) => l.units)).toEqual([48, 48]);
  });
});
